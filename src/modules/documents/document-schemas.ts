import { z } from 'zod';
import type { DocumentEntityType, DocumentRow } from '../../db/schema.ts';
import { DOCUMENT_KINDS } from '../products/product-config-schema.ts';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_ENTITY_TYPES = [
  'claim',
  'service_case',
  'referral',
  'customer',
] as const satisfies readonly DocumentEntityType[];

/** Every kind of record a document can belong to (channels add inbound messages, scans, letters). */
export const ALL_DOCUMENT_ENTITY_TYPES = [
  ...DOCUMENT_ENTITY_TYPES,
  'inbound_message',
  'scan',
  'letter',
] as const satisfies readonly DocumentEntityType[];

export const DocumentTargetSchema = z
  .object({
    entityType: z.enum(DOCUMENT_ENTITY_TYPES).describe('What the document belongs to'),
    entityId: z.uuid().describe('The id of that claim, service case, referral or customer'),
  })
  .strict();
export type DocumentTarget = z.infer<typeof DocumentTargetSchema>;

/** Listing also reaches the records the channels keep documents on (staff only where unmatched). */
export const DocumentListQuerySchema = z
  .object({
    entityType: z.enum(ALL_DOCUMENT_ENTITY_TYPES).describe('What the documents belong to'),
    entityId: z.uuid().describe('The id of that record'),
  })
  .strict();
export type DocumentListQuery = z.infer<typeof DocumentListQuerySchema>;

export const DocumentSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid().nullable().describe('NULL while nobody knows whose it is (an unmatched email)'),
    entityType: z.enum(ALL_DOCUMENT_ENTITY_TYPES),
    entityId: z.uuid(),
    filename: z.string().describe('Sanitised: no path, no control characters, at most 200 characters'),
    mediaType: z
      .string()
      .describe('Detected from the bytes: application/pdf, image/png, image/jpeg, image/tiff or text/plain'),
    sizeBytes: z.number().int(),
    sha256: z.string().describe('Hex SHA-256 of the content'),
    kind: z
      .enum(DOCUMENT_KINDS)
      .nullable()
      .describe(
        'The kind of document the uploader said it is (checked against the claim checklist); null: not said',
      ),
    source: z.enum(['portal', 'staff', 'email', 'letter', 'scan', 'generated', 'api']),
    uploadedBy: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Document' });
export type DocumentView = z.infer<typeof DocumentSchema>;

/**
 * What an upload answers: the document, and whether these bytes were already on the record. The
 * same bytes on the same record are one document, so a repeated upload returns the earlier one
 * (its own name, kind and date) — the uploader is told so instead of seeing a "new" file that is
 * not there, with what this upload said it was, so a screen can point out a different kind.
 */
export const DocumentUploadSchema = DocumentSchema.extend({
  alreadyOnFile: z
    .boolean()
    .describe('true: the same bytes were already on this record; the body is that earlier document'),
  requestedFilename: z.string().describe('The (sanitised) name this upload gave the file'),
  requestedKind: z
    .enum(DOCUMENT_KINDS)
    .nullable()
    .describe('The kind this upload said; with alreadyOnFile it may differ from the document’s own kind'),
}).meta({ id: 'DocumentUploadResult' });
export type DocumentUploadView = z.infer<typeof DocumentUploadSchema>;

export type DocumentMeta = Omit<DocumentRow, 'content'>;

export function toDocumentView(row: DocumentMeta): DocumentView {
  return {
    id: row.id,
    customerId: row.customer_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    filename: row.filename,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    kind: (row.kind ?? null) as DocumentView['kind'],
    source: row.source,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** Every column but the content: lists and metadata never read the bytes. */
export const DOCUMENT_META_COLUMNS = [
  'id',
  'customer_id',
  'entity_type',
  'entity_id',
  'filename',
  'media_type',
  'size_bytes',
  'sha256',
  'source',
  'uploaded_by',
  'created_at',
  'storage_key',
  'kind',
] as const;
