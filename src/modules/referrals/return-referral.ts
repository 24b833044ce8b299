import type { z } from 'zod';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { findReferralRow, referralView } from './find-referrals.ts';
import { finishReferral } from './finish-referral.ts';
import { assertReferralVersion, departmentActing } from './referral-guards.ts';
import { assertReferralTransition } from './referral-lifecycle.ts';
import { type ReferralView, ReturnReferralSchema } from './referral-schemas.ts';

/**
 * The department gives the question back without an answer (wrong department, not enough to go
 * on): like an answer, the case owner is told why on the case and in the app, and the case goes
 * back to in_progress once no other department has it.
 */
export async function returnReferral(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: z.input<typeof ReturnReferralSchema>;
  now?: Date;
}): Promise<ReferralView> {
  const { actor } = opts;
  assertCan(actor, 'referrals:handle');
  const input = parseInput(ReturnReferralSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const now = opts.now ?? new Date();
    const row = await findReferralRow(trx, actor, opts.ref, { forUpdate: true });
    const department = await departmentActing(trx, actor, row);
    assertReferralTransition(row.status, 'returned', row.referral_number);
    assertReferralVersion(row, input.version);
    const { referral, events } = await finishReferral(trx, {
      row,
      department,
      actor,
      outcome: 'returned',
      text: input.reason,
      documentIds: [],
      now,
    });
    await recordAuditEvents(trx, row.customer_id, events);
    return referralView(trx, referral);
  });
}
