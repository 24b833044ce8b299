import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

// What a data warehouse gets (issue 10 §4): one flat row per claim or per decision, with ids and
// codes rather than personal data — a warehouse joins on customer_id if it must, and an erasure
// (docs/privacy.md) never has to chase copies of names and identity numbers in exports. Each
// dataset reads one page at a time in id order (keyset, no OFFSET), so memory stays flat however
// many rows there are.

export type Period = { start: Date; end: Date };
/** A value as both formats write it: strings, numbers, booleans, lists of codes, or nothing. */
export type Cell = string | number | boolean | string[] | null;
export type Row = Record<string, Cell>;

export type Dataset = {
  /** The columns, in order: the CSV header and each JSON object's keys. */
  columns: readonly string[];
  /** Rows whose id is after `after` (null: from the start), at most `limit`, in id order. */
  page(db: Kysely<DB>, period: Period, after: string | null, limit: number): Promise<Row[]>;
  count(db: Kysely<DB>, period: Period): Promise<number>;
};

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

const claims: Dataset = {
  columns: [
    'claim_id',
    'claim_number',
    'customer_id',
    'policy_id',
    'product_code',
    'status',
    'channel',
    'incident_date',
    'incident_country',
    'cause',
    'currency',
    'total_claimed_minor',
    'line_count',
    'external_ref',
    'registered_at',
    'status_changed_at',
  ],
  async page(db, period, after, limit) {
    let query = db
      .selectFrom('claims')
      .innerJoin('policies', 'policies.id', 'claims.policy_id')
      .innerJoin('products', 'products.id', 'policies.product_id')
      .select([
        'claims.id',
        'claims.claim_number',
        'claims.customer_id',
        'claims.policy_id',
        'products.code as product_code',
        'claims.status',
        'claims.channel',
        'claims.incident_date',
        'claims.incident_country',
        'claims.cause',
        'claims.currency',
        'claims.total_claimed_minor',
        'claims.external_ref',
        'claims.registered_at',
        'claims.status_changed_at',
        sql<number>`(SELECT count(*)::int FROM claim_lines l WHERE l.claim_id = claims.id)`.as('line_count'),
      ])
      .where('claims.registered_at', '>=', period.start)
      .where('claims.registered_at', '<', period.end);
    if (after !== null) query = query.where('claims.id', '>', after);
    const rows = await query.orderBy('claims.id').limit(limit).execute();
    return rows.map((r) => ({
      claim_id: r.id,
      claim_number: r.claim_number,
      customer_id: r.customer_id,
      policy_id: r.policy_id,
      product_code: r.product_code,
      status: r.status,
      channel: r.channel,
      incident_date: r.incident_date,
      incident_country: r.incident_country,
      cause: r.cause,
      currency: r.currency,
      total_claimed_minor: r.total_claimed_minor,
      line_count: Number(r.line_count),
      external_ref: r.external_ref,
      registered_at: iso(r.registered_at),
      status_changed_at: iso(r.status_changed_at),
    }));
  },
  async count(db, period) {
    const row = await db
      .selectFrom('claims')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('registered_at', '>=', period.start)
      .where('registered_at', '<', period.end)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

const decisions: Dataset = {
  columns: [
    'decision_id',
    'claim_id',
    'claim_number',
    'customer_id',
    'decision_no',
    'outcome',
    'amount_minor',
    'currency',
    'straight_through',
    'decided_by',
    'decided_at',
    'reason_codes',
    'superseded_at',
  ],
  async page(db, period, after, limit) {
    let query = db
      .selectFrom('claim_decisions as d')
      .innerJoin('claims', 'claims.id', 'd.claim_id')
      .select([
        'd.id',
        'd.claim_id',
        'claims.claim_number',
        'd.customer_id',
        'd.decision_no',
        'd.outcome',
        'd.amount_minor',
        'd.currency',
        'd.straight_through',
        'd.decided_by',
        'd.decided_at',
        'd.reason_codes',
        'd.superseded_at',
      ])
      .where('d.decided_at', '>=', period.start)
      .where('d.decided_at', '<', period.end);
    if (after !== null) query = query.where('d.id', '>', after);
    const rows = await query.orderBy('d.id').limit(limit).execute();
    return rows.map((r) => ({
      decision_id: r.id,
      claim_id: r.claim_id,
      claim_number: r.claim_number,
      customer_id: r.customer_id,
      decision_no: r.decision_no,
      outcome: r.outcome,
      amount_minor: r.amount_minor,
      currency: r.currency,
      straight_through: r.straight_through,
      decided_by: r.decided_by,
      decided_at: iso(r.decided_at),
      reason_codes: r.reason_codes,
      superseded_at: iso(r.superseded_at),
    }));
  },
  async count(db, period) {
    const row = await db
      .selectFrom('claim_decisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('decided_at', '>=', period.start)
      .where('decided_at', '<', period.end)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

export const DATASETS = { claims, decisions } as const;
export type DatasetName = keyof typeof DATASETS;
export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

/** The row's key for the next page: the dataset's first column is its id. */
export function rowId(dataset: Dataset, row: Row): string {
  return String(row[dataset.columns[0] as string]);
}
