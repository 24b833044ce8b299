import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { nextNumber } from '../../db/numbers.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import {
  type NewPaymentBatch,
  NewPaymentBatchSchema,
  type PaymentBatchView,
  toPaymentBatchView,
} from './batch-schemas.ts';
import { changePaymentStatus } from './change-payment-status.ts';
import { assertBatchDesk } from './load-payment-batch.ts';
import { currencySettings } from './payment-settings.ts';

/**
 * Orders per batch. One pain.001 file of 100 000 transfers is about 62 MB of XML; the banks'
 * channels take that, and it is the size the benchmark proves we can build and validate.
 */
export const MAX_PAYMENTS_PER_BATCH = 100_000;

export type CreatePaymentBatchResult = { status: 200 | 201; body: PaymentBatchView; replayed: boolean };

/**
 * Takes every 'ready' order of a currency into a new batch (one pain.001 file to be), moves them
 * to 'batched', and says whether a second person must approve it: when its total is above the
 * currency's batch limit, or any order in it needs a second approval of its own. Two people
 * batching at once get disjoint batches: orders are taken FOR UPDATE SKIP LOCKED, so an order is
 * in exactly one batch. The message id is derived from the gap-free batch number, so it is unique
 * across batches (and the database's UNIQUE says so too).
 */
export async function createPaymentBatch(opts: {
  db: Executor;
  actor: Actor;
  input: NewPaymentBatch;
  idempotencyKey?: string | undefined;
  now?: Date;
  maxPayments?: number;
}): Promise<CreatePaymentBatchResult> {
  const { actor } = opts;
  assertBatchDesk(actor, 'payments:batch');
  const input = parseInput(NewPaymentBatchSchema, opts.input);
  const settings = currencySettings(input.currency);
  if (!settings) {
    throw fieldError(
      'validation_failed',
      ['currency'],
      `We do not pay in ${input.currency}.`,
      'currency_not_paid',
    );
  }
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `payments.batch:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  const now = opts.now ?? new Date();

  return inTransaction(opts.db, async (trx): Promise<CreatePaymentBatchResult> => {
    if (key) {
      const replay = await claimIdempotencyKey<PaymentBatchView>(trx, key, requestHash(input));
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    const orders = await trx
      .selectFrom('payment_orders')
      .selectAll()
      .where('status', '=', 'ready')
      .where('currency', '=', input.currency)
      .orderBy('requested_execution_date')
      .orderBy('id')
      .limit(Math.min(opts.maxPayments ?? MAX_PAYMENTS_PER_BATCH, MAX_PAYMENTS_PER_BATCH))
      .forUpdate()
      .skipLocked()
      .execute();
    if (orders.length === 0) {
      throw new AppError('nothing_to_pay', `No ${input.currency} payment order is ready to be batched.`);
    }

    // A bank may pay early by mistake but never before the day we asked for: the batch goes on
    // the latest day any of its orders asked for.
    const latest = orders
      .map((o) => o.requested_execution_date)
      .sort()
      .at(-1) as string;
    if (input.executionDate !== undefined && input.executionDate < latest) {
      throw fieldError(
        'validation_failed',
        ['executionDate'],
        `An order in the batch asks for ${latest}; the batch cannot be executed earlier.`,
        'before_order_date',
      );
    }
    const executionDate = input.executionDate ?? latest;
    const total = orders.reduce((s, o) => s + o.principal_minor + o.interest_minor, 0);
    if (!Number.isSafeInteger(total)) throw new Error('batch total beyond the safe integer range');
    const needsSecondApproval =
      total > settings.batchApprovalLimitMinor || orders.some((o) => o.needs_second_approval);

    const batchNumber = await nextNumber(trx, 'PBT', now.getUTCFullYear());
    const batch = await trx
      .insertInto('payment_batches')
      .values({
        id: newId(),
        batch_number: batchNumber,
        // ≤ 35 characters (Max35Text): CLAIMDESK-PBT-2026-000123 is 25.
        message_id: `CLAIMDESK-${batchNumber}`,
        currency: input.currency,
        requested_execution_date: executionDate,
        debtor_name: settings.debtor.name,
        debtor_iban: settings.debtor.iban,
        debtor_bic: settings.debtor.bic,
        payment_count: orders.length,
        control_sum_minor: total,
        status: needsSecondApproval ? 'awaiting_approval' : 'approved',
        needs_second_approval: needsSecondApproval,
        created_by: actorId(actor),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();

    const events: AuditInput[] = [
      {
        actor,
        action: 'payment_batch.created',
        entityType: 'payment_batch',
        entityId: batch.id,
        customerId: null,
        data: {
          batchNumber,
          messageId: batch.message_id,
          currency: batch.currency,
          paymentCount: batch.payment_count,
          controlSumMinor: batch.control_sum_minor,
          status: batch.status,
          needsSecondApproval,
        },
      },
    ];
    for (const order of orders) {
      const changed = await changePaymentStatus(trx, {
        payment: order,
        to: 'batched',
        source: 'batch',
        actor,
        reason: `Taken into batch ${batchNumber}.`,
        set: { batch_id: batch.id },
        now,
      });
      events.push({ ...changed.event, data: { ...changed.event.data, batchNumber } });
    }
    await appendAuditEvents(trx, events);

    const body = toPaymentBatchView(batch);
    if (key) await storeIdempotentResponse(trx, key, 201, body);
    return { status: 201, body, replayed: false };
  });
}
