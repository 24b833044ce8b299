import type { z } from 'zod';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { takeReferralWork } from '../work/referral-work.ts';
import { findReferralRow, referralView } from './find-referrals.ts';
import { assertReferralVersion, departmentActing } from './referral-guards.ts';
import { assertReferralTransition } from './referral-lifecycle.ts';
import { AcceptReferralSchema, type ReferralView } from './referral-schemas.ts';

/**
 * Someone in the department (an agent of it, or its supervisor) takes the referral: it becomes
 * theirs in the department queue. Two accepting at once run one after the other on the locked
 * row; the second is refused (409 referral_transition_not_allowed, or version_conflict).
 */
export async function acceptReferral(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: z.input<typeof AcceptReferralSchema>;
  now?: Date;
}): Promise<ReferralView> {
  const { actor } = opts;
  assertCan(actor, 'referrals:handle');
  const input = parseInput(AcceptReferralSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const now = opts.now ?? new Date();
    const row = await findReferralRow(trx, actor, opts.ref, { forUpdate: true });
    await departmentActing(trx, actor, row);
    assertReferralTransition(row.status, 'accepted', row.referral_number);
    assertReferralVersion(row, input.version);
    const accepted = await trx
      .updateTable('referrals')
      .set((eb) => ({
        status: 'accepted',
        accepted_by: actorId(actor),
        accepted_at: now,
        updated_at: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const events = await takeReferralWork(trx, {
      referralId: row.id,
      ownerId: actorId(actor),
      status: 'accepted',
      actor,
      now,
    });
    events.unshift({
      actor,
      action: 'referral.accepted',
      entityType: 'referral',
      entityId: row.id,
      customerId: row.customer_id,
      data: { referralNumber: row.referral_number, department: row.department, by: actorId(actor) },
    });
    await recordAuditEvents(trx, row.customer_id, events);
    return referralView(trx, accepted);
  });
}
