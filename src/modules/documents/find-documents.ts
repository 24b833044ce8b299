import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { departmentScope, reaches } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { visibleRecordCustomer } from './document-access.ts';
import {
  DOCUMENT_META_COLUMNS,
  type DocumentListQuery,
  DocumentListQuerySchema,
  type DocumentMeta,
  type DocumentView,
  toDocumentView,
} from './document-schemas.ts';
import { readDocumentBytes } from './store-document.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function visibleDocument(db: Executor, actor: Actor, id: string): Promise<DocumentMeta> {
  assertCan(actor, 'customers:read');
  if (!UUID.test(id)) throw new AppError('not_found', 'No such document.');
  const row = await db
    .selectFrom('documents')
    .select(DOCUMENT_META_COLUMNS)
    .where('id', '=', id.toLowerCase())
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such document.');
  // A department agent: a document of a record in reach, or one sent with a referral to them.
  if (departmentScope(actor) !== null) {
    if (!(await reaches(db, actor, 'document', row.id))) throw new AppError('not_found', 'No such document.');
    return row;
  }
  try {
    // The document is as visible as the record it belongs to.
    await visibleRecordCustomer(db, actor, row.entity_type, row.entity_id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') {
      throw new AppError('not_found', 'No such document.');
    }
    throw error;
  }
  return row;
}

export async function getDocument(opts: { db: Executor; actor: Actor; id: string }): Promise<DocumentView> {
  return toDocumentView(await visibleDocument(opts.db, opts.actor, opts.id));
}

/** The stored bytes with what a download needs (type, safe name). */
export async function getDocumentContent(opts: {
  db: Executor;
  actor: Actor;
  id: string;
}): Promise<{ content: Uint8Array; mediaType: string; filename: string; sizeBytes: number }> {
  const row = await visibleDocument(opts.db, opts.actor, opts.id);
  // Legacy rows keep their bytes in the row; readDocumentBytes loads them only then.
  const content = await readDocumentBytes(opts.db, {
    id: row.id,
    content: null,
    storage_key: row.storage_key,
  });
  return {
    content,
    mediaType: row.media_type,
    filename: row.filename,
    sizeBytes: row.size_bytes,
  };
}

/** A record's documents, oldest first (404 for a record the actor may not see). */
export async function listDocuments(opts: {
  db: Executor;
  actor: Actor;
  target: DocumentListQuery;
}): Promise<DocumentView[]> {
  assertCan(opts.actor, 'customers:read');
  const target = parseInput(DocumentListQuerySchema, opts.target);
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
