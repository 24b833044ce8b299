import { z } from 'zod';
import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { DOCUMENT_KINDS } from '../products/product-config-schema.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { visibleRecordCustomer } from './document-access.ts';
import {
  type DocumentTarget,
  DocumentTargetSchema,
  type DocumentUploadView,
  toDocumentView,
} from './document-schemas.ts';
import { sha256Hex } from './document-store.ts';
import { safeFilename } from './safe-filename.ts';
import { checkDocumentContent, storeDocument } from './store-document.ts';

export { tooLarge } from './store-document.ts';

const UploadKindSchema = z.object({ kind: z.enum(DOCUMENT_KINDS).optional() });

export type UploadDocumentResult = { status: number; body: DocumentUploadView; replayed: boolean };

/**
 * Stores an uploaded file on a claim, case, referral or customer record. The type is decided by
 * the bytes (detect-document-type.ts), never by the name or the declared type. The same bytes on
 * the same record are one document: a repeated upload returns the existing one (200, with
 * `alreadyOnFile` and what this upload said, so the uploader learns it was not added), whichever
 * of two concurrent uploads commits first (storeDocument: the unique key decides, not a read
 * before the write). The audit event records the document's identity, never its content.
 */
export async function uploadDocument(opts: {
  db: Executor;
  actor: Actor;
  target: DocumentTarget;
  filename: string | null | undefined;
  declaredType: string | null | undefined;
  content: Uint8Array;
  /** The DocumentKind the uploader says it is (optional; shown on the claim's checklist). */
  kind?: string | null | undefined;
  idempotencyKey?: string | undefined;
}): Promise<UploadDocumentResult> {
  const { actor } = opts;
  assertCan(actor, 'documents:upload');
  const target = parseInput(DocumentTargetSchema, opts.target);
  const { kind } = parseInput(UploadKindSchema, { kind: opts.kind ?? undefined });
  // Refused before any transaction or file is written.
  const type = await checkDocumentContent(opts.content, opts.declaredType);
  const sha256 = sha256Hex(opts.content);
  const filename = safeFilename(opts.filename, type.extension);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `documents.upload:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;

  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<DocumentUploadView>(
        trx,
        key,
        requestHash({ ...target, sha256, filename, kind: kind ?? null }),
      );
      // A retry answers as the first request did (decision 0005): 201 if that one stored the file.
      if (replay) return { status: 200, body: replay.body, replayed: true }; // decision 0005: a replay is 200
    }
    const customerId = await visibleRecordCustomer(trx, actor, target.entityType, target.entityId);
    const stored = await storeDocument(trx, {
      customerId,
      entityType: target.entityType,
      entityId: target.entityId,
      filename,
      content: opts.content,
      mediaType: type.mediaType, // just read from the bytes above
      kind: kind ?? null,
      source: actor.kind === 'system' ? 'api' : actor.role === 'customer' ? 'portal' : 'staff',
      uploadedBy: actorId(actor),
      actor,
    });
    await recordAuditEvents(trx, customerId, stored.events);
    const result: UploadDocumentResult = {
      status: stored.created ? 201 : 200,
      body: {
        ...toDocumentView(stored.document),
        alreadyOnFile: !stored.created,
        requestedFilename: filename,
        requestedKind: kind ?? null,
      },
      replayed: false,
    };
    if (key) await storeIdempotentResponse(trx, key, result.status, result.body);
    return result;
  });
}
