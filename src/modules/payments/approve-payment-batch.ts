import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import {
  type BatchStep,
  BatchStepSchema,
  type PaymentBatchView,
  toPaymentBatchView,
} from './batch-schemas.ts';
import { assertBatchDesk, assertBatchVersion, loadPaymentBatch } from './load-payment-batch.ts';
import { assertBatchTransition } from './payment-lifecycle.ts';

/**
 * The second pair of eyes on a batch that needs one (above the batch limit, or holding an order
 * above the single-payment limit). The approver is a named person other than the batch's creator
 * (the database CHECK refuses the same) and, for each order that needs a second approval of its
 * own, other than the person who decided its claim or released its hold: otherwise one person
 * could decide a large payment and approve sending it.
 */
export async function approvePaymentBatch(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: BatchStep;
  now?: Date;
}): Promise<PaymentBatchView> {
  const { actor } = opts;
  assertBatchDesk(actor, 'payments:approve');
  const input = parseInput(BatchStepSchema, opts.input);
  const approver = actorId(actor);
  if (approver === null) {
    throw new AppError('four_eyes_required', 'A batch is approved by a named person, not by the system.');
  }
  const now = opts.now ?? new Date();

  return inTransaction(opts.db, async (trx) => {
    const batch = await loadPaymentBatch(trx, opts.ref, { forUpdate: true });
    assertBatchTransition(batch.batch_number, batch.status, 'approved');
    assertBatchVersion(batch, input.version);
    if (batch.created_by === approver) {
      throw new AppError(
        'four_eyes_required',
        `You made batch ${batch.batch_number}: a second person must approve it.`,
      );
    }
    const involved = await trx
      .selectFrom('payment_orders as p')
      .innerJoin('claim_decisions as d', 'd.id', 'p.decision_id')
      .select(['p.payment_number'])
      .where('p.batch_id', '=', batch.id)
      .where('p.needs_second_approval', '=', true)
      .where((eb) =>
        eb.or([
          eb('d.decided_by', '=', approver),
          eb('p.approved_by', '=', approver),
          eb('p.created_by', '=', approver),
        ]),
      )
      .limit(5)
      .execute();
    if (involved.length > 0) {
      throw new AppError(
        'four_eyes_required',
        `You decided or released ${involved.map((p) => p.payment_number).join(', ')} in batch ${batch.batch_number}: a second person must approve it.`,
        { extra: { paymentNumbers: involved.map((p) => p.payment_number) } },
      );
    }
    const updated = await trx
      .updateTable('payment_batches')
      .set({ status: 'approved', approved_by: approver, approved_at: now, version: batch.version + 1 })
      .where('id', '=', batch.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvents(trx, null, [
      {
        actor,
        action: 'payment_batch.approved',
        entityType: 'payment_batch',
        entityId: batch.id,
        customerId: null,
        data: {
          batchNumber: batch.batch_number,
          createdBy: batch.created_by,
          paymentCount: batch.payment_count,
          controlSumMinor: batch.control_sum_minor,
        },
      },
    ]);
    return toPaymentBatchView(updated);
  });
}
