import { z } from 'zod';
import type { InboundMatchRule, Language, ScanRow } from '../../db/schema.ts';

// What the API says about a scanned letter. Routes and use cases share these shapes.

export const SCAN_STATUSES = ['pending', 'recognised', 'unreadable', 'failed'] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];

/** The formats a scanner or phone produces; plain text is a document, not a scan. */
export const SCAN_MEDIA_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'] as const;

const ExtractedSchema = z
  .object({
    claimNumbers: z.array(z.string()),
    caseNumbers: z.array(z.string()),
    nationalIds: z.array(z.object({ country: z.enum(['SE', 'IT']), value: z.string() })),
    ibans: z.array(z.string()),
    amounts: z.array(z.object({ value: z.string(), currency: z.string().nullable() })),
  })
  .describe(
    'What the text names: claim/case numbers, personnummer/codice fiscale (only those passing their ' +
      'date and check-digit rules), IBANs (mod-97 checked), amounts (decimal strings, currency if written)',
  )
  .meta({ id: 'ScanExtracted' });
export type ScanExtracted = z.infer<typeof ExtractedSchema>;

const LinkSchema = z
  .object({
    inboundMessageId: z.uuid(),
    status: z.enum(['matched', 'triage', 'rejected']),
    matchRule: z
      .string()
      .nullable()
      .describe('How it was matched: reference_in_text, national_id_in_text, …'),
    customerId: z.uuid().nullable(),
    claimId: z.uuid().nullable(),
    claimNumber: z.string().nullable(),
    caseId: z.uuid().nullable(),
    caseNumber: z.string().nullable(),
    triageWorkItemId: z.uuid().nullable().describe('The triage item a person must pick up, when not matched'),
    triageReason: z.string().nullable().describe('Why a person must sort it (unreadable, nothing found, …)'),
  })
  .meta({ id: 'ScanLink' });
export type ScanLink = z.infer<typeof LinkSchema>;

export const ScanSchema = z
  .object({
    id: z.uuid(),
    status: z
      .enum(SCAN_STATUSES)
      .describe(
        'pending: waiting for OCR; recognised: text read and linked (or in triage); unreadable: no usable ' +
          'text, in triage with the image kept; failed: the OCR job gave up after its last attempt (failureReason)',
      ),
    documentId: z
      .uuid()
      .describe('The scanned image or PDF, kept as a document (GET /documents/{id}/content)'),
    filename: z.string(),
    mediaType: z.string(),
    pageCount: z.number().int().nullable().describe('Pages in the file (1 for an image)'),
    pagesRead: z
      .number()
      .int()
      .nullable()
      .describe('Pages the OCR read (a long PDF is read up to its limit)'),
    ocrLanguages: z.array(z.string()).describe('Tesseract language data used (swe, ita, eng)'),
    missingLanguages: z
      .array(z.string())
      .describe('Languages asked for whose data is not installed on the server: their letters read worse'),
    text: z.string().nullable(),
    confidence: z.number().nullable().describe("Tesseract's mean word confidence, 0–100"),
    language: z.enum(['sv', 'it', 'en']).nullable().describe('Detected from the text'),
    extracted: ExtractedSchema.nullable(),
    link: LinkSchema.nullable(),
    failureReason: z.string().nullable(),
    uploadedBy: z.uuid().nullable(),
    createdAt: z.string(),
    recognisedAt: z.string().nullable(),
  })
  .meta({ id: 'Scan' });
export type ScanView = z.infer<typeof ScanSchema>;

/** The scan row with what the view joins: its document, its inbound message, the matched records. */
export type ScanWithLink = ScanRow & {
  filename: string;
  media_type: string;
  message_status: 'matched' | 'triage' | 'rejected' | null;
  match_rule: InboundMatchRule | null;
  extracted: unknown;
  link_customer_id: string | null;
  claim_id: string | null;
  claim_number: string | null;
  case_id: string | null;
  case_number: string | null;
  triage_work_item_id: string | null;
  job_status: string | null;
  job_error: string | null;
};

export function toScanView(row: ScanWithLink): ScanView {
  // A job that died with its worker on the last attempt is failed by the queue without running our
  // handler; the scan row then still says pending. Read the job's verdict so nobody waits forever.
  const jobGaveUp = row.status === 'pending' && row.job_status === 'failed';
  return {
    id: row.id,
    status: jobGaveUp ? 'failed' : row.status,
    documentId: row.document_id,
    filename: row.filename,
    mediaType: row.media_type,
    pageCount: row.page_count,
    pagesRead: row.pages_read,
    ocrLanguages: row.ocr_languages,
    missingLanguages: row.missing_languages,
    text: row.text,
    confidence: row.confidence === null ? null : Math.round(row.confidence * 10) / 10,
    language: row.language as Language | null,
    extracted: extractedOf(row),
    link: row.inbound_message_id
      ? {
          inboundMessageId: row.inbound_message_id,
          status: row.message_status ?? 'triage',
          matchRule: row.match_rule,
          customerId: row.link_customer_id,
          claimId: row.claim_id,
          claimNumber: row.claim_number,
          caseId: row.case_id,
          caseNumber: row.case_number,
          triageWorkItemId: row.triage_work_item_id,
          triageReason: stored(row)?.triageReason ?? null,
        }
      : null,
    failureReason: jobGaveUp
      ? `The OCR job gave up: ${row.job_error ?? 'no reason recorded'}`
      : row.failure_reason,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at.toISOString(),
    recognisedAt: row.recognised_at ? row.recognised_at.toISOString() : null,
  };
}

type StoredExtracted = Partial<ScanExtracted> & { triageReason?: string };

function stored(row: ScanWithLink): StoredExtracted | null {
  return row.inbound_message_id && row.extracted && typeof row.extracted === 'object'
    ? (row.extracted as StoredExtracted)
    : null;
}

/** The five lists, whatever else the inbound message keeps beside them (its source, the scan id). */
function extractedOf(row: ScanWithLink): ScanExtracted | null {
  const e = stored(row);
  if (!e) return null;
  return {
    claimNumbers: e.claimNumbers ?? [],
    caseNumbers: e.caseNumbers ?? [],
    nationalIds: e.nationalIds ?? [],
    ibans: e.ibans ?? [],
    amounts: e.amounts ?? [],
  };
}
