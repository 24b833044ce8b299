import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { decodeKeysetCursor, encodeKeysetCursor, isUuidText, keysetPage } from '../../lib/keyset-cursor.ts';
import { parseInput } from '../../lib/parse-input.ts';
import type { Actor } from '../users/actor.ts';
import {
  type BatchListQuery,
  BatchListQuerySchema,
  type PaymentBatchView,
  toPaymentBatchView,
} from './batch-schemas.ts';
import { assertBatchDesk, BATCH_COLUMNS, loadPaymentBatch } from './load-payment-batch.ts';

/** Batches, newest first (ids are UUIDv7: time-ordered), one keyset page at a time. */
export async function listPaymentBatches(opts: {
  db: Executor;
  actor: Actor;
  query: BatchListQuery;
}): Promise<{ items: PaymentBatchView[]; nextCursor: string | null }> {
  assertBatchDesk(opts.actor, 'payments:read');
  const q = parseInput(BatchListQuerySchema, opts.query);
  let query = opts.db
    .selectFrom('payment_batches')
    .select(BATCH_COLUMNS)
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.currency) query = query.where('currency', '=', q.currency);
  if (q.cursor) {
    const [after] = decodeKeysetCursor(q.cursor, [isUuidText]);
    query = query.where('id', '<', after);
  }
  const rows = await query.execute();
  return keysetPage(
    rows,
    q.limit,
    (r) => toPaymentBatchView({ ...r, file_xml: null }),
    (last) => encodeKeysetCursor([last.id]),
  );
}

export async function getPaymentBatch(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<PaymentBatchView> {
  assertBatchDesk(opts.actor, 'payments:read');
  return toPaymentBatchView(await loadPaymentBatch(opts.db, opts.ref));
}

/** The pain.001 file exactly as released (the bytes the bank got), or 404 before release. */
export async function getPaymentBatchFile(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<{ filename: string; xml: string; sha256: string }> {
  assertBatchDesk(opts.actor, 'payments:read');
  const batch = await loadPaymentBatch(opts.db, opts.ref, { withFile: true });
  if (batch.file_xml === null || batch.file_sha256 === null) {
    throw new AppError(
      'not_found',
      `Batch ${batch.batch_number} has no file until it is released (${batch.status}).`,
    );
  }
  return { filename: `${batch.message_id}.xml`, xml: batch.file_xml, sha256: batch.file_sha256 };
}
