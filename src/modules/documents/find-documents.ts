import type { DocumentRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { visibleRecordCustomer } from './document-access.ts';
import {
  DOCUMENT_META_COLUMNS,
  type DocumentMeta,
  type DocumentTarget,
  DocumentTargetSchema,
  type DocumentView,
  toDocumentView,
} from './document-schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function visibleDocument<T extends boolean>(
  db: Executor,
  actor: Actor,
  id: string,
  withContent: T,
): Promise<T extends true ? DocumentRow : DocumentMeta> {
  assertCan(actor, 'customers:read');
  if (!UUID.test(id)) throw new AppError('not_found', 'No such document.');
  const row = await (withContent
    ? db.selectFrom('documents').selectAll()
    : db.selectFrom('documents').select(DOCUMENT_META_COLUMNS)
  )
    .where('id', '=', id.toLowerCase())
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such document.');
  try {
    // The document is as visible as the record it belongs to.
    await visibleRecordCustomer(db, actor, row.entity_type, row.entity_id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') {
      throw new AppError('not_found', 'No such document.');
    }
    throw error;
  }
  return row as T extends true ? DocumentRow : DocumentMeta;
}

export async function getDocument(opts: { db: Executor; actor: Actor; id: string }): Promise<DocumentView> {
  return toDocumentView(await visibleDocument(opts.db, opts.actor, opts.id, false));
}

/** The stored bytes with what a download needs (type, safe name). */
export async function getDocumentContent(opts: {
  db: Executor;
  actor: Actor;
  id: string;
}): Promise<{ content: Uint8Array; mediaType: string; filename: string; sizeBytes: number }> {
  const row = await visibleDocument(opts.db, opts.actor, opts.id, true);
  return {
    content: row.content,
    mediaType: row.media_type,
    filename: row.filename,
    sizeBytes: row.size_bytes,
  };
}

/** A record's documents, oldest first (404 for a record the actor may not see). */
export async function listDocuments(opts: {
  db: Executor;
  actor: Actor;
  target: DocumentTarget;
}): Promise<DocumentView[]> {
  assertCan(opts.actor, 'customers:read');
  const target = parseInput(DocumentTargetSchema, opts.target);
  await visibleRecordCustomer(opts.db, opts.actor, target.entityType, target.entityId);
  const rows = await opts.db
    .selectFrom('documents')
    .select(DOCUMENT_META_COLUMNS)
    .where('entity_type', '=', target.entityType)
    .where('entity_id', '=', target.entityId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toDocumentView);
}
