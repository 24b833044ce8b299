import type { Role } from '../api/types.ts';
import { adminNav } from '../features/admin/nav.ts';
import { adminPeopleNav } from '../features/admin-people/nav.ts';
import { intakeNav } from '../features/intake/nav.ts';
import { portalNav } from '../features/portal/nav.ts';
import { supervisorNav } from '../features/supervisor/nav.ts';
import { workspaceNav } from '../features/workspace/nav.ts';

// The header's links: each area lists its own (features/<area>/nav.ts), shown to the roles named.
export type NavEntry = { to: string; labelKey: string; roles: readonly Role[] };

export const STAFF: readonly Role[] = [
  'representative',
  'supervisor',
  'department_agent',
  'administrator',
  'auditor',
];

export const NAV: readonly NavEntry[] = [
  ...supervisorNav,
  ...workspaceNav,
  ...intakeNav,
  ...portalNav,
  ...adminNav,
  ...adminPeopleNav,
];

export function navFor(role: Role): NavEntry[] {
  return NAV.filter((e) => e.roles.includes(role));
}
