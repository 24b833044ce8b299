import { createHash } from 'node:crypto';
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
import { recordAuditEvent } from '../audit/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { detectDocumentType } from './detect-document-type.ts';
import { visibleRecordCustomer } from './document-access.ts';
import {
  DOCUMENT_META_COLUMNS,
  type DocumentTarget,
  DocumentTargetSchema,
  type DocumentView,
  MAX_DOCUMENT_BYTES,
  toDocumentView,
} from './document-schemas.ts';
import { safeFilename } from './safe-filename.ts';

export type UploadDocumentResult = { status: 200 | 201; body: DocumentView; replayed: boolean };

export function tooLarge(): AppError {
  return new AppError(
    'payload_too_large',
    `The file is larger than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MiB (${MAX_DOCUMENT_BYTES} bytes); ` +
      'send a smaller file, e.g. scanned at a lower resolution or split into parts.',
    { extra: { maxBytes: MAX_DOCUMENT_BYTES } },
  );
}

/**
 * Stores an uploaded file on a claim, case, referral or customer record. The type is decided by
 * the bytes (detect-document-type.ts), never by the name or the declared type. The same bytes on
 * the same record are one document: a repeated upload returns the existing one (200), whichever
 * of two concurrent uploads commits first (the unique key decides, not a read before the write).
 * The audit event records the document's identity (id, sha256, size, type), never its content.
 */
export async function uploadDocument(opts: {
  db: Executor;
  actor: Actor;
  target: DocumentTarget;
  filename: string | null | undefined;
  declaredType: string | null | undefined;
  content: Uint8Array;
  idempotencyKey?: string | undefined;
}): Promise<UploadDocumentResult> {
  const { actor } = opts;
  assertCan(actor, 'documents:upload');
  const target = parseInput(DocumentTargetSchema, opts.target);
  if (opts.content.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge();
  if (opts.content.byteLength === 0) {
    throw new AppError('validation_failed', 'The file is empty.', {
      errors: [{ in: 'body', path: ['file'], code: 'empty', message: 'The file is empty.' }],
    });
  }
  const type = await detectDocumentType(opts.content, opts.declaredType);
  if (!type.ok) {
    throw new AppError('document_type_not_allowed', type.message, {
      errors: [{ in: 'file', path: ['file'], code: 'type_not_allowed', message: type.message }],
      extra: { detectedType: type.detected },
    });
  }
  const sha256 = createHash('sha256').update(opts.content).digest('hex');
  const filename = safeFilename(opts.filename, type.extension);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `documents.upload:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;

  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<DocumentView>(
        trx,
        key,
        requestHash({ ...target, sha256, filename }),
      );
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    const customerId = await visibleRecordCustomer(trx, actor, target.entityType, target.entityId);
    const inserted = await trx
      .insertInto('documents')
      .values({
        id: newId(),
        customer_id: customerId,
        entity_type: target.entityType,
        entity_id: target.entityId,
        filename,
        media_type: type.mediaType,
        size_bytes: opts.content.byteLength,
        sha256,
        content: opts.content,
        source: actor.kind === 'system' ? 'api' : actor.role === 'customer' ? 'portal' : 'staff',
        uploaded_by: actorId(actor),
      })
      .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'sha256']).doNothing())
      .returning(DOCUMENT_META_COLUMNS)
      .executeTakeFirst();
    let result: UploadDocumentResult;
    if (inserted) {
      await recordAuditEvent(trx, {
        actor,
        action: 'document.uploaded',
        entityType: 'document',
        entityId: inserted.id,
        customerId,
        data: {
          documentId: inserted.id,
          sha256,
          sizeBytes: inserted.size_bytes,
          mediaType: inserted.media_type,
          entityType: target.entityType,
          entityId: target.entityId,
        },
      });
      result = { status: 201, body: toDocumentView(inserted), replayed: false };
    } else {
      const existing = await trx
        .selectFrom('documents')
        .select(DOCUMENT_META_COLUMNS)
        .where('entity_type', '=', target.entityType)
        .where('entity_id', '=', target.entityId)
        .where('sha256', '=', sha256)
        .executeTakeFirstOrThrow();
      result = { status: 200, body: toDocumentView(existing), replayed: false };
    }
    if (key) await storeIdempotentResponse(trx, key, result.status, result.body);
    return result;
  });
}
