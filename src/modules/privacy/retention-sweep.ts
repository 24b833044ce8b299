import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import type { DocumentStore } from '../documents/index.ts';
import { systemActor } from '../users/actor.ts';
import { pseudonymiseIdentity } from './pseudonymise-identity.ts';
import { deletePaymentBatches, deletePrintBatches } from './retention-sweep-batches.ts';
import { deleteServiceCases } from './retention-sweep-cases.ts';
import {
  deleteClaimFiles,
  deleteLetters,
  deletePayments,
  deleteRecoveries,
  deleteWebhookDeliveries,
} from './retention-sweep-claim-file.ts';
import { deleteDocuments, type SweepWrite } from './retention-sweep-delete.ts';
import { dueFrom, ENDED, ownerOf, REFERENCE, type SweepScope } from './retention-sweep-due.ts';
import { enqueueFileRemoval, removeUnreferencedFiles } from './retention-sweep-files.ts';
import { deleteInboundMessages } from './retention-sweep-messages.ts';
import { SWEEP_PLANS, type SweptKind } from './retention-sweep-rules.ts';

export type { SweepScope } from './retention-sweep-due.ts';

// The retention sweep (issue 9 §4): finds records past the end of their retention rule and deletes
// them, a batch at a time. Each batch is ONE transaction that deletes its records and appends one
// audit event per record, so a crash leaves either the whole batch done with its history or none
// of it. Audit events are only ever appended (never deleted: the chain must stay verifiable, and
// they carry ids, not personal data), so `claimdesk audit verify` passes after a sweep.
//
// Legal hold: a customer with any open matter (a claim being handled or not yet paid, an open case
// or complaint, a payment on its way, an open recovery, a pending account change: the statuses of
// open-matters.ts, the same ones that block an erasure) is left alone as a whole, because the open
// matter may rest on any earlier record of theirs. Rows are taken FOR UPDATE SKIP LOCKED: two
// sweeps never take the same row, and a row someone is editing right now waits for the next run.
// A rerun finds nothing: what was swept is gone.
//
// Document files (content-addressed, possibly shared) are removed after the commit, and only when
// no row references them any more: the batch returns their keys and enqueues their removal in the
// same transaction (retention-sweep-files.ts). A customer with nothing left under any rule, once
// something of theirs was swept, has their identity pseudonymised as an erasure does.

export const RETENTION_SWEEP_ACTOR = systemActor('retention-sweep');
/** Records per batch (one transaction): short enough for PGlite's one shared session. */
export const RETENTION_BATCH = 200;

export type SweepCounts = Record<SweptKind, number>;

export type RetentionBatchResult = {
  /** Records swept (or, in a dry run, due) per kind. */
  counts: SweepCounts;
  /** Rows deleted per table, the records' own and their dependants'. */
  rows: Record<string, number>;
  /** Records taken in this batch: a full batch means more may be due. */
  taken: number;
  /** Storage keys of the documents deleted: their files go after the commit if nothing else uses them. */
  fileKeys: string[];
};

type Candidate = { id: string; customer_id: string | null; reference: string | null; ended: string };

const emptyCounts = (): SweepCounts => Object.fromEntries(SWEEP_PLANS.map((p) => [p.kind, 0])) as SweepCounts;

/** The day retention is counted on: the UTC date of `now` (both countries are within 2 h of it). */
export function sweepDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Records due per kind on `now`, without writing (a dry run). */
export async function countDueForRetention(db: Executor, scope: SweepScope): Promise<SweepCounts> {
  const today = sweepDay(scope.now);
  const counts = emptyCounts();
  for (const plan of SWEEP_PLANS) {
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n ${dueFrom(plan, today, scope)}`.execute(db);
    counts[plan.kind] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/** One batch: takes up to `limit` due records, deletes them and appends their audit events. */
export async function sweepRetentionBatch(
  trx: Transaction<DB>,
  scope: SweepScope & { limit?: number },
): Promise<RetentionBatchResult> {
  const today = sweepDay(scope.now);
  const limit = scope.limit ?? RETENTION_BATCH;
  const result: RetentionBatchResult = { counts: emptyCounts(), rows: {}, taken: 0, fileKeys: [] };
  const w: SweepWrite = {
    trx,
    add: (table, n) => {
      if (Number(n ?? 0) > 0) result.rows[table] = (result.rows[table] ?? 0) + Number(n);
    },
    fileKeys: new Set(),
  };
  for (const plan of SWEEP_PLANS) {
    const room = limit - result.taken;
    if (room <= 0) break;
    const { rows: taken } = await sql<Candidate>`
      SELECT x.id, ${ownerOf(plan.kind)} AS customer_id,
        ${REFERENCE[plan.kind]} AS reference,
        to_char(${ENDED[plan.kind]}, 'YYYY-MM-DD') AS ended
      ${dueFrom(plan, today, scope)}
      ORDER BY x.id LIMIT ${room} FOR UPDATE OF x SKIP LOCKED`.execute(trx);
    if (taken.length === 0) continue;
    const ids = taken.map((t) => t.id);
    const deleted = await DELETE[plan.kind](w, ids);
    const events: AuditInput[] = [];
    for (const t of taken) {
      events.push({
        actor: RETENTION_SWEEP_ACTOR,
        action: `retention.${plan.kind}_${plan.action === 'delete' ? 'deleted' : 'pseudonymised'}`,
        entityType: plan.kind === 'identity' ? 'customer' : plan.kind,
        entityId: t.id,
        customerId: t.customer_id,
        data: {
          rule: plan.rule,
          ended: t.ended,
          ...(t.reference !== null ? { reference: t.reference } : {}),
          ...(deleted.get(t.id) ? { rows: deleted.get(t.id) } : {}),
        },
      });
    }
    // Appended per kind, not at the end: the identity (the last kind) looks for these events.
    await appendAuditEvents(trx, events);
    result.counts[plan.kind] = taken.length;
    result.taken += taken.length;
  }
  result.fileKeys = [...w.fileKeys].sort();
  await enqueueFileRemoval(trx, result.fileKeys);
  return result;
}

type Add = SweepWrite['add'];
/** Deletes the records and what hangs on them; returns per record the dependants' counts. */
type Deleter = (w: SweepWrite, ids: string[]) => Promise<Map<string, Record<string, number>>>;

const deleteRows =
  (table: 'calls' | 'customer_contact_history' | 'notifications'): Deleter =>
  async ({ trx, add }, ids) => {
    const r = await trx.deleteFrom(table).where('id', 'in', ids).executeTakeFirst();
    add(table, r.numDeletedRows);
    return new Map();
  };

/** Adapts a deleter that reports no per-record counts. */
const whole =
  (fn: (w: SweepWrite, ids: string[]) => Promise<void>): Deleter =>
  async (w, ids) => {
    await fn(w, ids);
    return new Map();
  };

const DELETE: Record<SweptKind, Deleter> = {
  call: deleteRows('calls'),
  contact_history: deleteRows('customer_contact_history'),
  notification: deleteRows('notifications'),
  service_case: (w, ids) => deleteServiceCases(w, ids),
  policy: (w, ids) => deletePolicies(w.trx, ids, w.add),
  complaint: async (w, ids) => {
    w.add(
      'complaints',
      (await w.trx.deleteFrom('complaints').where('case_id', 'in', ids).executeTakeFirst()).numDeletedRows,
    );
    return deleteServiceCases(w, ids);
  },
  payment: whole(deletePayments),
  recovery: whole(deleteRecoveries),
  claim_file: whole(deleteClaimFiles),
  letter: whole(deleteLetters),
  webhook_delivery: whole(deleteWebhookDeliveries),
  // A document a sweep left behind (its case is gone): the row, its scan, and its file after commit.
  case_document: whole(deleteDocuments),
  inbound_message: whole(deleteInboundMessages),
  print_batch: whole(deletePrintBatches),
  payment_batch: whole(deletePaymentBatches),
  identity: pseudonymiseIdentities,
};

/**
 * Customers with nothing left: pseudonymised as an erasure does (the same code), and their bank
 * accounts deleted (kept only for payments, and none is left). Returns per customer what changed.
 */
async function pseudonymiseIdentities(w: SweepWrite, ids: string[]) {
  const changed = new Map<string, Record<string, number>>();
  const customers = await w.trx
    .selectFrom('customers')
    .select(['id', 'customer_number', 'birth_date'])
    .where('id', 'in', ids)
    .execute();
  const now = new Date();
  for (const customer of customers) {
    const erased = await pseudonymiseIdentity(w.trx, customer, now);
    const accounts = await w.trx
      .deleteFrom('customer_bank_accounts')
      .where('customer_id', '=', customer.id)
      .executeTakeFirst();
    if (Number(accounts.numDeletedRows) > 0) erased.customer_bank_accounts = Number(accounts.numDeletedRows);
    for (const [table, n] of Object.entries(erased)) w.add(table, n);
    changed.set(customer.id, erased);
  }
  return changed;
}

/** A policy with its insured persons, premiums and benefit counters; cases about it lose the link. */
async function deletePolicies(trx: Transaction<DB>, ids: string[], add: Add) {
  await trx.updateTable('service_cases').set({ policy_id: null }).where('policy_id', 'in', ids).execute();
  for (const table of ['benefit_accumulators', 'premium_payments', 'policy_insured_persons'] as const) {
    add(table, (await trx.deleteFrom(table).where('policy_id', 'in', ids).executeTakeFirst()).numDeletedRows);
  }
  add(
    'policies',
    (await trx.deleteFrom('policies').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
  return new Map<string, Record<string, number>>();
}

export type RetentionSweepReport = {
  dryRun: boolean;
  /** The day retention was counted on. */
  day: string;
  counts: SweepCounts;
  rows: Record<string, number>;
  batches: number;
  /** Document files removed (no row referenced them any more). */
  files: number;
};

/**
 * The whole sweep (the CLI): batches until one comes back short, each in its own transaction.
 * A dry run counts what is due and writes nothing.
 */
export async function runRetentionSweep(
  db: Kysely<DB>,
  opts: SweepScope & {
    dryRun?: boolean;
    limit?: number;
    onBatch?: (r: RetentionBatchResult) => void;
    /** The document store (default: the process's). */
    store?: DocumentStore;
  },
): Promise<RetentionSweepReport> {
  const day = sweepDay(opts.now);
  if (opts.dryRun) {
    return {
      dryRun: true,
      day,
      counts: await countDueForRetention(db, opts),
      rows: {},
      batches: 0,
      files: 0,
    };
  }
  const limit = opts.limit ?? RETENTION_BATCH;
  const report: RetentionSweepReport = {
    dryRun: false,
    day,
    counts: emptyCounts(),
    rows: {},
    batches: 0,
    files: 0,
  };
  for (;;) {
    const batch = await db.transaction().execute((trx) => sweepRetentionBatch(trx, { ...opts, limit }));
    if (batch.taken === 0) break;
    report.batches++;
    for (const [k, n] of Object.entries(batch.counts)) report.counts[k as SweptKind] += n;
    for (const [t, n] of Object.entries(batch.rows)) report.rows[t] = (report.rows[t] ?? 0) + n;
    // Committed: the files no row references any more can go now (the enqueued job finds them gone).
    if (batch.fileKeys.length > 0) {
      const removed = await removeUnreferencedFiles(db, batch.fileKeys, opts.store);
      report.files += removed.length;
    }
    opts.onBatch?.(batch);
    if (batch.taken < limit) break;
  }
  return report;
}
