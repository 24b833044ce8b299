import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { systemActor } from '../users/actor.ts';
import {
  OPEN_ACCOUNT_CHANGE_STATUSES,
  OPEN_CASE_STATUSES,
  OPEN_CLAIM_STATUSES,
  OPEN_PAYMENT_STATUSES,
} from './open-matters.ts';
import {
  type Country,
  cutoffsOf,
  SWEEP_PLANS,
  type SweepPlan,
  type SweptKind,
} from './retention-sweep-rules.ts';

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
};

export type SweepScope = {
  now: Date;
  /** Only these customers' records (a by-hand run; tests on a shared database). */
  customerIds?: readonly string[];
};

type Candidate = { id: string; customer_id: string | null; reference: string | null; ended: string };

const emptyCounts = (): SweepCounts => Object.fromEntries(SWEEP_PLANS.map((p) => [p.kind, 0])) as SweepCounts;

/** The day retention is counted on: the UTC date of `now` (both countries are within 2 h of it). */
export function sweepDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The customer is under no legal hold. `c` is the customer's alias; a record without a customer
 * (an unidentified caller) has none to hold it.
 */
function noHold(c: string): RawBuilder<boolean> {
  const id = sql.ref(`${c}.id`);
  return sql<boolean>`(${id} IS NULL OR (
    NOT EXISTS (SELECT 1 FROM claims h WHERE h.customer_id = ${id} AND h.status = ANY(${[...OPEN_CLAIM_STATUSES]}::text[]))
    AND NOT EXISTS (SELECT 1 FROM service_cases h WHERE h.customer_id = ${id} AND h.status = ANY(${[...OPEN_CASE_STATUSES]}::text[]))
    AND NOT EXISTS (SELECT 1 FROM payment_orders h WHERE h.customer_id = ${id} AND h.status = ANY(${[...OPEN_PAYMENT_STATUSES]}::text[]))
    AND NOT EXISTS (SELECT 1 FROM recovery_items h WHERE h.customer_id = ${id} AND h.status = 'open')
    AND NOT EXISTS (SELECT 1 FROM account_change_requests h WHERE h.customer_id = ${id} AND h.status = ANY(${[...OPEN_ACCOUNT_CHANGE_STATUSES]}::text[]))
  ))`;
}

/**
 * The record's period has run out in its customer's country. `ended` is a date expression;
 * a record without a customer is kept for the longer of the two countries' periods.
 */
function pastRetention(plan: SweepPlan, today: string, c: string, ended: RawBuilder<unknown>) {
  const cut = cutoffsOf(plan, today);
  const day = ended;
  const before = (cutoff: string | null) => (cutoff === null ? sql`false` : sql`${day} < ${cutoff}::date`);
  const countries = Object.entries(cut) as [Country, string | null][];
  const kept = countries.map(([, v]) => v).filter((v): v is string => v !== null);
  const earliest = kept.length === countries.length ? (kept.sort()[0] ?? null) : null;
  return sql<boolean>`(${sql.join(
    [
      ...countries.map(
        ([country, cutoff]) =>
          sql`(${sql.ref(`${c}.national_id_country`)} = ${country} AND ${before(cutoff)})`,
      ),
      sql`(${sql.ref(`${c}.id`)} IS NULL AND ${before(earliest)})`,
    ],
    sql` OR `,
  )})`;
}

function scoped(column: string, scope: SweepScope): RawBuilder<boolean> {
  return scope.customerIds
    ? sql<boolean>`${sql.ref(column)} = ANY(${[...scope.customerIds]}::uuid[])`
    : sql<boolean>`true`;
}

/** The day (a date) each kind's period runs from; timestamps are taken as UTC dates. */
const utcDay = (ts: RawBuilder<unknown>) => sql`((${ts}) AT TIME ZONE 'UTC')::date`;
const ENDED: Record<SweptKind, RawBuilder<unknown>> = {
  service_case: utcDay(sql`coalesce(x.closed_at, x.resolved_at, x.status_changed_at)`),
  complaint: utcDay(sql`coalesce(x.closed_at, x.resolved_at, x.status_changed_at)`),
  policy: sql`x.ends_on`,
  call: utcDay(sql`coalesce(x.ended_at, x.started_at)`),
  contact_history: utcDay(sql`x.changed_at`),
  notification: utcDay(sql`x.created_at`),
};

/** The records of one kind past retention: `FROM … x LEFT JOIN customers c … WHERE …`. */
function dueFrom(plan: SweepPlan, today: string, scope: SweepScope): RawBuilder<unknown> {
  const ended = ENDED[plan.kind];
  const common = sql`${pastRetention(plan, today, 'c', ended)} AND ${noHold('c')} AND ${scoped('x.customer_id', scope)}`;
  switch (plan.kind) {
    case 'service_case':
      // A complaint belongs to the complaints register (its own, longer rule); an open referral
      // means a department still works on it.
      return sql`FROM service_cases x JOIN customers c ON c.id = x.customer_id
        WHERE x.status IN ('resolved', 'closed', 'withdrawn')
          AND NOT EXISTS (SELECT 1 FROM complaints k WHERE k.case_id = x.id)
          AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = x.id AND r.status IN ('open', 'accepted'))
          AND ${common}`;
    case 'complaint':
      // The register's own period (10 years); the complaint is a service case with a complaints row.
      return sql`FROM service_cases x JOIN customers c ON c.id = x.customer_id
        WHERE x.status IN ('resolved', 'closed', 'withdrawn')
          AND EXISTS (SELECT 1 FROM complaints k WHERE k.case_id = x.id)
          AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = x.id AND r.status IN ('open', 'accepted'))
          AND ${common}`;
    case 'policy':
      // A claim under the policy needs its contract: the policy goes with the claim file, not before.
      return sql`FROM policies x JOIN customers c ON c.id = x.customer_id
        WHERE NOT EXISTS (SELECT 1 FROM claims k WHERE k.policy_id = x.id) AND ${common}`;
    case 'call':
      return sql`FROM calls x LEFT JOIN customers c ON c.id = x.customer_id WHERE ${common}`;
    case 'contact_history':
      return sql`FROM customer_contact_history x JOIN customers c ON c.id = x.customer_id WHERE ${common}`;
    case 'notification':
      // A notification sent as a letter or an email is evidence of what the customer was told: its
      // delivery (and so the notification) stays with the claim file.
      return sql`FROM notifications x LEFT JOIN customers c ON c.id = x.customer_id
        WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.notification_id = x.id) AND ${common}`;
  }
}

const REFERENCE: Record<SweptKind, RawBuilder<string | null>> = {
  service_case: sql`x.case_number`,
  complaint: sql`x.case_number`,
  policy: sql`x.policy_number`,
  call: sql`NULL::text`,
  contact_history: sql`x.field`,
  notification: sql`x.kind`,
};

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
  const result: RetentionBatchResult = { counts: emptyCounts(), rows: {}, taken: 0 };
  const events: AuditInput[] = [];
  const add = (table: string, n: bigint | number | undefined) => {
    if (Number(n ?? 0) > 0) result.rows[table] = (result.rows[table] ?? 0) + Number(n);
  };
  for (const plan of SWEEP_PLANS) {
    const room = limit - result.taken;
    if (room <= 0) break;
    const { rows: taken } = await sql<Candidate>`
      SELECT x.id, x.customer_id, ${REFERENCE[plan.kind]} AS reference,
        to_char(${ENDED[plan.kind]}, 'YYYY-MM-DD') AS ended
      ${dueFrom(plan, today, scope)}
      ORDER BY x.id LIMIT ${room} FOR UPDATE OF x SKIP LOCKED`.execute(trx);
    if (taken.length === 0) continue;
    const ids = taken.map((t) => t.id);
    const deleted = await DELETE[plan.kind](trx, ids, add);
    for (const t of taken) {
      events.push({
        actor: RETENTION_SWEEP_ACTOR,
        action: `retention.${plan.kind}_deleted`,
        entityType: plan.kind,
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
    result.counts[plan.kind] = taken.length;
    result.taken += taken.length;
  }
  await appendAuditEvents(trx, events);
  return result;
}

type Add = (table: string, n: bigint | number | undefined) => void;
/** Deletes the records and what hangs on them; returns per record the dependants' counts. */
type Deleter = (
  trx: Transaction<DB>,
  ids: string[],
  add: Add,
) => Promise<Map<string, Record<string, number>>>;

const deleteRows =
  (table: 'calls' | 'customer_contact_history' | 'notifications'): Deleter =>
  async (trx, ids, add) => {
    const r = await trx.deleteFrom(table).where('id', 'in', ids).executeTakeFirst();
    add(table, r.numDeletedRows);
    return new Map();
  };

const DELETE: Record<SweptKind, Deleter> = {
  call: deleteRows('calls'),
  contact_history: deleteRows('customer_contact_history'),
  notification: deleteRows('notifications'),
  service_case: deleteServiceCases,
  policy: deletePolicies,
  complaint: async (trx, ids, add) => {
    add(
      'complaints',
      (await trx.deleteFrom('complaints').where('case_id', 'in', ids).executeTakeFirst()).numDeletedRows,
    );
    return deleteServiceCases(trx, ids, add);
  },
};

/**
 * A service case with its messages, referrals, account-change requests and their work items and
 * deadlines. Calls and emails that mention the case are records of their own (the calls rule, the
 * claim file): they lose the link, not their existence. Documents stay with the claim file rule.
 */
async function deleteServiceCases(trx: Transaction<DB>, ids: string[], add: Add) {
  const perCase = new Map<string, Record<string, number>>();
  const tally = (caseId: string, table: string) => {
    const m = perCase.get(caseId) ?? {};
    m[table] = (m[table] ?? 0) + 1;
    perCase.set(caseId, m);
  };
  const referrals = await trx
    .selectFrom('referrals')
    .select(['id', 'case_id'])
    .where('case_id', 'in', ids)
    .execute();
  for (const r of referrals) tally(r.case_id, 'referrals');
  const subjects = [...ids, ...referrals.map((r) => r.id)];
  const items = await trx
    .selectFrom('work_items')
    .select('id')
    .where('kind', 'in', ['service_case', 'referral'])
    .where('subject_id', 'in', subjects)
    .execute();
  const itemIds = items.map((i) => i.id);
  if (itemIds.length > 0) {
    add(
      'deadline_alerts',
      (await trx.deleteFrom('deadline_alerts').where('work_item_id', 'in', itemIds).executeTakeFirst())
        .numDeletedRows,
    );
    add(
      'deadlines',
      (await trx.deleteFrom('deadlines').where('work_item_id', 'in', itemIds).executeTakeFirst())
        .numDeletedRows,
    );
    add(
      'work_items',
      (await trx.deleteFrom('work_items').where('id', 'in', itemIds).executeTakeFirst()).numDeletedRows,
    );
  }
  const changes = await trx
    .selectFrom('account_change_requests')
    .select(['id', 'case_id'])
    .where('case_id', 'in', ids)
    .execute();
  for (const c of changes) tally(c.case_id, 'account_change_requests');
  if (changes.length > 0) {
    // The contact history is swept by its own date; a younger row only loses its link.
    await trx
      .updateTable('customer_contact_history')
      .set({ change_request_id: null })
      .where(
        'change_request_id',
        'in',
        changes.map((c) => c.id),
      )
      .execute();
    add(
      'account_change_requests',
      (await trx.deleteFrom('account_change_requests').where('case_id', 'in', ids).executeTakeFirst())
        .numDeletedRows,
    );
  }
  add(
    'referrals',
    (await trx.deleteFrom('referrals').where('case_id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
  const messages = await trx
    .deleteFrom('case_messages')
    .where('case_id', 'in', ids)
    .returning('case_id')
    .execute();
  for (const m of messages) tally(m.case_id, 'case_messages');
  add('case_messages', messages.length);
  await trx.updateTable('calls').set({ case_id: null }).where('case_id', 'in', ids).execute();
  await trx.updateTable('inbound_messages').set({ case_id: null }).where('case_id', 'in', ids).execute();
  add(
    'service_cases',
    (await trx.deleteFrom('service_cases').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
  return perCase;
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
};

/**
 * The whole sweep (the CLI): batches until one comes back short, each in its own transaction.
 * A dry run counts what is due and writes nothing.
 */
export async function runRetentionSweep(
  db: Kysely<DB>,
  opts: SweepScope & { dryRun?: boolean; limit?: number; onBatch?: (r: RetentionBatchResult) => void },
): Promise<RetentionSweepReport> {
  const day = sweepDay(opts.now);
  if (opts.dryRun) {
    return { dryRun: true, day, counts: await countDueForRetention(db, opts), rows: {}, batches: 0 };
  }
  const limit = opts.limit ?? RETENTION_BATCH;
  const report: RetentionSweepReport = { dryRun: false, day, counts: emptyCounts(), rows: {}, batches: 0 };
  for (;;) {
    const batch = await db.transaction().execute((trx) => sweepRetentionBatch(trx, { ...opts, limit }));
    if (batch.taken === 0) break;
    report.batches++;
    for (const [k, n] of Object.entries(batch.counts)) report.counts[k as SweptKind] += n;
    for (const [t, n] of Object.entries(batch.rows)) report.rows[t] = (report.rows[t] ?? 0) + n;
    opts.onBatch?.(batch);
    if (batch.taken < limit) break;
  }
  return report;
}
