import type { z } from 'zod';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { assertDocumentsOfCustomer } from '../documents/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { findReferralRow, referralView } from './find-referrals.ts';
import { finishReferral } from './finish-referral.ts';
import { assertReferralVersion, departmentActing } from './referral-guards.ts';
import { assertReferralTransition } from './referral-lifecycle.ts';
import { AnswerReferralSchema, type ReferralView } from './referral-schemas.ts';

/**
 * The department answers (open or accepted): see finishReferral for what the answer does. Attached
 * documents must be the case customer's (422 document_not_of_customer at `documentIds/i`).
 */
export async function answerReferral(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: z.input<typeof AnswerReferralSchema>;
  now?: Date;
}): Promise<ReferralView> {
  const { actor } = opts;
  assertCan(actor, 'referrals:handle');
  const input = parseInput(AnswerReferralSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const now = opts.now ?? new Date();
    const row = await findReferralRow(trx, actor, opts.ref, { forUpdate: true });
    const department = await departmentActing(trx, actor, row);
    assertReferralTransition(row.status, 'answered', row.referral_number);
    assertReferralVersion(row, input.version);
    const documentIds = await assertDocumentsOfCustomer(trx, row.customer_id, input.documentIds);
    const { referral, events } = await finishReferral(trx, {
      row,
      department,
      actor,
      outcome: 'answered',
      text: input.answer,
      documentIds,
      now,
    });
    await recordAuditEvents(trx, row.customer_id, events);
    return referralView(trx, referral);
  });
}
