import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { readDocumentBytes } from '../documents/index.ts';
import { deliveryInReach, departmentScope } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import {
  type DeliveryView,
  type OutboxQuery,
  OutboxQuerySchema,
  type PrintBatchView,
  toDeliveryView,
} from './delivery-schemas.ts';

// Reads for staff: the outbox (emails kept locally while no SMTP server is configured), one
// delivery, a letter's PDF, a print batch and its PDF. Customers see their letters as documents.

/** The outbox, newest first, with the text of each email; keyset pages on the id (UUIDv7: creation order). */
export async function listOutbox(opts: {
  db: Executor;
  actor: Actor;
  query: Partial<OutboxQuery>;
}): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
  assertCan(opts.actor, 'outbox:read');
  const query = parseInput(OutboxQuerySchema, opts.query);
  let q = opts.db
    .selectFrom('deliveries')
    .selectAll()
    .where('status', '=', 'outbox')
    .where(reachOf(opts.actor, 'deliveries.notification_id'))
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (query.cursor) q = q.where('id', '<', query.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toDeliveryView),
    nextCursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

export async function getDelivery(opts: { db: Executor; actor: Actor; id: string }): Promise<DeliveryView> {
  assertCan(opts.actor, 'outbox:read');
  const row = await opts.db
    .selectFrom('deliveries')
    .selectAll()
    .where('id', '=', opts.id)
    .where(reachOf(opts.actor, 'deliveries.notification_id'))
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such delivery.');
  return toDeliveryView(row);
}

/** A department agent reads what went out about the claims and cases their referrals reach. */
function reachOf(actor: Actor, notificationColumn: string) {
  const department = departmentScope(actor);
  return department === null ? sql<boolean>`true` : deliveryInReach(department, sql.ref(notificationColumn));
}

export type PdfFile = { filename: string; bytes: Uint8Array };

/** The letter as PDF (every letter; an email only when it carried one, e.g. a decision). */
export async function getDeliveryPdf(opts: { db: Executor; actor: Actor; id: string }): Promise<PdfFile> {
  assertCan(opts.actor, 'outbox:read');
  const row = await opts.db
    .selectFrom('deliveries')
    .innerJoin('documents', 'documents.id', 'deliveries.document_id')
    .select(['documents.id', 'documents.filename', 'documents.storage_key', 'documents.content'])
    .where('deliveries.id', '=', opts.id)
    .where(reachOf(opts.actor, 'deliveries.notification_id'))
    .executeTakeFirst();
  if (!row)
    throw new AppError('not_found', 'No such delivery, or it has no PDF (an email without a letter).');
  return { filename: row.filename, bytes: await readDocumentBytes(opts.db, row) };
}

export async function getPrintBatch(opts: {
  db: Executor;
  actor: Actor;
  id: string;
}): Promise<PrintBatchView> {
  assertCan(opts.actor, 'letters:print');
  const batch = await opts.db
    .selectFrom('print_batches')
    .selectAll()
    .where('id', '=', opts.id)
    .executeTakeFirst();
  if (!batch) throw new AppError('not_found', 'No such print batch.');
  const deliveries = await opts.db
    .selectFrom('deliveries')
    .select('id')
    .where('print_batch_id', '=', batch.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    id: batch.id,
    letters: batch.letters,
    documentId: batch.document_id,
    deliveryIds: deliveries.map((d) => d.id),
    createdBy: batch.created_by,
    createdAt: batch.created_at.toISOString(),
  };
}

export async function getPrintBatchPdf(opts: { db: Executor; actor: Actor; id: string }): Promise<PdfFile> {
  assertCan(opts.actor, 'letters:print');
  const row = await opts.db
    .selectFrom('print_batches')
    .innerJoin('documents', 'documents.id', 'print_batches.document_id')
    .select(['documents.id', 'documents.filename', 'documents.storage_key', 'documents.content'])
    .where('print_batches.id', '=', opts.id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such print batch.');
  return { filename: row.filename, bytes: await readDocumentBytes(opts.db, row) };
}
