import { z } from 'zod';
import type { DocumentEntityType, DocumentRow } from '../../db/schema.ts';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_ENTITY_TYPES = [
  'claim',
  'service_case',
  'referral',
  'customer',
] as const satisfies readonly DocumentEntityType[];

export const DocumentTargetSchema = z
  .object({
    entityType: z.enum(DOCUMENT_ENTITY_TYPES).describe('What the document belongs to'),
    entityId: z.uuid().describe('The id of that claim, service case, referral or customer'),
  })
  .strict();
export type DocumentTarget = z.infer<typeof DocumentTargetSchema>;

export const DocumentSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    entityType: z.enum(DOCUMENT_ENTITY_TYPES),
    entityId: z.uuid(),
    filename: z.string().describe('Sanitised: no path, no control characters, at most 200 characters'),
    mediaType: z.enum(['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain']),
    sizeBytes: z.number().int(),
    sha256: z.string().describe('Hex SHA-256 of the content'),
    source: z.enum(['portal', 'staff', 'email', 'letter', 'api']),
    uploadedBy: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Document' });
export type DocumentView = z.infer<typeof DocumentSchema>;

export type DocumentMeta = Omit<DocumentRow, 'content'>;

export function toDocumentView(row: DocumentMeta): DocumentView {
  return {
    id: row.id,
    customerId: row.customer_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    filename: row.filename,
    mediaType: row.media_type as DocumentView['mediaType'],
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
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
] as const;
