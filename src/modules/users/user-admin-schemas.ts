import { z } from 'zod';
import type { Role } from '../../db/schema.ts';

// The administrator's view of logins (staff and customers) and what they may change. Never a
// password hash; an initial password appears once, in the response that created it.

export const ROLES = [
  'customer',
  'representative',
  'supervisor',
  'department_agent',
  'administrator',
  'auditor',
] as const satisfies readonly Role[];
export const STAFF_ROLES = [
  'representative',
  'supervisor',
  'department_agent',
  'administrator',
  'auditor',
] as const satisfies readonly Role[];

const RoleSchema = z.enum(ROLES);
const StaffRoleSchema = z
  .enum(STAFF_ROLES)
  .describe('A staff role; customer logins come with their customer');
const LanguageSchema = z.enum(['sv', 'it', 'en']);
const TeamCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .describe('A team code (GET /teams); claims are routed to the team’s representatives');
const DepartmentCode = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .describe('A department code (GET /departments); its agents answer referrals');

export const UserListQuerySchema = z
  .object({
    role: RoleSchema.optional(),
    team: z.string().max(40).optional(),
    department: z.string().max(40).optional(),
    active: z.enum(['true', 'false']).optional().describe('Only active or only deactivated logins'),
    q: z.string().trim().max(100).optional().describe('Part of the name or email'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type UserListQuery = z.input<typeof UserListQuerySchema>;

export const UserAdminSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    team: z.string().nullable(),
    department: z.string().nullable(),
    locale: LanguageSchema,
    active: z.boolean(),
    customerId: z.uuid().nullable().describe('Set only for customer logins'),
    customerNumber: z.string().nullable(),
    lastSignInAt: z.string().nullable().describe('When the login last started a session'),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'UserAdmin' });
export type UserAdminView = z.infer<typeof UserAdminSchema>;

export const UserUpdatedSchema = UserAdminSchema.extend({
  handedBack: z
    .object({
      claims: z.number().int(),
      serviceCases: z.number().int(),
      referrals: z.number().int(),
      other: z.number().int().describe('Triage messages and any other open work'),
      total: z.number().int(),
    })
    .optional()
    .describe(
      'Only when the login was deactivated: its open work items given back to their team or department queue (unassigned)',
    ),
}).meta({ id: 'UserUpdated' });
export type UserUpdatedView = z.infer<typeof UserUpdatedSchema>;

export const UserPageSchema = z.object({
  items: z.array(UserAdminSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});

export const NewStaffUserSchema = z
  .object({
    email: z.email().max(254),
    displayName: z.string().trim().min(2).max(120),
    role: StaffRoleSchema,
    team: TeamCode.nullable().optional(),
    department: DepartmentCode.nullable().optional(),
    locale: LanguageSchema.default('en'),
    password: z
      .string()
      .min(12)
      .max(200)
      .optional()
      .describe('The initial password; left out, one is generated and returned once as `initialPassword`'),
  })
  .strict()
  .meta({ id: 'NewStaffUser' });
export type NewStaffUser = z.input<typeof NewStaffUserSchema>;

export const CreatedUserSchema = UserAdminSchema.extend({
  initialPassword: z
    .string()
    .optional()
    .describe('The generated password, in this response only (never stored, never replayed)'),
}).meta({ id: 'CreatedUser' });
export type CreatedUserView = z.infer<typeof CreatedUserSchema>;

export const UserPatchSchema = z
  .object({
    version: z.number().int().positive().describe('The version you saw; a stale one is refused (409)'),
    displayName: z.string().trim().min(2).max(120).optional(),
    role: StaffRoleSchema.optional(),
    team: TeamCode.nullable().optional(),
    department: DepartmentCode.nullable().optional(),
    locale: LanguageSchema.optional(),
    active: z.boolean().optional().describe('false: the login can no longer sign in; its sessions end'),
  })
  .strict()
  .meta({ id: 'UserPatch' });
export type UserPatch = z.input<typeof UserPatchSchema>;

export const TeamSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    department: z.string().nullable(),
    country: z.string().nullable(),
    productCodes: z.array(z.string()).describe('Products routed to the team; empty: any product'),
  })
  .meta({ id: 'Team' });

export const PermissionMatrixSchema = z
  .object({
    roles: z.array(RoleSchema),
    permissions: z.array(
      z.object({
        permission: z.string(),
        roles: z.array(RoleSchema).describe('The roles that have it (the server itself is left out)'),
      }),
    ),
  })
  .meta({ id: 'PermissionMatrix' });
export type PermissionMatrixView = z.infer<typeof PermissionMatrixSchema>;
