import type { z } from 'zod';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import { caseOwner } from '../cases/index.ts';
import { departmentRecipients } from '../departments/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { closeReferralWork } from '../work/referral-work.ts';
import { findReferralRow, referralView } from './find-referrals.ts';
import { assertReferralVersion, releaseCaseIfDone } from './referral-guards.ts';
import { assertReferralTransition } from './referral-lifecycle.ts';
import { notifyReferralStaff, staffReader } from './referral-notices.ts';
import { CancelReferralSchema, type ReferralView } from './referral-schemas.ts';

/**
 * The case side calls a live referral off (the question answered itself, the customer withdrew):
 * the case's owner, whoever referred it, or a supervisor. Its clock is cancelled, its item leaves
 * the department's queue, the department is told (whoever accepted it, else all its staff), and
 * the case goes back to in_progress once no other department has it.
 */
export async function cancelReferral(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: z.input<typeof CancelReferralSchema>;
  now?: Date;
}): Promise<ReferralView> {
  const { actor } = opts;
  assertCan(actor, 'referrals:create');
  const input = parseInput(CancelReferralSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const now = opts.now ?? new Date();
    const row = await findReferralRow(trx, actor, opts.ref, { forUpdate: true });
    const owner = await caseOwner(trx, row.case_id);
    const by = actorId(actor);
    if (actor.kind === 'user' && actor.role !== 'supervisor' && by !== owner && by !== row.referred_by) {
      throw new AppError(
        'forbidden',
        `Referral ${row.referral_number} is cancelled by the case's owner, whoever referred it, or a supervisor.`,
      );
    }
    assertReferralTransition(row.status, 'cancelled', row.referral_number);
    assertReferralVersion(row, input.version);
    const referral = await trx
      .updateTable('referrals')
      .set((eb) => ({
        status: 'cancelled',
        cancelled_by: by,
        cancelled_at: now,
        cancel_reason: input.reason ?? null,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const events: AuditInput[] = [
      {
        actor,
        action: 'referral.cancelled',
        entityType: 'referral',
        entityId: row.id,
        customerId: row.customer_id,
        reason: input.reason ?? null,
        data: { referralNumber: row.referral_number, department: row.department, from: row.status },
      },
    ];
    events.push(
      ...(await closeReferralWork(trx, {
        referralId: row.id,
        status: 'cancelled',
        clocks: 'cancelled',
        actor,
        reason: 'The referral was cancelled.',
        now,
      })),
    );
    events.push(
      ...(await releaseCaseIfDone(trx, {
        row,
        actor,
        reason: `${row.referral_number} cancelled.`,
        now,
      })),
    );

    const department = await trx
      .selectFrom('departments')
      .selectAll()
      .where('code', '=', row.department)
      .executeTakeFirstOrThrow();
    const taker = await staffReader(trx, row.accepted_by);
    const caseRow = await trx
      .selectFrom('service_cases')
      .select('case_number')
      .where('id', '=', row.case_id)
      .executeTakeFirstOrThrow();
    const byName = (await staffReader(trx, by))?.displayName ?? (actor.kind === 'system' ? actor.name : '—');
    await notifyReferralStaff(trx, {
      kind: 'referral.cancelled',
      event: 'cancelled',
      referral: row,
      recipients: taker ? [taker] : await departmentRecipients(trx, department),
      departmentName: department.name,
      params: () => ({ caseNumber: caseRow.case_number, by: byName, reason: input.reason ?? '' }),
    });
    await recordAuditEvents(trx, row.customer_id, events);
    return referralView(trx, referral);
  });
}
