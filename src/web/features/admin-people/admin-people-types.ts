import type { Language, Role } from '../../api/types.ts';

// The shapes of the user administration and template preview endpoints (only the fields used).

export type AdminUser = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  team: string | null;
  department: string | null;
  locale: Language;
  active: boolean;
  customerId: string | null;
  customerNumber: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  version: number;
};

/** What a deactivation gave back to the queues (PATCH /users/{id} answers it only then). */
export type HandedBack = {
  claims: number;
  serviceCases: number;
  referrals: number;
  other: number;
  total: number;
};

export type CreatedUser = AdminUser & { initialPassword?: string };

export type UserPage = { items: AdminUser[]; total: number; limit: number; offset: number };

export type Team = { code: string; name: string; department: string | null; country: string | null };

export type Department = { code: string; name: Record<Language, string>; active: boolean };

export type PermissionMatrix = { roles: Role[]; permissions: { permission: string; roles: Role[] }[] };

export type UserFilters = {
  role: string;
  team: string;
  department: string;
  active: '' | 'true' | 'false';
  q: string;
};

export type TemplateEntry = {
  kind: string;
  template: string;
  outcome: 'approved' | 'partially_approved' | 'denied' | null;
  entity: 'claim' | 'case';
};

export type TemplatePreview = {
  kind: string;
  template: string;
  language: Language;
  subject: string;
  title: string;
  emailText: string;
  formal: boolean;
  notice: { subject: string; body: string };
  params: Record<string, string | number>;
};

export const ROLES: readonly Role[] = [
  'customer',
  'representative',
  'supervisor',
  'department_agent',
  'administrator',
  'auditor',
];
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'customer');
