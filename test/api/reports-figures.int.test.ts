import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReportData } from '../../bench/reports-data.ts';
import { type Database, openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/db/seed/seed-demo.ts';
import { newId } from '../../src/lib/ids.ts';
import { ALL_REPORTS, type ReportDefinition, runReport } from '../../src/modules/reports/index.ts';
import { systemActor } from '../../src/modules/users/index.ts';

// Every report and extract, each figure against a direct SQL reading of the same rows aggregated
// here in plain code (not the report's query), twice, each time in a database of its own (a fresh
// in-memory PGlite, or, with DATABASE_URL, a throw-away database on that server):
// - the demo organisation (src/db/seed, what `npm start` shows), with three late payers added;
// - CLAIMS claims over two years with decisions, appeals, work items, legal and internal clocks
//   (some met late), payments (settled, returned, rejected, with late interest) and complaints,
//   generated set-based by the reports benchmark's generator (bench/reports-data.ts): the volume
//   and the corners (appeals, re-payments, late clocks) the demo has few of.
// The plain SQL joins each row to its claim, policy and product; the reports read the copies on
// the decision and payment rows (migration 20261122010000_report_facts), so this also checks that
// the copies agree with their sources, the demo seed's backdated registrations included.

type Rows = Record<string, unknown>[];

let database: Database;
let drop: () => Promise<void>;
const actor = systemActor('reports-test');
// Every date of the demo lies on or before today; claims are registered "now" and backdated. The
// period ends tomorrow (UTC): the complaints register counts Swedish and Italian days, which start
// an hour or two before UTC's.
const now = new Date();
const FROM = '2020-01-01';
const CLAIMS = 3_000;
const TO = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
const start = new Date(`${FROM}T00:00:00Z`);
const end = new Date(Date.parse(`${TO}T00:00:00Z`) + 86_400_000);

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function report(name: string): ReportDefinition {
  const found = ALL_REPORTS.find((r) => r.name === name);
  if (!found) throw new Error(`no report ${name}`);
  return found;
}

async function run(name: string, query: Record<string, string> = {}) {
  const result = await runReport({
    db: database.db,
    actor,
    report: report(name),
    query: { from: FROM, to: TO, ...query },
    now,
  });
  return result.rows;
}

async function rowsOf(q: ReturnType<typeof sql>): Promise<Rows> {
  return (await q.execute(database.db)).rows as Rows;
}

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}
const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 100) / 100);
const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** Groups rows by a key, keeping first-seen order; then sorted by the key. */
function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A database of this test's own, migrated, with `load`'s data. */
async function openOwnDatabase(load: () => Promise<void>) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    database = await openDatabase({ dataDir: 'memory://' });
    drop = () => database.close();
  } else {
    const name = `claimdesk_reports_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `CREATE DATABASE ${name}`);
    const own = new URL(url);
    own.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: own.toString(), dataDir: 'memory://' });
    drop = async () => {
      await database.close();
      await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    };
  }
  await migrate(database);
  await load();
}

/** The demo organisation (~10 s of CPU, a minute or more on a busy machine). */
async function seedDemoWithLatePayers() {
  await seedDemo(database.db);
  // The demo pays its Swedish claims straight through, well within FAL's month, so no legal clock
  // ended late. Three paid Swedish claims become late payers as they would after a slow month:
  // their FAL clock (on a closed work item) started 45 days before the bank settled the payment,
  // was due 14 days before it, and the payment carried late-payment interest.
  const db = database.db;
  // Taken from different products in turn, so the extract's product filter has products to tell
  // apart.
  const late = await rowsOf(sql`
    SELECT * FROM (
      SELECT DISTINCT ON (c.claim_number) c.id, c.claim_number, c.customer_id, c.status, po.id AS payment_id,
        po.status_changed_at AS paid_at, p.code AS product
      FROM claims c JOIN payment_orders po ON po.claim_id = c.id AND po.status = 'settled'
        JOIN policies pol ON pol.id = c.policy_id JOIN products p ON p.id = pol.product_id
      WHERE p.country = 'SE' AND NOT EXISTS (SELECT 1 FROM work_items w WHERE w.kind = 'claim' AND w.subject_id = c.id)
      ORDER BY c.claim_number) paid
    ORDER BY row_number() OVER (PARTITION BY product ORDER BY claim_number), claim_number LIMIT 3`);
  expect(new Set(late.map((c) => c.product)).size).toBeGreaterThan(1);
  expect(late).toHaveLength(3);
  for (const [i, c] of late.entries()) {
    const paidAt = new Date(c.paid_at as Date);
    const workItemId = newId();
    await db
      .insertInto('work_items')
      .values({
        id: workItemId,
        kind: 'claim',
        subject_id: String(c.id),
        customer_id: String(c.customer_id),
        reference: String(c.claim_number),
        summary: 'Late payer (test fixture)',
        subject_status: String(c.status),
        open: false,
        language: 'sv',
        product_code: String(c.product),
        created_at: new Date(paidAt.getTime() - 45 * 86_400_000),
      })
      .execute();
    await db
      .insertInto('deadlines')
      .values({
        id: newId(),
        work_item_id: workItemId,
        customer_id: String(c.customer_id),
        policy_code: 'se.fal.claim_payment',
        calendar: 'SE',
        started_at: new Date(paidAt.getTime() - 45 * 86_400_000),
        status: 'met',
        due_at: new Date(paidAt.getTime() - 14 * 86_400_000),
        state: 'breached',
        stopped_at: paidAt,
      })
      .execute();
    await db
      .updateTable('payment_orders')
      .set({ interest_minor: 1000 * (i + 1) })
      .where('id', '=', String(c.payment_id))
      .execute();
  }
}

const SOURCES = [
  { name: 'the demo organisation', load: seedDemoWithLatePayers },
  {
    name: `${CLAIMS.toLocaleString('en')} generated claims`,
    load: () => generateReportData(database.db, { claims: CLAIMS, now, log: () => {} }).then(() => {}),
  },
];

describe.each(SOURCES)('report figures equal a direct SQL count: $name', ({ load }) => {
  // Seeding the demo takes a minute or more when the machine is busy with the other test files.
  beforeAll(() => openOwnDatabase(load), 300_000);
  afterAll(async () => {
    await drop?.();
  });

  it('backlog by kind and age', async () => {
    const raw = await rowsOf(sql`
      SELECT kind, extract(epoch FROM ${now}::timestamptz - created_at)::float8 AS age_s
      FROM work_items WHERE open AND created_at >= ${start} AND created_at < ${end}`);
    expect(raw.length).toBeGreaterThan(10);
    const day = 86_400;
    const expected = [...groupBy(raw, (r) => String(r.kind)).entries()].map(([kind, items]) => {
      const ages = items.map((i) => Number(i.age_s));
      return {
        kind,
        open: items.length,
        upTo7Days: ages.filter((a) => a <= 7 * day).length,
        upTo30Days: ages.filter((a) => a > 7 * day && a <= 30 * day).length,
        upTo90Days: ages.filter((a) => a > 30 * day && a <= 90 * day).length,
        over90Days: ages.filter((a) => a > 90 * day).length,
      };
    });
    expect(await run('backlog')).toEqual(expected);
  });

  it('handling time: registration → decision → payment, median and p90', async () => {
    const decided = await rowsOf(sql`
      SELECT p.code AS product, extract(epoch FROM d.decided_at - c.registered_at)::float8 AS s
      FROM claim_decisions d JOIN claims c ON c.id = d.claim_id
        JOIN policies pol ON pol.id = c.policy_id JOIN products p ON p.id = pol.product_id
      WHERE d.decision_no = 1 AND d.decided_at >= ${start} AND d.decided_at < ${end}`);
    // Each claim's first settled claim payment or re-payment, wherever it fell; then the period.
    const paid = (
      await rowsOf(sql`
      SELECT DISTINCT ON (po.claim_id) p.code AS product, po.status_changed_at AS at,
        extract(epoch FROM po.status_changed_at - d.decided_at)::float8 AS s1,
        extract(epoch FROM po.status_changed_at - c.registered_at)::float8 AS s2
      FROM payment_orders po JOIN claim_decisions d ON d.id = po.decision_id JOIN claims c ON c.id = po.claim_id
        JOIN policies pol ON pol.id = c.policy_id JOIN products p ON p.id = pol.product_id
      WHERE po.status = 'settled' AND po.kind IN ('claim_payment', 'repayment')
      ORDER BY po.claim_id, po.status_changed_at, po.id`)
    ).filter((r) => new Date(r.at as Date) >= start && new Date(r.at as Date) < end);
    expect(decided.length).toBeGreaterThan(10);
    expect(paid.length).toBeGreaterThan(0);
    const row = (product: string | null, d: Rows, p: Rows) => ({
      product,
      decided: d.length,
      medianHours: hours(
        percentile(
          d.map((r) => Number(r.s)),
          0.5,
        ),
      ),
      p90Hours: hours(
        percentile(
          d.map((r) => Number(r.s)),
          0.9,
        ),
      ),
      paid: p.length,
      decisionToPaymentMedianHours: hours(
        percentile(
          p.map((r) => Number(r.s1)),
          0.5,
        ),
      ),
      decisionToPaymentP90Hours: hours(
        percentile(
          p.map((r) => Number(r.s1)),
          0.9,
        ),
      ),
      registrationToPaymentMedianHours: hours(
        percentile(
          p.map((r) => Number(r.s2)),
          0.5,
        ),
      ),
      registrationToPaymentP90Hours: hours(
        percentile(
          p.map((r) => Number(r.s2)),
          0.9,
        ),
      ),
    });
    const products = [...new Set([...decided, ...paid].map((r) => String(r.product)))].sort();
    const expected = [
      ...products.map((code) =>
        row(
          code,
          decided.filter((r) => r.product === code),
          paid.filter((r) => r.product === code),
        ),
      ),
      row(null, decided, paid),
    ];
    expect(await run('handling-time')).toEqual(expected);
  });

  it('deadline compliance per legal rule', async () => {
    const raw = await rowsOf(sql`
      SELECT policy_code AS rule, status, state, due_at, stopped_at FROM deadlines
      WHERE status <> 'cancelled' AND started_at >= ${start} AND started_at < ${end}`);
    expect(raw.length).toBeGreaterThan(10);
    const expected = [...groupBy(raw, (r) => String(r.rule)).entries()].map(([rule, items]) => {
      const met = items.filter((i) => i.status === 'met');
      const late = met.filter(
        (i) => i.due_at !== null && new Date(i.stopped_at as Date) > new Date(i.due_at as Date),
      );
      const open = items.filter((i) => i.status === 'running' || i.status === 'paused');
      const openBreached = open.filter((i) => i.state === 'breached').length;
      const metOnTime = met.length - late.length;
      return {
        rule,
        metOnTime,
        metLate: late.length,
        openBreached,
        openInTime: open.length - openBreached,
        complianceRate: rate(metOnTime, metOnTime + late.length + openBreached),
      };
    });
    const rows = await run('deadline-compliance');
    expect(rows).toEqual(expected);
    // Late payers: FAL's month ran out before the claim was paid.
    expect(rows.find((r) => r.rule === 'se.fal.claim_payment')?.metLate).toBeGreaterThan(0);
  });

  it('straight-through rate per product and in total', async () => {
    const raw = await rowsOf(sql`
      SELECT p.code AS product,
        (SELECT d.straight_through FROM claim_decisions d WHERE d.claim_id = c.id AND d.decision_no = 1) AS st
      FROM claims c JOIN policies pol ON pol.id = c.policy_id JOIN products p ON p.id = pol.product_id
      WHERE c.registered_at >= ${start} AND c.registered_at < ${end}`);
    const row = (product: string | null, items: Rows) => {
      const straightThrough = items.filter((i) => i.st === true).length;
      return {
        product,
        registered: items.length,
        straightThrough,
        byPerson: items.filter((i) => i.st === false).length,
        undecided: items.filter((i) => i.st === null).length,
        straightThroughRate: rate(straightThrough, items.length),
      };
    };
    const expected = [
      ...[...groupBy(raw, (r) => String(r.product))].map(([p, items]) => row(p, items)),
      row(null, raw),
    ];
    expect(expected.at(-1)?.straightThrough).toBeGreaterThan(0);
    expect(await run('straight-through')).toEqual(expected);
  });

  it('outcomes: approval, partial and denial rates per product', async () => {
    const raw = await rowsOf(sql`
      SELECT p.code AS product, d.currency, d.outcome, d.amount_minor::float8 AS amount
      FROM claim_decisions d JOIN claims c ON c.id = d.claim_id
        JOIN policies pol ON pol.id = c.policy_id JOIN products p ON p.id = pol.product_id
      WHERE d.superseded_at IS NULL AND d.decided_at >= ${start} AND d.decided_at < ${end}`);
    const expected = [...groupBy(raw, (r) => `${r.product} ${r.currency}`).values()].map((items) => {
      const count = (o: string) => items.filter((i) => i.outcome === o).length;
      return {
        product: String(items[0]?.product),
        currency: String(items[0]?.currency),
        decided: items.length,
        approved: count('approved'),
        partiallyApproved: count('partially_approved'),
        denied: count('denied'),
        grantedMinor: items.reduce((s, i) => s + Number(i.amount), 0),
        approvalRate: rate(count('approved'), items.length),
        partialRate: rate(count('partially_approved'), items.length),
        denialRate: rate(count('denied'), items.length),
      };
    });
    expect(expected.length).toBeGreaterThan(1);
    expect(await run('outcomes')).toEqual(expected);
  });

  it('payments paid and returned, per currency and product, and per currency', async () => {
    const raw = await rowsOf(sql`
      SELECT p.code AS product, po.currency, po.status, po.principal_minor::float8 AS principal,
        po.interest_minor::float8 AS interest
      FROM payment_orders po JOIN claims c ON c.id = po.claim_id
        JOIN policies pol ON pol.id = c.policy_id JOIN products p ON p.id = pol.product_id
      WHERE po.status IN ('settled', 'returned', 'rejected')
        AND po.status_changed_at >= ${start} AND po.status_changed_at < ${end}`);
    const row = (product: string | null, currency: string, items: Rows) => {
      const paid = items.filter((i) => i.status === 'settled');
      const back = items.filter((i) => i.status !== 'settled');
      const total = (xs: Rows) => xs.reduce((s, i) => s + Number(i.principal) + Number(i.interest), 0);
      return {
        product,
        currency,
        paidCount: paid.length,
        paidMinor: total(paid),
        interestMinor: paid.reduce((s, i) => s + Number(i.interest), 0),
        returnedCount: back.length,
        returnedMinor: total(back),
      };
    };
    const expected = [...groupBy(raw, (r) => String(r.currency))].flatMap(([currency, items]) => [
      ...[...groupBy(items, (r) => String(r.product))].map(([p, xs]) => row(p, currency, xs)),
      row(null, currency, items),
    ]);
    // The bank answered with settlements, returns and rejections.
    expect(raw.filter((r) => r.status === 'settled').length).toBeGreaterThan(5);
    expect(raw.filter((r) => r.status !== 'settled').length).toBeGreaterThan(0);
    expect(await run('payments')).toEqual(expected);
    const se = await run('payments', { country: 'SE' });
    expect(se.every((r) => r.currency === 'SEK')).toBe(true);
    expect(se.length).toBeGreaterThan(0);
  });

  it('complaints by cause and outcome', async () => {
    const raw = await rowsOf(sql`
      SELECT cause_category AS cause, outcome, final_answer_at IS NOT NULL AS answered, jurisdiction
      FROM complaints WHERE received_at >= ${start} AND received_at < ${end}`);
    const expected = (items: Rows) =>
      [...groupBy(items, (r) => String(r.cause))].map(([cause, xs]) => ({
        cause,
        received: xs.length,
        answered: xs.filter((x) => x.answered).length,
        open: xs.filter((x) => !x.answered).length,
        upheld: xs.filter((x) => x.outcome === 'upheld').length,
        partiallyUpheld: xs.filter((x) => x.outcome === 'partially_upheld').length,
        rejected: xs.filter((x) => x.outcome === 'rejected').length,
      }));
    expect(raw.filter((r) => r.outcome !== null).length).toBeGreaterThan(3);
    expect(await run('complaints')).toEqual(expected(raw));
    expect(await run('complaints', { country: 'IT' })).toEqual(
      expected(raw.filter((r) => r.jurisdiction === 'IT')),
    );
  });

  it('the complaints register extract lists every complaint of the period', async () => {
    const raw = await rowsOf(sql`
      SELECT sc.case_number, k.outcome FROM complaints k JOIN service_cases sc ON sc.id = k.case_id
      ORDER BY k.received_at, k.case_id`);
    const rows = await run('complaints-register');
    expect(raw.length).toBeGreaterThan(5);
    expect(rows.map((r) => r.caseNumber)).toEqual(raw.map((r) => r.case_number));
    expect(rows.filter((r) => r.outcome !== null)).toHaveLength(raw.filter((r) => r.outcome !== null).length);
  });

  it('claims past the legal deadline, with the interest paid', async () => {
    const raw = await rowsOf(sql`
      SELECT c.claim_number, dl.policy_code,
        (SELECT sum(interest_minor)::float8 FROM payment_orders po WHERE po.claim_id = c.id AND po.status = 'settled') AS interest,
        (SELECT sum(principal_minor)::float8 FROM payment_orders po WHERE po.claim_id = c.id AND po.status = 'settled') AS principal
      FROM deadlines dl JOIN work_items w ON w.id = dl.work_item_id JOIN claims c ON c.id = w.subject_id
      WHERE w.kind = 'claim' AND dl.status = 'met' AND dl.stopped_at > dl.due_at
        AND left(dl.policy_code, 9) <> 'internal.'
      ORDER BY dl.stopped_at, c.claim_number`);
    expect(raw.length).toBeGreaterThan(0);
    const rows = await run('claims-past-legal-deadline');
    expect(
      rows.map((r) => ({
        claim: r.claimNumber,
        rule: r.rule,
        interest: r.interestPaidMinor,
        paid: r.paidMinor,
      })),
    ).toEqual(
      raw.map((r) => ({
        claim: r.claim_number,
        rule: r.policy_code,
        interest: Number(r.interest),
        paid: Number(r.principal),
      })),
    );
    expect(rows.some((r) => Number(r.interestPaidMinor) > 0)).toBe(true);
    for (const r of rows) {
      expect(r.daysLate).toBeGreaterThanOrEqual(0);
      expect(String(r.handledOn) >= String(r.dueOn)).toBe(true);
    }
    const italian = await run('claims-past-legal-deadline', { country: 'IT' });
    expect(italian.every((r) => r.country === 'IT')).toBe(true);
  });

  // The reports read a product's claims by another path when the product filter is set
  // (docs/decisions/0016-report-queries.md): a product's report is exactly that product's rows of
  // the unfiltered one, its total rows (product null) repeating them.
  it('a product filter gives exactly that product’s rows', async () => {
    const byProduct = [
      'handling-time',
      'straight-through',
      'outcomes',
      'payments',
      'claims-past-legal-deadline',
    ];
    for (const name of byProduct) {
      const all = await run(name);
      const codes = [...new Set(all.map((r) => r.product).filter((p) => p !== null))];
      expect(codes.length, name).toBeGreaterThan(1);
      for (const code of codes) {
        const mine = all.filter((r) => r.product === code);
        const totals =
          name === 'outcomes' || name === 'claims-past-legal-deadline'
            ? []
            : mine.map((r) => ({ ...r, product: null }));
        const expected = name === 'payments' ? mine.flatMap((r, i) => [r, totals[i]]) : [...mine, ...totals];
        expect(await run(name, { product: String(code) }), `${name} ${code}`).toEqual(expected);
      }
    }
  });
});
