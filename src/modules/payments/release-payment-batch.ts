import { createHash } from 'node:crypto';
import type { PaymentBatchRow, PaymentOrderRow } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import {
  type BatchStep,
  BatchStepSchema,
  type PaymentBatchView,
  toPaymentBatchView,
} from './batch-schemas.ts';
import { changePaymentStatus } from './change-payment-status.ts';
import { buildPain001, type Pain001File } from './iso20022/build-pain001.ts';
import { type Iso20022Schema, validateAgainstXsd, type XsdProblem } from './iso20022/validate-against-xsd.ts';
import { assertBatchDesk, assertBatchVersion, loadPaymentBatch } from './load-payment-batch.ts';
import { assertBatchTransition } from './payment-lifecycle.ts';

/**
 * Releases an approved batch: builds its pain.001.001.09 file, validates it against the ISO 20022
 * schema (and, for EUR, the EPC's SEPA schema), stores the file and its SHA-256, and marks every
 * order 'sent' — all in one transaction. A file that fails validation is refused with 422
 * bank_file_generation_failed and its problems, and nothing changes. Retry-safe: releasing a
 * released batch returns it as it is (the same stored file), so a timed-out call never makes a
 * second file, and a second file would be a second payment.
 */
export async function releasePaymentBatch(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: BatchStep;
  now?: Date;
}): Promise<PaymentBatchView> {
  const { actor } = opts;
  assertBatchDesk(actor, 'payments:release');
  const input = parseInput(BatchStepSchema, opts.input);
  const now = opts.now ?? new Date();

  return inTransaction(opts.db, async (trx) => {
    const batch = await loadPaymentBatch(trx, opts.ref, { forUpdate: true });
    if (batch.status === 'released') return toPaymentBatchView(batch);
    assertBatchTransition(batch.batch_number, batch.status, 'released');
    assertBatchVersion(batch, input.version);

    const orders = await trx
      .selectFrom('payment_orders')
      .selectAll()
      .where('batch_id', '=', batch.id)
      .where('status', '=', 'batched')
      .orderBy('payment_number')
      .forUpdate()
      .execute();
    const file = buildFile(batch, orders, now);
    await assertValid(batch, file.xml);

    const updated = await trx
      .updateTable('payment_batches')
      .set({
        status: 'released',
        file_xml: file.xml,
        file_sha256: createHash('sha256').update(file.xml, 'utf8').digest('hex'),
        released_by: actorId(actor),
        released_at: now,
        version: batch.version + 1,
      })
      .where('id', '=', batch.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const events: AuditInput[] = [
      {
        actor,
        action: 'payment_batch.released',
        entityType: 'payment_batch',
        entityId: batch.id,
        customerId: null,
        data: {
          batchNumber: batch.batch_number,
          messageId: batch.message_id,
          paymentCount: file.numberOfTransactions,
          controlSumMinor: batch.control_sum_minor,
          fileSha256: updated.file_sha256,
        },
      },
    ];
    for (const order of orders) {
      const changed = await changePaymentStatus(trx, {
        payment: order,
        to: 'sent',
        source: 'batch',
        actor,
        reason: `Sent to the bank in ${batch.batch_number} (${batch.message_id}).`,
        set: { sent_at: now },
        now,
      });
      events.push({ ...changed.event, data: { ...changed.event.data, batchNumber: batch.batch_number } });
    }
    await appendAuditEvents(trx, events);
    return toPaymentBatchView(updated);
  });
}

function buildFile(batch: PaymentBatchRow, orders: PaymentOrderRow[], now: Date): Pain001File {
  const file = buildPain001({
    messageId: batch.message_id,
    paymentInfoId: batch.batch_number,
    createdAt: now,
    currency: batch.currency,
    requestedExecutionDate: batch.requested_execution_date,
    initiatingPartyName: batch.debtor_name,
    debtor: { name: batch.debtor_name, iban: batch.debtor_iban, bic: batch.debtor_bic },
    payments: orders.map((o) => ({
      instructionId: o.payment_number,
      endToEndId: o.end_to_end_id,
      amountMinor: o.principal_minor + o.interest_minor,
      remittance: o.remittance_info,
      creditor: {
        name: o.creditor_name ?? '',
        scheme: o.creditor_scheme ?? 'iban',
        iban: o.creditor_iban,
        bic: o.creditor_bic,
        clearingNumber: o.creditor_clearing_number,
        accountNumber: o.creditor_account_number,
      },
    })),
  });
  // The batch row's count and sum were fixed when it was made; the file must say the same.
  if (
    file.numberOfTransactions !== batch.payment_count ||
    file.controlSumMinor !== BigInt(batch.control_sum_minor)
  ) {
    throw new AppError(
      'bank_file_generation_failed',
      `Batch ${batch.batch_number} says ${batch.payment_count} payments of ${batch.control_sum_minor}, its orders ${file.numberOfTransactions} of ${file.controlSumMinor}.`,
      { extra: { problems: [] } },
    );
  }
  return file;
}

async function assertValid(batch: PaymentBatchRow, xml: string): Promise<void> {
  const schemas: Iso20022Schema[] =
    batch.currency === 'EUR' ? ['pain.001.001.09', 'pain.001.001.09.epc'] : ['pain.001.001.09'];
  const problems: (XsdProblem & { schema: Iso20022Schema })[] = [];
  for (const schema of schemas) {
    const verdict = await validateAgainstXsd(xml, schema);
    problems.push(...verdict.problems.map((p) => ({ ...p, schema })));
  }
  if (problems.length > 0) {
    throw new AppError(
      'bank_file_generation_failed',
      `The pain.001 file of batch ${batch.batch_number} fails its schema (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was released.`,
      { extra: { problems: problems.slice(0, 100) } },
    );
  }
}
