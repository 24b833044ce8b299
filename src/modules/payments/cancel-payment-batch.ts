import { type Executor, inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import {
  type CancelBatch,
  CancelBatchSchema,
  type PaymentBatchView,
  toPaymentBatchView,
} from './batch-schemas.ts';
import { changePaymentStatus } from './change-payment-status.ts';
import { assertBatchDesk, assertBatchVersion, loadPaymentBatch } from './load-payment-batch.ts';
import { assertBatchTransition } from './payment-lifecycle.ts';

/**
 * Cancels a batch that has not gone to the bank (awaiting approval or approved): its orders go back
 * to 'ready', out of the batch, to be taken by the next one. A released batch cannot be cancelled
 * here: its file is at the bank, and only the bank's answer (camt.054) changes those payments.
 */
export async function cancelPaymentBatch(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: CancelBatch;
  now?: Date;
}): Promise<PaymentBatchView> {
  const { actor } = opts;
  assertBatchDesk(actor, 'payments:batch');
  const input = parseInput(CancelBatchSchema, opts.input);
  const now = opts.now ?? new Date();

  return inTransaction(opts.db, async (trx) => {
    const batch = await loadPaymentBatch(trx, opts.ref, { forUpdate: true });
    assertBatchTransition(batch.batch_number, batch.status, 'cancelled');
    assertBatchVersion(batch, input.version);
    const orders = await trx
      .selectFrom('payment_orders')
      .selectAll()
      .where('batch_id', '=', batch.id)
      .where('status', '=', 'batched')
      .forUpdate()
      .execute();
    const updated = await trx
      .updateTable('payment_batches')
      .set({ status: 'cancelled', version: batch.version + 1 })
      .where('id', '=', batch.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const reason = `Batch ${batch.batch_number} cancelled${input.reason ? `: ${input.reason}` : '.'}`;
    const events: AuditInput[] = [
      {
        actor,
        action: 'payment_batch.cancelled',
        entityType: 'payment_batch',
        entityId: batch.id,
        customerId: null,
        reason: input.reason ?? null,
        data: { batchNumber: batch.batch_number, from: batch.status, paymentCount: orders.length },
      },
    ];
    for (const order of orders) {
      const changed = await changePaymentStatus(trx, {
        payment: order,
        to: 'ready',
        source: 'batch',
        actor,
        reason,
        set: { batch_id: null },
        now,
      });
      events.push(changed.event);
    }
    await appendAuditEvents(trx, events);
    return toPaymentBatchView(updated);
  });
}
