import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { DepartmentsTable } from '../../db/schema.ts';

export type DepartmentRow = Selectable<DepartmentsTable>;

const Name = z.string().trim().min(2).max(120);
export const LocalizedNameSchema = z.object({ sv: Name, it: Name, en: Name }).strict();

export const DepartmentCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _, starting with a letter (2–40)')
  .describe('Stable code, e.g. payments; staff belong through users.department');

export const NewDepartmentSchema = z
  .object({
    code: DepartmentCodeSchema,
    name: LocalizedNameSchema,
    supervisorId: z
      .uuid()
      .nullable()
      .optional()
      .describe("Receives the department's breached referral deadlines; an active supervisor or agent"),
    active: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'NewDepartment' });
export type NewDepartment = z.input<typeof NewDepartmentSchema>;

export const DepartmentPatchSchema = z
  .object({
    version: z.number().int().positive().describe('The version you saw; a stale one is refused (409)'),
    name: LocalizedNameSchema.optional(),
    supervisorId: z.uuid().nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'DepartmentPatch' });
export type DepartmentPatch = z.input<typeof DepartmentPatchSchema>;

export const DepartmentSchema = z
  .object({
    code: z.string(),
    name: z.object({ sv: z.string(), it: z.string(), en: z.string() }),
    active: z.boolean(),
    supervisor: z
      .object({ id: z.uuid(), displayName: z.string(), active: z.boolean() })
      .nullable()
      .describe("Who receives the department's breached referral deadlines"),
    activeStaff: z
      .number()
      .int()
      .describe('Active department agents and supervisors whose users.department is this code'),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Department' });
export type DepartmentView = z.infer<typeof DepartmentSchema>;

export function toDepartmentView(
  row: DepartmentRow,
  extra: {
    supervisor: { id: string; displayName: string; active: boolean } | null;
    activeStaff: number;
  },
): DepartmentView {
  return {
    code: row.code,
    name: row.name,
    active: row.active,
    supervisor: extra.supervisor,
    activeStaff: extra.activeStaff,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}
