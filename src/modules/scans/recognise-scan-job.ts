import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { JobHandler } from '../../jobs/job-types.ts';
import { maskPersonalData } from '../../lib/mask-personal-data.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { readDocumentBytes } from '../documents/index.ts';
import { systemActor } from '../users/actor.ts';
import { fileFailedScan, linkScan } from './link-scan.ts';
import { type OcrEngine, sharedOcrEngine } from './ocr-engine.ts';
import { readScanImage } from './read-scan-image.ts';

export const SCAN_OCR_JOB = 'scans.ocr';
/** OCR fails for reasons that pass (a worker that died, memory): a few tries, then a person looks. */
export const SCAN_OCR_MAX_ATTEMPTS = 3;

const actor = systemActor('scans.ocr');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The OCR job: reads the scan's file (PDF pages rasterised), recognises the text, detects its
 * language, extracts what it names and links the letter (link-scan.ts), all written in the job's
 * transaction. A failure is thrown for the queue to retry; on the last attempt the scan itself is
 * marked 'failed' with the reason instead, so the letter is never stuck 'pending' (its image stays).
 *
 * The OCR runs inside the job's transaction because the queue gives a handler no other place; on
 * PGlite that holds the one database session for the few seconds a page takes (pages are capped).
 */
export function recogniseScanJob(opts: { engine?: () => Promise<OcrEngine> } = {}): JobHandler {
  const engineOf = opts.engine ?? sharedOcrEngine;
  return async ({ trx, job, log, now }) => {
    const scanId = String(job.payload.scanId ?? '');
    if (!UUID.test(scanId)) {
      log.warn({ scanId }, 'scan OCR job: the payload names no scan; nothing to do');
      return;
    }
    const scan = await trx
      .selectFrom('scans')
      .selectAll()
      .where('id', '=', scanId)
      .forUpdate()
      .executeTakeFirst();
    if (!scan) {
      log.warn({ scanId }, 'scan OCR job: no such scan; nothing to do');
      return;
    }
    // Done already (a retry after a commit we did not hear of): nothing to do twice.
    if (scan.status !== 'pending') return;
    const document = await trx
      .selectFrom('documents')
      .select([
        'id',
        'content',
        'storage_key',
        'media_type',
        'size_bytes',
        'filename',
        'entity_type',
        'entity_id',
      ])
      .where('id', '=', scan.document_id)
      .executeTakeFirstOrThrow();

    let read: Awaited<ReturnType<typeof readScanImage>>;
    try {
      const bytes = await readDocumentBytes(trx, document);
      read = await readScanImage(await engineOf(), bytes, document.media_type);
    } catch (error) {
      if (job.attempts < (await maxAttemptsOf(trx, job.id))) throw error;
      log.error({ scanId, err: error }, 'scan OCR failed on its last attempt; the scan is marked failed');
      const reason = describe(error);
      const events = await fileFailedScan(trx, {
        scan,
        document,
        reason,
        attempts: job.attempts,
        actor,
        now,
      });
      await appendAuditEvents(trx, events);
      return;
    }
    const events: AuditInput[] = await linkScan(trx, { scan, document, read, actor, now });
    await appendAuditEvents(trx, events);
  };
}

/** The job row's own limit: a job enqueued before the constant changed keeps the one it was given. */
async function maxAttemptsOf(trx: Transaction<DB>, jobId: string | number): Promise<number> {
  const row = await trx
    .selectFrom('jobs')
    .select('max_attempts')
    .where('id', '=', Number(jobId))
    .executeTakeFirst();
  return row?.max_attempts ?? SCAN_OCR_MAX_ATTEMPTS;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return maskPersonalData(text).slice(0, 500) || 'unknown error';
}
