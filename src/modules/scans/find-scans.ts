import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { departmentScope, inboundInReach } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { SCAN_STATUSES, type ScanView, type ScanWithLink, toScanView } from './scan-schemas.ts';

/** The job key of a scan's OCR: one job per scan, ever (a second enqueue is a no-op). */
export function scanJobKey(scanId: string): string {
  return `scans.ocr:${scanId}`;
}

/** One scan with its document, inbound message, matched claim or case, triage item and OCR job. */
function scanQuery(db: Executor) {
  return (
    db
      .selectFrom('scans as s')
      .innerJoin('documents as d', 'd.id', 's.document_id')
      .leftJoin('inbound_messages as m', 'm.id', 's.inbound_message_id')
      .leftJoin('claims as c', 'c.id', 'm.claim_id')
      .leftJoin('service_cases as sc', 'sc.id', 'm.case_id')
      .leftJoin('work_items as w', (j) =>
        j.onRef('w.subject_id', '=', 'm.id').on('w.kind', '=', 'triage').on('w.open', '=', true),
      )
      // unique_key is unique: at most one job per scan.
      .leftJoin('jobs as j', (j) => j.on(sql<boolean>`j.unique_key = 'scans.ocr:' || s.id::text`))
      .selectAll('s')
      .select([
        'd.filename',
        'd.media_type',
        'm.status as message_status',
        'm.match_rule',
        'm.extracted',
        'm.customer_id as link_customer_id',
        'm.claim_id',
        'c.claim_number',
        'm.case_id',
        'sc.case_number',
        'w.id as triage_work_item_id',
        'j.status as job_status',
        'j.last_error as job_error',
      ])
  );
}

export async function loadScanView(db: Executor, scanId: string): Promise<ScanView | null> {
  const row = await scanQuery(db).where('s.id', '=', scanId).executeTakeFirst();
  return row ? toScanView(row as ScanWithLink) : null;
}

export async function getScan(opts: { db: Kysely<DB>; actor: Actor; id: string }): Promise<ScanView> {
  assertCan(opts.actor, 'scans:read');
  const view = await loadScanView(opts.db, opts.id);
  if (!view || !(await scanInReach(opts.db, opts.actor, opts.id)))
    throw new AppError('not_found', 'No such scan.');
  return view;
}

/**
 * A department agent reads the scans they uploaded (the mailroom work they did) and those of
 * letters about a claim or case their referrals reach; others' mail is the intake desk's.
 */
function scanReach(actor: Actor) {
  const department = departmentScope(actor);
  if (department === null) return sql<boolean>`true`;
  return sql<boolean>`(s.uploaded_by = ${actor.kind === 'user' ? actor.userId : null}::uuid
    or ${inboundInReach(department, { caseId: sql.ref('m.case_id'), claimId: sql.ref('m.claim_id') })})`;
}

async function scanInReach(db: Executor, actor: Actor, scanId: string): Promise<boolean> {
  if (departmentScope(actor) === null) return true;
  return (
    (await scanQuery(db).where('s.id', '=', scanId).where(scanReach(actor)).executeTakeFirst()) !== undefined
  );
}

export const ScanListQuerySchema = z
  .object({
    status: z.enum(SCAN_STATUSES).optional().describe('Only scans in this status'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.uuid().optional().describe('The last id of the previous page (newest first)'),
  })
  .strict();
export type ScanListQuery = z.infer<typeof ScanListQuerySchema>;

/** Newest first, a keyset page (scan ids are UUIDv7: id order is arrival order). */
export async function listScans(opts: {
  db: Kysely<DB>;
  actor: Actor;
  query: z.input<typeof ScanListQuerySchema>;
}): Promise<{ items: ScanView[]; nextBefore: string | null }> {
  assertCan(opts.actor, 'scans:read');
  const query = parseInput(ScanListQuerySchema, opts.query);
  let q = scanQuery(opts.db).where(scanReach(opts.actor));
  // A pending scan whose job the queue failed (its worker died on the last attempt) is failed.
  const jobGaveUp = sql<boolean>`(s.status = 'pending' AND j.status = 'failed')`;
  if (query.status === 'failed') q = q.where((eb) => eb.or([eb('s.status', '=', 'failed'), jobGaveUp]));
  else if (query.status === 'pending') {
    q = q.where('s.status', '=', 'pending').where(sql<boolean>`j.status IS DISTINCT FROM 'failed'`);
  } else if (query.status) q = q.where('s.status', '=', query.status);
  if (query.before) q = q.where('s.id', '<', query.before);
  const rows = await q
    .orderBy('s.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit) as ScanWithLink[];
  return {
    items: page.map(toScanView),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
