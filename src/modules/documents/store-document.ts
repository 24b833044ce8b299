import { sql } from 'kysely';
import type { DocumentEntityType, DocumentRow, DocumentsTable } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import type { DocumentKind } from '../products/product-config-schema.ts';
import type { Actor } from '../users/actor.ts';
import { detectDocumentType, EXTENSION_OF, normaliseMediaType } from './detect-document-type.ts';
import { MAX_DOCUMENT_BYTES } from './document-schemas.ts';
import { documentStore, sha256Hex, sha256OfKey, storageKeyOf } from './document-store.ts';
import { safeFilename } from './safe-filename.ts';

export type StoreDocumentOptions = {
  customerId: string | null;
  entityType: DocumentEntityType;
  entityId: string;
  filename: string | null | undefined;
  content: Uint8Array;
  source: DocumentsTable['source'];
  uploadedBy: string | null;
  /** Set only by trusted code that made the bytes (a generated PDF); otherwise read from the bytes. */
  mediaType?: string;
  /** What the sender said the file is (may only agree with the bytes); ignored with `mediaType`. */
  declaredType?: string | null;
  /** The DocumentKind it is, when the sender said so (a receipt, a medical certificate). */
  kind?: DocumentKind | null;
  actor: Actor;
};

export type StoredDocument = { document: DocumentRow; created: boolean; events: AuditInput[] };

/** Sources where a person handed us the file; the others are channels and generated letters. */
const UPLOADED: ReadonlySet<DocumentsTable['source']> = new Set(['portal', 'staff', 'api']);

export function tooLarge(): AppError {
  return new AppError(
    'payload_too_large',
    `The file is larger than ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MiB (${MAX_DOCUMENT_BYTES} bytes); ` +
      'send a smaller file, e.g. scanned at a lower resolution or split into parts.',
    { extra: { maxBytes: MAX_DOCUMENT_BYTES } },
  );
}

/**
 * What the bytes are, or the refusal: empty (400), over 10 MiB (413), or a type we do not keep
 * (415, with the detected type). Bytes from outside are judged by their content only; trusted
 * code that generated them names the type itself (and may exceed the upload limit: a print batch).
 */
export async function checkDocumentContent(
  content: Uint8Array,
  declaredType?: string | null,
  trustedMediaType?: string,
): Promise<{ mediaType: string; extension: string }> {
  if (content.byteLength === 0) {
    throw new AppError('validation_failed', 'The file is empty.', {
      errors: [{ in: 'body', path: ['file'], code: 'empty', message: 'The file is empty.' }],
    });
  }
  if (trustedMediaType !== undefined) {
    const mediaType = normaliseMediaType(trustedMediaType);
    if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(mediaType))
      throw new Error(`storeDocument: bad mediaType ${mediaType}`);
    return { mediaType, extension: EXTENSION_OF[mediaType as keyof typeof EXTENSION_OF] ?? 'bin' };
  }
  if (content.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge();
  const type = await detectDocumentType(content, declaredType);
  if (!type.ok) {
    throw new AppError('document_type_not_allowed', type.message, {
      errors: [{ in: 'file', path: ['file'], code: 'type_not_allowed', message: type.message }],
      extra: { detectedType: type.detected },
    });
  }
  return { mediaType: type.mediaType, extension: type.extension };
}

/**
 * The lock on one stored file, held to the end of the caller's transaction: storing a document
 * takes it before writing the file; the retention sweep takes it to check that no row references
 * the file and remove it. Either the row commits first (and the sweep keeps the file) or the sweep
 * removes it first (and the store writes it again).
 */
export async function documentFileLock(trx: Executor, storageKey: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`document-file:${storageKey}`}, 0))`.execute(trx);
}

/**
 * Stores bytes as a document of a record, in the caller's transaction. The file goes into the
 * content-addressed store first, then the row (storage_key set, content NULL): a transaction that
 * rolls back leaves at most a file nobody points at, which the next store of the same bytes reuses.
 * The same bytes on the same record are one document: the unique key (entity_type, entity_id,
 * sha256) decides, so of two concurrent stores one inserts and the other gets the existing row.
 * The caller writes `events` (empty when nothing was created) in its own transaction.
 */
export async function storeDocument(trx: Executor, opts: StoreDocumentOptions): Promise<StoredDocument> {
  const { mediaType, extension } = await checkDocumentContent(
    opts.content,
    opts.declaredType,
    opts.mediaType,
  );
  const sha256 = sha256Hex(opts.content);
  const storageKey = storageKeyOf(sha256);
  // The retention sweep removes a file no row references under this same lock: taken before the
  // put, it means the file cannot vanish between the put (a no-op when the bytes are already
  // there) and the commit of the row that references it.
  await documentFileLock(trx, storageKey);
  await documentStore().put(storageKey, opts.content);
  const inserted = await trx
    .insertInto('documents')
    .values({
      id: newId(),
      customer_id: opts.customerId,
      entity_type: opts.entityType,
      entity_id: opts.entityId,
      filename: safeFilename(opts.filename, extension),
      media_type: mediaType,
      size_bytes: opts.content.byteLength,
      sha256,
      content: null,
      storage_key: storageKey,
      kind: opts.kind ?? null,
      source: opts.source,
      uploaded_by: opts.uploadedBy,
    })
    .onConflict((oc) => oc.columns(['entity_type', 'entity_id', 'sha256']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) {
    const existing = await trx
      .selectFrom('documents')
      .selectAll()
      .where('entity_type', '=', opts.entityType)
      .where('entity_id', '=', opts.entityId)
      .where('sha256', '=', sha256)
      .executeTakeFirstOrThrow();
    return { document: existing, created: false, events: [] };
  }
  const uploaded = UPLOADED.has(opts.source);
  // The event names the document (id, hash, size, type), never its content.
  const event: AuditInput = {
    actor: opts.actor,
    action: uploaded ? 'document.uploaded' : 'document.stored',
    entityType: 'document',
    entityId: inserted.id,
    customerId: opts.customerId,
    data: {
      documentId: inserted.id,
      sha256,
      sizeBytes: inserted.size_bytes,
      mediaType,
      entityType: opts.entityType,
      entityId: opts.entityId,
      ...(opts.kind ? { kind: opts.kind } : {}),
      ...(uploaded ? {} : { source: opts.source }),
    },
  };
  return { document: inserted, created: true, events: [event] };
}

/**
 * A document's bytes: from the store, or from the row for documents written before the store
 * (content set). Bytes read from the store are checked against their key, so a damaged or swapped
 * file is an error rather than a wrong download. Pass a row without `content` selected and it is
 * loaded only if the row has no storage key.
 */
export async function readDocumentBytes(
  db: Executor,
  document: Pick<DocumentRow, 'id' | 'content' | 'storage_key'>,
): Promise<Uint8Array> {
  if (document.content) return document.content;
  if (document.storage_key) {
    const bytes = await documentStore().get(document.storage_key);
    if (sha256Hex(bytes) !== sha256OfKey(document.storage_key)) {
      throw new Error(`Document ${document.id}: the stored file does not match its checksum`);
    }
    return bytes;
  }
  const row = await db
    .selectFrom('documents')
    .select(['content', 'storage_key'])
    .where('id', '=', document.id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such document.');
  if (row.content) return row.content;
  if (row.storage_key)
    return readDocumentBytes(db, { id: document.id, content: null, storage_key: row.storage_key });
  throw new Error(`Document ${document.id} has neither content nor a storage key`);
}
