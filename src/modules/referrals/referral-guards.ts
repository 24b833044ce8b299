import type { Transaction } from 'kysely';
import type { DB, ReferralRow } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import type { AuditInput } from '../audit/index.ts';
import { transitionCaseInTransaction } from '../cases/index.ts';
import { type DepartmentRow, worksInDepartment } from '../departments/index.ts';
import type { Actor } from '../users/actor.ts';
import { LIVE_REFERRAL_STATUSES } from './referral-lifecycle.ts';

/** Refuses a change based on a stale read of the referral (optimistic concurrency, 409). */
export function assertReferralVersion(row: ReferralRow, expected: number): void {
  if (row.version !== expected) {
    throw new AppError(
      'version_conflict',
      `Referral ${row.referral_number} is at version ${row.version}, not ${expected}.`,
      { extra: { currentVersion: row.version, status: row.status } },
    );
  }
}

/** The referral's department; only its staff and its supervisor accept, answer or return it. */
export async function departmentActing(
  trx: Transaction<DB>,
  actor: Actor,
  row: ReferralRow,
): Promise<DepartmentRow> {
  const department = await trx
    .selectFrom('departments')
    .selectAll()
    .where('code', '=', row.department)
    .executeTakeFirstOrThrow();
  if (!worksInDepartment(actor, department)) {
    throw new AppError(
      'forbidden',
      `Referral ${row.referral_number} is for ${department.name.en}: its staff or its supervisor handle it.`,
    );
  }
  return department;
}

/**
 * A referral has ended (answered, returned, cancelled): the case stops waiting for departments
 * once none of its referrals is live, and goes back to its owner's work (in_progress). The case
 * row is locked before counting, so two referrals of one case ending at the same moment cannot
 * both see the other still live and leave the case waiting forever.
 */
export async function releaseCaseIfDone(
  trx: Transaction<DB>,
  opts: { row: ReferralRow; actor: Actor; reason: string; now: Date },
): Promise<AuditInput[]> {
  const serviceCase = await trx
    .selectFrom('service_cases')
    .select(['id', 'status'])
    .where('id', '=', opts.row.case_id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (serviceCase.status !== 'awaiting_department') return [];
  const other = await trx
    .selectFrom('referrals')
    .select('id')
    .where('case_id', '=', opts.row.case_id)
    .where('id', '!=', opts.row.id)
    .where('status', 'in', [...LIVE_REFERRAL_STATUSES])
    .executeTakeFirst();
  if (other) return [];
  const moved = await transitionCaseInTransaction(trx, {
    caseId: serviceCase.id,
    to: 'in_progress',
    actor: opts.actor,
    reason: opts.reason,
    now: opts.now,
  });
  return moved.events;
}
