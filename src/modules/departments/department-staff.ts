import type { Transaction } from 'kysely';
import type { DB, Language, Role } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Actor } from '../users/actor.ts';
import type { DepartmentRow } from './department-schemas.ts';

// Who works in a department: active users whose users.department is its code, as department
// agents or supervisors (the roles that may handle referrals). Its supervisor (departments.
// supervisor_id) may act on its referrals too, whatever their own users.department says.

export const DEPARTMENT_STAFF_ROLES: readonly Role[] = ['department_agent', 'supervisor'];

/** Active staff per department code (codes without staff are absent). One statement. */
export async function activeStaffCounts(
  db: Executor,
  codes: readonly string[],
): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['department'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('department', 'in', [...codes])
    .where('active', '=', true)
    .where('role', 'in', [...DEPARTMENT_STAFF_ROLES])
    .groupBy('department')
    .execute();
  return new Map(rows.map((r) => [r.department as string, Number(r.n)]));
}

/** The people told of a new referral: the department's active staff and its supervisor. */
export async function departmentRecipients(
  trx: Transaction<DB>,
  department: DepartmentRow,
): Promise<{ id: string; locale: Language }[]> {
  return trx
    .selectFrom('users')
    .select(['id', 'locale'])
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb.and([eb('department', '=', department.code), eb('role', 'in', [...DEPARTMENT_STAFF_ROLES])]),
        ...(department.supervisor_id ? [eb('id', '=', department.supervisor_id)] : []),
      ]),
    )
    .orderBy('id')
    .execute();
}

/** The active department with this code, or 422 department_not_found on the field `path`. */
export async function findActiveDepartment(
  db: Executor,
  code: string,
  path: (string | number)[] = ['department'],
  opts: { forShare?: boolean } = {},
): Promise<DepartmentRow> {
  let q = db.selectFrom('departments').selectAll().where('code', '=', code);
  // A referral locks its department (shared) so that deactivating it waits for the referral.
  if (opts.forShare) q = q.forShare();
  const row = await q.executeTakeFirst();
  if (!row?.active) {
    throw fieldError(
      'department_not_found',
      path,
      row ? `Department "${code}" is inactive.` : `No department "${code}".`,
      row ? 'inactive' : 'unknown',
    );
  }
  return row;
}

/**
 * A referral needs someone to answer it: refuse one to a department without active staff (an
 * unanswered referral would only wait for its deadline to pass).
 */
export async function assertDepartmentStaffed(db: Executor, department: DepartmentRow): Promise<void> {
  const counts = await activeStaffCounts(db, [department.code]);
  if ((counts.get(department.code) ?? 0) === 0) {
    throw new AppError(
      'department_unstaffed',
      `Department "${department.name.en}" (${department.code}) has no active staff to answer a referral; ` +
        'ask an administrator to staff it, or refer the question elsewhere.',
      {
        errors: [
          {
            in: 'body',
            path: ['department'],
            code: 'unstaffed',
            message: `No active staff in ${department.code}.`,
          },
        ],
        extra: { department: department.code },
      },
    );
  }
}

/** A department's supervisor must be an active user who may handle referrals. */
export async function assertSupervisorCandidate(
  db: Executor,
  userId: string,
  path: (string | number)[] = ['supervisorId'],
): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select(['role', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user?.active || !DEPARTMENT_STAFF_ROLES.includes(user.role)) {
    throw fieldError(
      'validation_failed',
      path,
      user
        ? `User ${userId} cannot supervise a department: it must be an active supervisor or department agent.`
        : `No user ${userId}.`,
      'supervisor_invalid',
    );
  }
}

/** Whether the actor works in the department (its staff, or its supervisor); the system always does. */
export function worksInDepartment(
  actor: Actor,
  department: { code: string; supervisor_id: string | null },
): boolean {
  if (actor.kind === 'system') return true;
  if (department.supervisor_id !== null && actor.userId === department.supervisor_id) return true;
  return DEPARTMENT_STAFF_ROLES.includes(actor.role) && actor.department === department.code;
}
