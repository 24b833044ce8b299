import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import { readDocumentBytes, storeDocument } from '../documents/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type NewPrintBatch, NewPrintBatchSchema, type PrintBatchView } from './delivery-schemas.ts';
import { mergePdfs } from './merge-pdfs.ts';

// A print batch: every letter written and not yet printed, oldest first, as ONE PDF to send to
// the printer, stored as a document; the letters are marked printed in the same transaction.
// Two people starting a batch at once get disjoint batches: the letters are taken with
// FOR UPDATE SKIP LOCKED, so a letter is in exactly one batch.

/** Letters per batch: a printer job of a size the print room can check by hand. */
export const MAX_LETTERS_PER_BATCH = 500;

export type PrintBatchResult = { status: 201; body: PrintBatchView; replayed: boolean };

export async function createPrintBatch(opts: {
  db: Executor;
  actor: Actor;
  input: NewPrintBatch;
  idempotencyKey?: string | undefined;
}): Promise<PrintBatchResult> {
  const { actor } = opts;
  assertCan(actor, 'letters:print');
  const input = parseInput(NewPrintBatchSchema, opts.input);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `print-batches:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<PrintBatchView>(trx, key, requestHash(input));
      if (replay) return { status: 201, body: replay.body, replayed: true };
    }
    const letters = await trx
      .selectFrom('deliveries')
      .innerJoin('documents', 'documents.id', 'deliveries.document_id')
      .select([
        'deliveries.id',
        'deliveries.customer_id',
        'deliveries.template',
        'documents.id as document_id',
        'documents.storage_key',
        'documents.content',
      ])
      .where('deliveries.channel', '=', 'letter')
      .where('deliveries.status', '=', 'pending')
      .where('deliveries.print_batch_id', 'is', null)
      .orderBy('deliveries.created_at')
      .orderBy('deliveries.id')
      .limit(input.maxLetters ?? MAX_LETTERS_PER_BATCH)
      .forUpdate('deliveries')
      .skipLocked()
      .execute();
    if (letters.length === 0) throw new AppError('nothing_to_print', 'No letter is waiting to be printed.');

    const id = newId();
    const now = new Date();
    const pdfs = [];
    for (const l of letters) {
      pdfs.push(
        await readDocumentBytes(trx, { id: l.document_id, storage_key: l.storage_key, content: l.content }),
      );
    }
    const merged = await mergePdfs(
      pdfs,
      `Print batch ${now.toISOString().slice(0, 10)} (${letters.length} letters)`,
    );
    const stored = await storeDocument(trx, {
      customerId: null,
      entityType: 'letter',
      entityId: id,
      filename: `print-batch-${now.toISOString().slice(0, 10)}-${letters.length}-letters.pdf`,
      content: merged,
      source: 'generated',
      uploadedBy: actorId(actor),
      mediaType: 'application/pdf',
      actor,
    });
    const batch = await trx
      .insertInto('print_batches')
      .values({ id, letters: letters.length, document_id: stored.document.id, created_by: actorId(actor) })
      .returningAll()
      .executeTakeFirstOrThrow();
    const deliveryIds = letters.map((l) => l.id);
    await trx
      .updateTable('deliveries')
      .set({ status: 'printed', print_batch_id: id, printed_at: now })
      .where('id', 'in', deliveryIds)
      .execute();

    await recordAuditEvents(trx, null, [
      ...stored.events,
      {
        actor,
        action: 'print_batch.created',
        entityType: 'print_batch',
        entityId: id,
        customerId: null,
        data: { printBatchId: id, letters: letters.length, documentId: stored.document.id, deliveryIds },
      },
    ]);
    // Each customer's trail says their letter was printed (audit chains are per customer).
    const byCustomer = new Map<string | null, AuditInput[]>();
    for (const l of letters) {
      const events = byCustomer.get(l.customer_id) ?? [];
      events.push({
        actor,
        action: 'delivery.printed',
        entityType: 'delivery',
        entityId: l.id,
        customerId: l.customer_id,
        data: { deliveryId: l.id, printBatchId: id, template: l.template },
      });
      byCustomer.set(l.customer_id, events);
    }
    for (const [customerId, events] of byCustomer) await recordAuditEvents(trx, customerId, events);

    const body: PrintBatchView = {
      id,
      letters: batch.letters,
      documentId: batch.document_id,
      deliveryIds,
      createdBy: batch.created_by,
      createdAt: batch.created_at.toISOString(),
    };
    if (key) await storeIdempotentResponse(trx, key, 201, body);
    return { status: 201, body, replayed: false };
  });
}
