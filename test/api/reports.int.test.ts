import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { ALL_REPORTS } from '../../src/modules/reports/index.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, expectProblem, uniqueSuffix } from './api-helpers.ts';

// The management reports on data this file creates (its own product and team, so that other test
// files writing at the same time on PostgreSQL never change the figures): every figure is checked
// against a direct SQL count of the same rows, and against what the test knows it created.

let app: FastifyInstance;
let clerk: Session;
let rep: Session;
let sup: Session;
let auditor: Session;
let team: string;
let productCode: string;
let productId: string;
let customerId: string;
let policyId: string;
const today = new Date().toISOString().slice(0, 10);
// The complaints register counts Swedish and Italian days, which begin before UTC's.
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: s.headers });
const post = (
  s: Session,
  url: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) => app.inject({ method: 'POST', url, headers: { ...s.headers, ...headers }, payload });

async function register(amountMinor: number) {
  const res = await post(
    clerk,
    '/claims',
    claimBody(customerId, policyId, {
      documents: ['receipt'],
      lines: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          description: 'Clinic',
          serviceDate: '2026-02-15',
          amountMinor,
          currency: 'SEK',
        },
      ],
    }),
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; claimNumber: string; status: string; version: number };
}

async function report(name: string, query = '') {
  const res = await get(sup, `/reports/${name}?product=${productCode}&from=${today}&to=${today}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { period: Record<string, unknown>; rows: Record<string, unknown>[] };
}

/** An XLSX response opened with exceljs: its first sheet's rows as arrays of cell values. */
async function sheetOf(res: {
  statusCode: number;
  body: string;
  rawPayload: Buffer;
  headers: Record<string, unknown>;
}) {
  expect(res.statusCode, res.body).toBe(200);
  expect(String(res.headers['content-type'])).toMatch(/spreadsheetml\.sheet/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

/** The percentile as PostgreSQL's percentile_cont computes it (linear interpolation). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}
const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100;

beforeAll(async () => {
  app = await testApp();
  [clerk, rep, sup, auditor] = await Promise.all([
    signInAs('representative'),
    signInAs('representative'),
    signInAs('supervisor'),
    signInAs('auditor'),
  ]);
  team = `R${uniqueSuffix().slice(-6)}`;
  const { db } = await testDatabase();
  await db.updateTable('users').set({ team, manager_id: sup.userId }).where('id', '=', rep.userId).execute();
  await db.updateTable('users').set({ team }).where('id', '=', sup.userId).execute();
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  await db
    .insertInto('teams')
    .values({ code: team, name: 'Reports team', country: 'SE', product_codes: [product.code] })
    .execute();
  await db
    .insertInto('authority_limits')
    .values({
      id: newId(),
      role: null,
      user_id: sup.userId,
      product_code: product.code,
      currency: 'SEK',
      max_amount_minor: 50_000_000,
      causes: null,
    })
    .execute();
  productCode = product.code;
  productId = product.id;
  customerId = customer.id;
  policyId = policy.id;

  // Two clean small claims (straight through), three for a person: one approved, one denied,
  // one left open.
  const small = [await register(120_000), await register(80_000)];
  expect(small.map((c) => c.status)).toEqual(['approved', 'approved']);
  const big = [await register(800_000), await register(900_000), await register(700_000)];
  expect(big.map((c) => c.status)).toEqual(['in_review', 'in_review', 'in_review']);
  const approve = await post(sup, `/claims/${big[0]?.claimNumber}/decision`, {
    version: big[0]?.version,
    outcome: 'approve',
  });
  expect(approve.statusCode, approve.body).toBe(201);
  const deny = await post(sup, `/claims/${big[1]?.claimNumber}/decision`, {
    version: big[1]?.version,
    outcome: 'deny',
    reasonCodes: ['not_covered'],
  });
  expect(deny.statusCode, deny.body).toBe(201);

  // Complaints about this product: two on delay (one answered), one on a claim decision.
  for (const cause of ['delay', 'delay', 'claim_decision']) {
    const res = await post(
      clerk,
      '/complaints',
      {
        customerId,
        policyId,
        causeCategory: cause,
        channel: 'phone',
        description: 'Slow.',
        requestedRemedy: 'Faster answers',
      },
      { 'idempotency-key': newId() },
    );
    expect(res.statusCode, res.body).toBe(201);
    if (cause === 'claim_decision') {
      const c = res.json();
      const answered = await post(sup, `/complaints/${c.caseNumber}/final-answer`, {
        answer: 'We looked again.',
        outcome: 'rejected',
        version: c.version,
      });
      expect(answered.statusCode, answered.body).toBe(200);
    }
  }
}, 60_000);

describe('reports', () => {
  it('straight-through rate: claims registered in the period, per product and in total', async () => {
    const { db } = await testDatabase();
    const { rows: sqlRows } = await sql<{ registered: number; straight: number; undecided: number }>`
      SELECT count(*)::int AS registered,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM claim_decisions d WHERE d.claim_id = c.id AND d.decision_no = 1 AND d.straight_through))::int AS straight,
        count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM claim_decisions d WHERE d.claim_id = c.id))::int AS undecided
      FROM claims c JOIN policies p ON p.id = c.policy_id WHERE p.product_id = ${productId}`.execute(db);
    const expected = sqlRows[0];
    expect(expected).toEqual({ registered: 5, straight: 2, undecided: 1 });
    const { rows, period } = await report('straight-through');
    expect(period).toMatchObject({ from: today, to: today, product: productCode });
    const row = {
      product: productCode,
      registered: 5,
      straightThrough: 2,
      byPerson: 2,
      undecided: 1,
      straightThroughRate: 0.4,
    };
    // The product's row and the total row (product null) are the same: only one product matches.
    expect(rows).toEqual([row, { ...row, product: null }]);
  });

  it('outcomes per product: approved, denied and the amount granted', async () => {
    const { db } = await testDatabase();
    const { rows: sqlRows } = await sql<{ outcome: string; n: number; amount: number }>`
      SELECT d.outcome, count(*)::int AS n, sum(d.amount_minor)::int AS amount
      FROM claim_decisions d JOIN claims c ON c.id = d.claim_id JOIN policies p ON p.id = c.policy_id
      WHERE p.product_id = ${productId} AND d.superseded_at IS NULL GROUP BY d.outcome`.execute(db);
    const by = Object.fromEntries(sqlRows.map((r) => [r.outcome, r]));
    expect(by.approved?.n).toBe(3);
    expect(by.denied?.n).toBe(1);
    const { rows } = await report('outcomes');
    expect(rows).toEqual([
      {
        product: productCode,
        currency: 'SEK',
        decided: 4,
        approved: 3,
        partiallyApproved: 0,
        denied: 1,
        grantedMinor: (by.approved?.amount ?? 0) + (by.denied?.amount ?? 0),
        approvalRate: 0.75,
        partialRate: 0,
        denialRate: 0.25,
      },
    ]);
  });

  it('handling time: median and 90th percentile from registration to first decision', async () => {
    const { db } = await testDatabase();
    const { rows: sqlRows } = await sql<{ s: number }>`
      SELECT extract(epoch FROM d.decided_at - c.registered_at)::float8 AS s
      FROM claim_decisions d JOIN claims c ON c.id = d.claim_id JOIN policies p ON p.id = c.policy_id
      WHERE p.product_id = ${productId} AND d.decision_no = 1`.execute(db);
    const seconds = sqlRows.map((r) => Number(r.s));
    expect(seconds).toHaveLength(4);
    const { rows } = await report('handling-time');
    // Nothing of this product has been paid: the payment legs are empty.
    const row = {
      product: productCode,
      decided: 4,
      medianHours: hours(percentile(seconds, 0.5)),
      p90Hours: hours(percentile(seconds, 0.9)),
      paid: 0,
      decisionToPaymentMedianHours: null,
      decisionToPaymentP90Hours: null,
      registrationToPaymentMedianHours: null,
      registrationToPaymentP90Hours: null,
    };
    expect(rows).toEqual([row, { ...row, product: null }]);
  });

  it('deadline compliance per legal rule, on the clocks of this product', async () => {
    const { db } = await testDatabase();
    const { rows: sqlRows } = await sql<{ rule: string; status: string; state: string; late: boolean }>`
      SELECT dl.policy_code AS rule, dl.status, dl.state, coalesce(dl.stopped_at > dl.due_at, false) AS late
      FROM deadlines dl JOIN work_items w ON w.id = dl.work_item_id
      WHERE w.product_code = ${productCode} AND dl.status <> 'cancelled'`.execute(db);
    expect(sqlRows.length).toBeGreaterThan(0);
    const expected = new Map<string, Record<string, unknown>>();
    for (const r of sqlRows) {
      const e = expected.get(r.rule) ?? {
        rule: r.rule,
        metOnTime: 0,
        metLate: 0,
        openBreached: 0,
        openInTime: 0,
      };
      const k =
        r.status === 'met'
          ? r.late
            ? 'metLate'
            : 'metOnTime'
          : r.state === 'breached'
            ? 'openBreached'
            : 'openInTime';
      e[k] = (e[k] as number) + 1;
      expected.set(r.rule, e);
    }
    // The two decided claims met their clocks, the open one's still run.
    const totalMet = [...expected.values()].reduce((s, e) => s + (e.metOnTime as number), 0);
    expect(totalMet).toBeGreaterThanOrEqual(2);
    const { rows } = await report('deadline-compliance');
    expect(rows).toEqual(
      [...expected.values()]
        .sort((a, b) => String(a.rule).localeCompare(String(b.rule)))
        .map((e) => {
          const due = (e.metOnTime as number) + (e.metLate as number) + (e.openBreached as number);
          return {
            ...e,
            complianceRate: due === 0 ? null : Math.round(((e.metOnTime as number) / due) * 10_000) / 10_000,
          };
        }),
    );
    // The team filter keeps the same clocks (every claim of the product went to this file's team).
    expect((await report('deadline-compliance', `&team=${team}`)).rows).toEqual(rows);
    expect((await report('deadline-compliance', '&team=nobody')).rows).toEqual([]);
  });

  it('backlog by kind and age: the open claim', async () => {
    const { db } = await testDatabase();
    const open = await db
      .selectFrom('work_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('product_code', '=', productCode)
      .where('open', '=', true)
      .executeTakeFirstOrThrow();
    expect(Number(open.n)).toBe(1);
    const { rows } = await report('backlog');
    expect(rows).toEqual([
      { kind: 'claim', open: 1, upTo7Days: 1, upTo30Days: 0, upTo90Days: 0, over90Days: 0 },
    ]);
  });

  it('complaints by cause and outcome', async () => {
    const { db } = await testDatabase();
    const { rows: sqlRows } = await sql<{ cause: string; n: number; answered: number; rejected: number }>`
      SELECT cause_category AS cause, count(*)::int AS n, count(final_answer_at)::int AS answered,
        count(*) FILTER (WHERE outcome = 'rejected')::int AS rejected
      FROM complaints WHERE product_code = ${productCode} GROUP BY cause_category ORDER BY cause_category`.execute(
      db,
    );
    expect(sqlRows).toEqual([
      { cause: 'claim_decision', n: 1, answered: 1, rejected: 1 },
      { cause: 'delay', n: 2, answered: 0, rejected: 0 },
    ]);
    const { rows } = await report('complaints', '&country=SE');
    expect(rows).toEqual(
      sqlRows.map((r) => ({
        cause: r.cause,
        received: r.n,
        answered: r.answered,
        open: r.n - r.answered,
        upheld: 0,
        partiallyUpheld: 0,
        rejected: r.rejected,
      })),
    );
    expect((await report('complaints', '&country=IT')).rows).toEqual([]);
  });

  it('a period before anything was created is empty; CSV has the same rows', async () => {
    const empty = await get(sup, `/reports/outcomes?product=${productCode}&from=2020-01-01&to=2020-01-31`);
    expect(empty.json().rows).toEqual([]);
    const csv = await get(
      auditor,
      `/reports/complaints.csv?product=${productCode}&from=${today}&to=${today}`,
    );
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`complaints_${today}_${today}.csv`);
    expect(csv.body).toBe(
      '\uFEFFcause,received,answered,open,upheld,partiallyUpheld,rejected\r\n' +
        'claim_decision,1,1,0,0,0,1\r\ndelay,2,0,2,0,0,0\r\n',
    );
  });

  it('XLSX: a header row, then the JSON rows with numbers as numbers and blanks for nothing', async () => {
    for (const name of ['outcomes', 'complaints', 'handling-time']) {
      const { rows } = await report(name);
      const definition = ALL_REPORTS.find((r) => r.name === name);
      const columns = definition?.columns ?? [];
      const res = await get(sup, `/reports/${name}.xlsx?product=${productCode}&from=${today}&to=${today}`);
      expect(res.headers['content-disposition']).toContain(`${name}_${today}_${today}.xlsx`);
      const sheet = await sheetOf(res);
      expect(sheet[0]).toEqual(columns);
      expect(sheet).toHaveLength(rows.length + 1);
      rows.forEach((row, i) => {
        // exceljs leaves an empty cell undefined (trailing ones off the end of the row).
        const cells = columns.map((_, c) => sheet[i + 1]?.[c] ?? null);
        expect(cells).toEqual(columns.map((c) => row[c] ?? null));
        for (const [c, key] of columns.entries()) {
          if (typeof row[key] === 'number') expect(typeof cells[c]).toBe('number');
        }
      });
    }
  });

  it('XLSX: the complaints register has its dates as dates', async () => {
    const query = `?product=${productCode}&from=${today}&to=${tomorrow}`;
    const json = await get(sup, `/reports/complaints-register${query}`);
    expect(json.statusCode, json.body).toBe(200);
    const rows = json.json().rows as Record<string, unknown>[];
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.causeCategory))).toEqual(new Set(['delay', 'claim_decision']));
    const sheet = await sheetOf(await get(auditor, `/reports/complaints-register.xlsx${query}`));
    const header = sheet[0] as string[];
    const col = (name: string) => header.indexOf(name);
    rows.forEach((row, i) => {
      const cells = sheet[i + 1] as unknown[];
      expect(cells[col('caseNumber')]).toBe(row.caseNumber);
      const received = cells[col('receivedOn')];
      expect(received).toBeInstanceOf(Date);
      expect((received as Date).toISOString().slice(0, 10)).toBe(row.receivedOn);
      expect(cells[col('outcome')] ?? null).toBe(row.outcome);
    });
  });

  it('an empty period is an empty file with headers, for every report and extract', async () => {
    const query = `?product=${productCode}&from=2020-01-01&to=2020-01-31`;
    for (const definition of ALL_REPORTS) {
      const json = await get(sup, `/reports/${definition.name}${query}`);
      expect(json.statusCode, json.body).toBe(200);
      expect(json.json().rows, definition.name).toEqual([]);
      const csv = await get(sup, `/reports/${definition.name}.csv${query}`);
      expect(csv.statusCode, csv.body).toBe(200);
      expect(csv.body).toBe(`\uFEFF${definition.columns.join(',')}\r\n`);
      expect(await sheetOf(await get(sup, `/reports/${definition.name}.xlsx${query}`))).toEqual([
        [...definition.columns],
      ]);
    }
  });

  it('is for supervisors, administrators and auditors; bad periods are 400', async () => {
    expectProblem(await get(rep, '/reports/backlog'), 403, 'forbidden');
    expectProblem(await get(rep, '/reports/backlog.csv'), 403, 'forbidden');
    expectProblem(await get(rep, '/reports/backlog.xlsx'), 403, 'forbidden');
    expectProblem(await get(rep, '/reports/complaints-register.xlsx'), 403, 'forbidden');
    expectProblem(await get(rep, '/reports/claims-past-legal-deadline.csv'), 403, 'forbidden');
    expectProblem(
      await get(sup, '/reports/payments.xlsx?from=2026-05-02&to=2026-05-01'),
      400,
      'validation_failed',
    );
    expect((await get(auditor, '/reports/backlog')).statusCode).toBe(200);
    expectProblem(await get(sup, '/reports/backlog?from=2026-05-02&to=2026-05-01'), 400, 'validation_failed');
    expectProblem(await get(sup, '/reports/backlog?from=2026-02-30'), 400, 'validation_failed');
    // Without a period: the last 30 days up to today.
    const res = await get(sup, `/reports/outcomes?product=${productCode}`);
    expect(res.json().period.to).toBe(today);
    expect(res.json().rows).toHaveLength(1);
  });
});
