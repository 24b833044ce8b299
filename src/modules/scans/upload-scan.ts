import { sql } from 'kysely';
import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { checkDocumentContent, sha256Hex, storeDocument } from '../documents/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { loadScanView, scanJobKey } from './find-scans.ts';
import { findOcrLanguageData, type OcrDataOptions } from './ocr-language-data.ts';
import { SCAN_OCR_JOB, SCAN_OCR_MAX_ATTEMPTS } from './recognise-scan-job.ts';
import { SCAN_MEDIA_TYPES, type ScanView } from './scan-schemas.ts';

export type UploadScanResult = { status: 200 | 202; body: ScanView; replayed: boolean };

/**
 * A scanned letter arrives (the mailroom's scanner, or staff photographing a letter): the file is
 * kept as a document, a scan row waits 'pending', and its OCR job is enqueued — all in one
 * transaction, so there is never a scan without its file or a file nobody will read. 202: the text
 * comes later (GET /scans/{id}). The type is decided by the bytes: PDF, PNG, JPEG or TIFF (415
 * otherwise, e.g. an executable renamed .png). The same bytes uploaded again are the same scan
 * (200, nothing new); a retry with the same Idempotency-Key returns the first response.
 */
export async function uploadScan(opts: {
  db: Executor;
  actor: Actor;
  filename: string | null | undefined;
  declaredType: string | null | undefined;
  content: Uint8Array;
  idempotencyKey?: string | undefined;
  /** Where the OCR language data is looked for (tests); the job decides what it really uses. */
  ocrData?: OcrDataOptions;
}): Promise<UploadScanResult> {
  const { actor } = opts;
  assertCan(actor, 'scans:upload');
  const type = await checkDocumentContent(opts.content, opts.declaredType);
  if (!(SCAN_MEDIA_TYPES as readonly string[]).includes(type.mediaType)) {
    const message = `A scan must be a PDF, PNG, JPEG or TIFF image; this file is ${type.mediaType}.`;
    throw new AppError('document_type_not_allowed', message, {
      errors: [{ in: 'file', path: ['file'], code: 'type_not_allowed', message }],
      extra: { detectedType: type.mediaType },
    });
  }
  const sha256 = sha256Hex(opts.content);
  // Said at once, not only after the OCR: a letter in a language we cannot read well is known now.
  const { missing } = await findOcrLanguageData(opts.ocrData);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `scans.upload:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;

  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<ScanView>(trx, key, requestHash({ sha256 }));
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    // Two uploads of the same bytes at once: the second waits here for the first to commit and
    // then finds its scan (the unique index on sha256 backs this up).
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`scan:${sha256}`}, 0))`.execute(trx);
    const existing = await trx
      .selectFrom('scans')
      .select('id')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    let result: UploadScanResult;
    if (existing) {
      result = { status: 200, body: await viewOf(trx, existing.id), replayed: false };
    } else {
      const scanId = newId();
      const stored = await storeDocument(trx, {
        customerId: null, // nobody knows whose letter it is until it has been read
        entityType: 'scan',
        entityId: scanId,
        filename: opts.filename,
        declaredType: opts.declaredType,
        content: opts.content,
        source: 'scan',
        uploadedBy: actorId(actor),
        actor,
      });
      await trx
        .insertInto('scans')
        .values({
          id: scanId,
          document_id: stored.document.id,
          status: 'pending',
          missing_languages: missing.map((m) => m.code),
          uploaded_by: actorId(actor),
          sha256,
        })
        .execute();
      await enqueueJob(trx, {
        kind: SCAN_OCR_JOB,
        payload: { scanId },
        uniqueKey: scanJobKey(scanId),
        maxAttempts: SCAN_OCR_MAX_ATTEMPTS,
      });
      const received: AuditInput = {
        actor,
        action: 'scan.received',
        entityType: 'scan',
        entityId: scanId,
        customerId: null,
        data: { scanId, documentId: stored.document.id, sha256, mediaType: type.mediaType },
      };
      await appendAuditEvents(trx, [...stored.events, received]);
      result = { status: 202, body: await viewOf(trx, scanId), replayed: false };
    }
    if (key) await storeIdempotentResponse(trx, key, result.status, result.body);
    return result;
  });
}

async function viewOf(trx: Executor, scanId: string): Promise<ScanView> {
  const view = await loadScanView(trx, scanId);
  if (!view) throw new Error(`uploadScan: scan ${scanId} vanished inside its own transaction`);
  return view;
}
