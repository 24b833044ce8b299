import { Kysely, PostgresDialect, type RawBuilder, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { type CopyStreamQuery, from as copyFrom } from 'pg-copy-streams';
import type { DB } from '../../db/schema.ts';
import type { AuditEventRow } from '../audit/index.ts';

// The rows of one bulk batch, column by column, and the single statement that writes them all:
// data-modifying CTEs, each an INSERT … SELECT FROM jsonb_to_recordset(one JSON text parameter per
// table), so a batch of any size is one round trip with a handful of parameters (no 65 535-
// parameter limit, no per-row SQL), on PGlite and PostgreSQL alike. Foreign keys are checked at the
// end of the statement, when every CTE has run, so claims, their lines, assessments and decisions
// can go in together. On a PostgreSQL server, `copyBulkRows` writes the same rows with COPY.

export type BulkRows = {
  claims: {
    id: string[];
    claim_number: string[];
    customer_id: string[];
    policy_id: string[];
    insured_person_id: string[];
    status: string[];
    channel: string[];
    incident_date: string[];
    description: string[];
    currency: string[];
    total_claimed_minor: number[];
    external_ref: string[];
    registered_by: (string | null)[];
    registered_at: string[];
    cause: (string | null)[];
    incident_country: (string | null)[];
    pre_existing_condition: boolean[];
    documents: string[][];
  };
  lines: {
    id: string[];
    claim_id: string[];
    customer_id: string[];
    line_no: number[];
    benefit_code: string[];
    description: string[];
    service_date: string[];
    amount_minor: number[];
    currency: string[];
    provider: (string | null)[];
    days: (number | null)[];
  };
  assessments: {
    id: string[];
    claim_id: string[];
    customer_id: string[];
    engine_version: string[];
    product_version_id: string[];
    recommendation: string[];
    benefit_minor: number[];
    straight_through: boolean[];
    /** JSON text */
    result: string[];
    /** JSON text */
    input: string[];
  };
  decisions: {
    id: string[];
    claim_id: string[];
    customer_id: string[];
    outcome: string[];
    amount_minor: number[];
    currency: string[];
    assessment_id: string[];
    /** JSON of what the decision added to the accumulators (an appeal reverses it). */
    accumulator_deltas: string[];
  };
  /** Deltas, one per key (an upsert may touch a row only once). */
  accumulators: { key: string[]; policy_id: string[]; customer_id: string[]; used: number[] };
  audit: AuditEventRow[];
};

export function emptyRows(): BulkRows {
  return {
    claims: {
      id: [],
      claim_number: [],
      customer_id: [],
      policy_id: [],
      insured_person_id: [],
      status: [],
      channel: [],
      incident_date: [],
      description: [],
      currency: [],
      total_claimed_minor: [],
      external_ref: [],
      registered_by: [],
      registered_at: [],
      cause: [],
      incident_country: [],
      pre_existing_condition: [],
      documents: [],
    },
    lines: {
      id: [],
      claim_id: [],
      customer_id: [],
      line_no: [],
      benefit_code: [],
      description: [],
      service_date: [],
      amount_minor: [],
      currency: [],
      provider: [],
      days: [],
    },
    assessments: {
      id: [],
      claim_id: [],
      customer_id: [],
      engine_version: [],
      product_version_id: [],
      recommendation: [],
      benefit_minor: [],
      straight_through: [],
      result: [],
      input: [],
    },
    decisions: {
      id: [],
      claim_id: [],
      customer_id: [],
      outcome: [],
      amount_minor: [],
      currency: [],
      assessment_id: [],
      accumulator_deltas: [],
    },
    accumulators: { key: [], policy_id: [], customer_id: [], used: [] },
    audit: [],
  };
}

/** Sets a number counter (a batch prepared again under its locks used another count). */
export type CounterUpdate = { prefix: string; year: number; lastValue: number };

function counterCte({ prefix, year, lastValue }: CounterUpdate) {
  return sql`n AS (UPDATE number_counters SET last_value = ${lastValue} WHERE prefix = ${prefix} AND year = ${year})`;
}

/** unnest($1::type[], $2::type[], …) AS alias(col, …) */
function unnest(alias: string, cols: [name: string, values: readonly unknown[], type: string][]) {
  const args = sql.join(cols.map(([, values, type]) => sql`${values}::${sql.raw(type)}[]`));
  return sql`unnest(${args}) AS ${sql.raw(alias)}(${sql.raw(cols.map(([name]) => name).join(', '))})`;
}

/**
 * How a column crosses as JSON: `id` a string that needs no escaping (uuids, dates, timestamps,
 * codes, hashes — all produced or validated by us), `text` any string, `num`, `bool`, `json` text
 * that already is JSON (embedded as is, not re-escaped), `list` an array of `id`s.
 */
type JsonKind = 'id' | 'text' | 'num' | 'bool' | 'json' | 'list';
type JsonColumn = readonly [name: string, values: readonly unknown[], kind: JsonKind, pgType: string];

function jsonValue(value: unknown, kind: JsonKind): string {
  if (value === null || value === undefined) return 'null';
  switch (kind) {
    case 'id':
      return `"${value as string}"`;
    case 'num':
    case 'bool':
    case 'json':
      return String(value);
    case 'text':
      return JSON.stringify(value);
    case 'list':
      return (value as string[]).length === 0 ? '[]' : `["${(value as string[]).join('","')}"]`;
  }
}

/**
 * The rows as one JSON array of objects, built by concatenation: JSON columns go in verbatim, and
 * one text parameter per table is all the driver has to encode (PGlite escapes array parameters
 * element by element in JavaScript, which costs more than the rest of the write).
 */
function rowsJson(cols: readonly JsonColumn[]): string {
  const n = cols[0]?.[1].length ?? 0;
  const keys = cols.map(([name], i) => `${i === 0 ? '{' : ','}"${name}":`);
  const parts: string[] = new Array(n);
  for (let r = 0; r < n; r++) {
    let row = '';
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c] as JsonColumn;
      row += keys[c] + jsonValue(col[1][r], col[2]);
    }
    parts[r] = `${row}}`;
  }
  return `[${parts.join(',')}]`;
}

/** jsonb_to_recordset($doc) WITH ORDINALITY AS t(columns…, n): rows in document order. */
function recordset(cols: readonly JsonColumn[]) {
  const defs = cols.map(([name, , , type]) => `${name} ${type}`).join(', ');
  const names = cols.map(([name]) => name).join(', ');
  return sql`ROWS FROM (jsonb_to_recordset(${rowsJson(cols)}::jsonb) AS (${sql.raw(defs)})) WITH ORDINALITY AS t(${sql.raw(names)}, n)`;
}

/** Writes a prepared batch in one statement (and moves the claim-number counter when asked). */
export async function writeBulkRows(
  trx: Transaction<DB>,
  rows: BulkRows,
  opts: { counter: CounterUpdate | null },
): Promise<void> {
  const { claims: c, lines: l, assessments: a, decisions: d, accumulators: u, audit } = rows;
  const ctes: RawBuilder<unknown>[] = [
    sql`c AS (INSERT INTO claims (id, claim_number, customer_id, policy_id, insured_person_id, status,
        channel, incident_date, description, currency, total_claimed_minor, external_ref, registered_by,
        registered_at, cause, incident_country, pre_existing_condition, documents)
      SELECT id, claim_number, customer_id, policy_id, insured_person_id, status, channel, incident_date,
        description, currency, total_claimed_minor, external_ref, registered_by, registered_at, cause,
        incident_country, pre_existing_condition, documents
      FROM ${recordset([
        ['id', c.id, 'id', 'uuid'],
        ['claim_number', c.claim_number, 'id', 'text'],
        ['customer_id', c.customer_id, 'id', 'uuid'],
        ['policy_id', c.policy_id, 'id', 'uuid'],
        ['insured_person_id', c.insured_person_id, 'id', 'uuid'],
        ['status', c.status, 'id', 'text'],
        ['channel', c.channel, 'id', 'text'],
        ['incident_date', c.incident_date, 'id', 'date'],
        ['description', c.description, 'text', 'text'],
        ['currency', c.currency, 'id', 'text'],
        ['total_claimed_minor', c.total_claimed_minor, 'num', 'int8'],
        ['external_ref', c.external_ref, 'text', 'text'],
        ['registered_by', c.registered_by, 'id', 'uuid'],
        ['registered_at', c.registered_at, 'id', 'timestamptz'],
        ['cause', c.cause, 'text', 'text'],
        ['incident_country', c.incident_country, 'text', 'text'],
        ['pre_existing_condition', c.pre_existing_condition, 'bool', 'bool'],
        ['documents', c.documents, 'list', 'text[]'],
      ])})`,
    sql`l AS (INSERT INTO claim_lines (id, claim_id, customer_id, line_no, benefit_code, description,
        service_date, amount_minor, currency, provider, days)
      SELECT id, claim_id, customer_id, line_no, benefit_code, description, service_date, amount_minor,
        currency, provider, days
      FROM ${recordset([
        ['id', l.id, 'id', 'uuid'],
        ['claim_id', l.claim_id, 'id', 'uuid'],
        ['customer_id', l.customer_id, 'id', 'uuid'],
        ['line_no', l.line_no, 'num', 'int4'],
        ['benefit_code', l.benefit_code, 'id', 'text'],
        ['description', l.description, 'text', 'text'],
        ['service_date', l.service_date, 'id', 'date'],
        ['amount_minor', l.amount_minor, 'num', 'int8'],
        ['currency', l.currency, 'id', 'text'],
        ['provider', l.provider, 'text', 'text'],
        ['days', l.days, 'num', 'int4'],
      ])})`,
    sql`a AS (INSERT INTO claim_assessments (id, claim_id, customer_id, seq, engine_version,
        product_version_id, recommendation, benefit_minor, straight_through, result, input, trigger)
      SELECT id, claim_id, customer_id, 1, engine_version, product_version_id, recommendation,
        benefit_minor, straight_through, result, input, 'bulk'
      FROM ${recordset([
        ['id', a.id, 'id', 'uuid'],
        ['claim_id', a.claim_id, 'id', 'uuid'],
        ['customer_id', a.customer_id, 'id', 'uuid'],
        ['engine_version', a.engine_version, 'text', 'text'],
        ['product_version_id', a.product_version_id, 'id', 'uuid'],
        ['recommendation', a.recommendation, 'id', 'text'],
        ['benefit_minor', a.benefit_minor, 'num', 'int8'],
        ['straight_through', a.straight_through, 'bool', 'bool'],
        ['result', a.result, 'json', 'jsonb'],
        ['input', a.input, 'json', 'jsonb'],
      ])})`,
  ];
  if (d.id.length > 0) {
    ctes.push(sql`d AS (INSERT INTO claim_decisions (id, claim_id, customer_id, outcome, amount_minor,
        currency, decided_by, assessment_id, straight_through, accumulator_deltas)
      SELECT id, claim_id, customer_id, outcome, amount_minor, currency, NULL, assessment_id, true,
        accumulator_deltas
      FROM ${recordset([
        ['id', d.id, 'id', 'uuid'],
        ['claim_id', d.claim_id, 'id', 'uuid'],
        ['customer_id', d.customer_id, 'id', 'uuid'],
        ['outcome', d.outcome, 'id', 'text'],
        ['amount_minor', d.amount_minor, 'num', 'int8'],
        ['currency', d.currency, 'id', 'text'],
        ['assessment_id', d.assessment_id, 'id', 'uuid'],
        ['accumulator_deltas', d.accumulator_deltas, 'json', 'jsonb'],
      ])})`);
  }
  if (u.key.length > 0) ctes.push(accumulatorUpsert(u));
  if (audit.length > 0) {
    const col = <K extends keyof AuditEventRow>(k: K) => audit.map((e) => e[k]);
    // ORDER BY the position keeps seq (an identity column) in chain order.
    ctes.push(sql`e AS (INSERT INTO audit_events (id, chain, occurred_at, actor_id, actor_role, action,
        entity_type, entity_id, customer_id, reason, data, prev_hash, hash)
      SELECT id, chain, occurred_at, actor_id, actor_role, action, entity_type, entity_id, customer_id,
        reason, data, prev_hash, hash
      FROM ${recordset([
        ['id', col('id'), 'id', 'uuid'],
        ['chain', col('chain'), 'text', 'text'],
        ['occurred_at', col('occurred_at'), 'id', 'timestamptz'],
        ['actor_id', col('actor_id'), 'id', 'uuid'],
        ['actor_role', col('actor_role'), 'text', 'text'],
        ['action', col('action'), 'text', 'text'],
        ['entity_type', col('entity_type'), 'text', 'text'],
        ['entity_id', col('entity_id'), 'id', 'uuid'],
        ['customer_id', col('customer_id'), 'id', 'uuid'],
        ['reason', col('reason'), 'text', 'text'],
        ['data', col('data'), 'json', 'jsonb'],
        ['prev_hash', col('prev_hash'), 'id', 'text'],
        ['hash', col('hash'), 'id', 'text'],
      ])}
      ORDER BY n)`);
  }
  if (opts.counter) ctes.push(counterCte(opts.counter));
  await sql`WITH ${sql.join(ctes)} SELECT 1`.execute(trx);
}

/** Accumulator deltas, one per key: used = used + delta (an upsert may touch a row only once). */
function accumulatorUpsert(u: BulkRows['accumulators']) {
  return sql`u AS (INSERT INTO benefit_accumulators (key, policy_id, customer_id, used)
      SELECT * FROM ${unnest('t', [
        ['key', u.key, 'text'],
        ['policy_id', u.policy_id, 'uuid'],
        ['customer_id', u.customer_id, 'uuid'],
        ['used', u.used, 'int8'],
      ])}
      ON CONFLICT (key) DO UPDATE SET used = benefit_accumulators.used + EXCLUDED.used, updated_at = now())`;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: COPY

// On a PostgreSQL server the batch goes in with COPY FROM STDIN instead (pg-copy-streams), on the
// connection that holds the batch's transaction: the same rows, without array parameters to
// escape and parse. Accumulators need an upsert, so they stay an SQL statement.

/** What the COPY writer needs: the raw pg client the transaction runs on. */
export type CopyTarget = { query(stream: CopyStreamQuery): CopyStreamQuery };

/** COPY text format: \N is NULL; backslash, tab, newline and carriage return are escaped. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const s = typeof value === 'string' ? value : String(value);
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPES, (c) => ESCAPED[c] as string) : s;
}
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const bools = (values: readonly boolean[]) => values.map((b) => (b ? 't' : 'f'));

/** text[] literal for simple elements (document kinds: lower-case words). */
function textArray(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

async function copyIn(
  client: CopyTarget,
  table: string,
  columns: readonly string[],
  data: readonly (readonly unknown[])[],
): Promise<void> {
  const n = data[0]?.length ?? 0;
  if (n === 0) return;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    let line = field(data[0]?.[i]);
    for (let c = 1; c < data.length; c++) line += `\t${field(data[c]?.[i])}`;
    parts.push(line);
  }
  const text = `${parts.join('\n')}\n`;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(text);
  });
}

/**
 * The same batch as `writeBulkRows`, with COPY for claims, lines, assessments, decisions and audit
 * events (in foreign-key order: each COPY checks its foreign keys when it ends), then one statement
 * for the accumulator upserts (and the counter, when asked). `trx` and `client` must be the same
 * session.
 */
export async function copyBulkRows(
  trx: Transaction<DB>,
  client: CopyTarget,
  rows: BulkRows,
  opts: { counter: CounterUpdate | null },
): Promise<void> {
  const { claims: c, lines: l, assessments: a, decisions: d, accumulators: u, audit } = rows;
  const n = c.id.length;
  await copyIn(
    client,
    'claims',
    [
      'id',
      'claim_number',
      'customer_id',
      'policy_id',
      'insured_person_id',
      'status',
      'channel',
      'incident_date',
      'description',
      'currency',
      'total_claimed_minor',
      'external_ref',
      'registered_by',
      'registered_at',
      'cause',
      'incident_country',
      'pre_existing_condition',
      'documents',
    ],
    [
      c.id,
      c.claim_number,
      c.customer_id,
      c.policy_id,
      c.insured_person_id,
      c.status,
      c.channel,
      c.incident_date,
      c.description,
      c.currency,
      c.total_claimed_minor,
      c.external_ref,
      c.registered_by,
      c.registered_at,
      c.cause,
      c.incident_country,
      bools(c.pre_existing_condition),
      c.documents.map(textArray),
    ],
  );
  await copyIn(
    client,
    'claim_lines',
    [
      'id',
      'claim_id',
      'customer_id',
      'line_no',
      'benefit_code',
      'description',
      'service_date',
      'amount_minor',
      'currency',
      'provider',
      'days',
    ],
    [
      l.id,
      l.claim_id,
      l.customer_id,
      l.line_no,
      l.benefit_code,
      l.description,
      l.service_date,
      l.amount_minor,
      l.currency,
      l.provider,
      l.days,
    ],
  );
  await copyIn(
    client,
    'claim_assessments',
    [
      'id',
      'claim_id',
      'customer_id',
      'seq',
      'engine_version',
      'product_version_id',
      'recommendation',
      'benefit_minor',
      'straight_through',
      'result',
      'input',
      'trigger',
    ],
    [
      a.id,
      a.claim_id,
      a.customer_id,
      Array(n).fill(1),
      a.engine_version,
      a.product_version_id,
      a.recommendation,
      a.benefit_minor,
      bools(a.straight_through),
      a.result,
      a.input,
      Array(n).fill('bulk'),
    ],
  );
  const decided = d.id.length;
  await copyIn(
    client,
    'claim_decisions',
    [
      'id',
      'claim_id',
      'customer_id',
      'outcome',
      'amount_minor',
      'currency',
      'decided_by',
      'assessment_id',
      'straight_through',
      'accumulator_deltas',
    ],
    [
      d.id,
      d.claim_id,
      d.customer_id,
      d.outcome,
      d.amount_minor,
      d.currency,
      Array(decided).fill(null),
      d.assessment_id,
      Array(decided).fill('t'),
      d.accumulator_deltas,
    ],
  );
  // Rows in chain order: seq (an identity column) is assigned in the order COPY reads them.
  const col = <K extends keyof AuditEventRow>(k: K) => audit.map((e) => e[k]);
  await copyIn(
    client,
    'audit_events',
    [
      'id',
      'chain',
      'occurred_at',
      'actor_id',
      'actor_role',
      'action',
      'entity_type',
      'entity_id',
      'customer_id',
      'reason',
      'data',
      'prev_hash',
      'hash',
    ],
    [
      col('id'),
      col('chain'),
      col('occurred_at'),
      col('actor_id'),
      col('actor_role'),
      col('action'),
      col('entity_type'),
      col('entity_id'),
      col('customer_id'),
      col('reason'),
      col('data'),
      col('prev_hash'),
      col('hash'),
    ],
  );
  const ctes: RawBuilder<unknown>[] = opts.counter ? [counterCte(opts.counter)] : [];
  if (u.key.length > 0) ctes.push(accumulatorUpsert(u));
  if (ctes.length === 0) return;
  await sql`WITH ${sql.join(ctes)}
    SELECT 1`.execute(trx);
}

/** Where batch transactions run, and how their rows go in. */
export type BatchWriter = {
  /** Runs the batch transactions (the lookups go through the caller's pool meanwhile). */
  db: Kysely<DB>;
  /** The raw client of `db`'s only session, for COPY; null → one INSERT statement per batch. */
  copy: CopyTarget | null;
  close(): Promise<void>;
};

// The same JS types as src/db/connection.ts: int8 → number, date → 'YYYY-MM-DD', numeric → string.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
const identity = (v: string) => v;
const copyTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === DATE || oid === NUMERIC) return identity;
    return pg.types.getTypeParser(oid, format);
  },
};

/** A connection of its own to the PostgreSQL server at `url`, writing batches with COPY. */
export async function openCopyWriter(url: string): Promise<BatchWriter> {
  const client = new pg.Client({ connectionString: url, types: copyTypes as pg.CustomTypesConfig });
  await client.connect();
  // Kysely on exactly this session, so that its transaction and the COPY streams are one.
  const session = { query: client.query.bind(client), release: () => {} };
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: { connect: async () => session as never, end: async () => {}, options: {} },
    }),
  });
  return {
    db,
    copy: client,
    async close() {
      await db.destroy();
      await client.end();
    },
  };
}

/** Batches through the caller's database with one INSERT statement each (PGlite, or no URL). */
export function statementWriter(db: Kysely<DB>): BatchWriter {
  return { db, copy: null, close: async () => {} };
}
