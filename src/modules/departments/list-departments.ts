import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../users/actor.ts';
import { type DepartmentRow, type DepartmentView, toDepartmentView } from './department-schemas.ts';
import { activeStaffCounts } from './department-staff.ts';

/** Departments are the organisation's, read by staff; customers never see who answers internally. */
export function assertStaff(actor: Actor): void {
  if (actor.role === 'customer') throw new AppError('forbidden', 'Departments are for staff.');
}

/** Views of department rows: three statements whatever their number (rows, staff, supervisors). */
export async function departmentViews(
  db: Executor,
  rows: readonly DepartmentRow[],
): Promise<DepartmentView[]> {
  const codes = rows.map((r) => r.code);
  const supervisorIds = [...new Set(rows.flatMap((r) => (r.supervisor_id ? [r.supervisor_id] : [])))];
  const [counts, supervisors] = await Promise.all([
    activeStaffCounts(db, codes),
    supervisorIds.length > 0
      ? db
          .selectFrom('users')
          .select(['id', 'display_name', 'active'])
          .where('id', 'in', supervisorIds)
          .execute()
      : Promise.resolve([]),
  ]);
  const byId = new Map(supervisors.map((s) => [s.id, s]));
  return rows.map((row) => {
    const s = row.supervisor_id ? byId.get(row.supervisor_id) : undefined;
    return toDepartmentView(row, {
      supervisor: s ? { id: s.id, displayName: s.display_name, active: s.active } : null,
      activeStaff: counts.get(row.code) ?? 0,
    });
  });
}

export async function listDepartments(opts: {
  db: Kysely<DB>;
  actor: Actor;
  includeInactive?: boolean;
}): Promise<DepartmentView[]> {
  assertStaff(opts.actor);
  let q = opts.db.selectFrom('departments').selectAll();
  if (!opts.includeInactive) q = q.where('active', '=', true);
  return departmentViews(opts.db, await q.orderBy('code').execute());
}

export async function getDepartment(opts: {
  db: Executor;
  actor: Actor;
  code: string;
}): Promise<DepartmentView> {
  assertStaff(opts.actor);
  const row = await opts.db
    .selectFrom('departments')
    .selectAll()
    .where('code', '=', opts.code)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `No department "${opts.code}".`);
  const [view] = await departmentViews(opts.db, [row]);
  return view as DepartmentView;
}
