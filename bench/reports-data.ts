import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';

// Synthetic data for the reports benchmark, generated set-based in SQL (INSERT … SELECT FROM
// generate_series): CLAIMS claims over the two years before `now`, with the rows the reports read
// in realistic proportions. Every value is a pure function of the row number g (hashes of g, no
// random()), so two runs make the same data. Triggers are off while loading (session_replication_role
// = replica), foreign keys' and the report copies' (20261122010000_report_facts, written here with
// the rows instead): rows are consistent by construction, and the assessment,
// insured-person and bank-account rows the reports never read are not made. CHECK and NOT NULL
// constraints stay on; secondary indexes are built after the load. Rows are inserted in time order
// (claims by registration, decisions by decision time, …), as an append-only table fills in life, so
// a period's rows sit together on disk as they would on a live server.
//
// Per 100 claims: 85 decided (first decision: 40 straight through; 70 % approved, 12 % partly
// approved, 18 % denied of those; 2 appealed, with a second decision in force), 60 with a work item
// (the 15 undecided ones open), a first-contact clock and a legal/internal decision clock on each
// (5 % of the legal ones met late), ~65 payment orders (95 % settled, 1 % returned, 0.5 % rejected,
// the rest sent; late ones carry interest), and 0.5 complaints with a service case and work item.

export const PRODUCTS = [
  { code: 'SE-HOME', kind: 'insurance', country: 'SE', currency: 'SEK', legal: 'se.fal.claim_payment' },
  { code: 'SE-TRAVEL', kind: 'insurance', country: 'SE', currency: 'SEK', legal: 'se.fal.claim_payment' },
  { code: 'SE-SICK', kind: 'benefit_programme', country: 'SE', currency: 'SEK', legal: 'se.fl.six_months' },
  { code: 'IT-HEALTH', kind: 'insurance', country: 'IT', currency: 'EUR', legal: 'internal.claim_decision' },
  { code: 'IT-MOTOR', kind: 'insurance', country: 'IT', currency: 'EUR', legal: 'it.cap148.property' },
  { code: 'IT-TRAVEL', kind: 'insurance', country: 'IT', currency: 'EUR', legal: 'internal.claim_decision' },
] as const;

const LOADED = [
  'customers',
  'policies',
  'claims',
  'claim_decisions',
  'work_items',
  'deadlines',
  'payment_orders',
  'service_cases',
  'complaints',
];

export const TEAMS = PRODUCTS.map((p) => `T-${p.code}`);
export const SPAN_DAYS = 730;

/** A deterministic "random" integer in [0, m) from a row number and a salt (hash of both). */
const h = (expr: string, salt: number, m: number) => `(abs(hashint4((${expr})::int # ${salt})) % ${m})`;

export type DataCounts = Record<string, number>;

export async function generateReportData(
  db: Kysely<DB>,
  opts: { claims: number; now: Date; log: (line: string) => void },
): Promise<DataCounts> {
  const n = opts.claims;
  const customers = Math.max(100, Math.floor(n / 10));
  const policies = Math.max(100, Math.floor(n / 4));
  const now = opts.now.toISOString();
  const step = async (what: string, statement: string) => {
    const t = performance.now();
    await sql.raw(statement).execute(db);
    opts.log(`    ${what} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  };
  await db.connection().execute(async (conn) => {
    const run = async (what: string, statements: string) => {
      const t = performance.now();
      // One statement at a time: PGlite (the tests' engine) sends each as a prepared statement.
      for (const statement of statements.split(/;\s*(?:\n|$)/).filter((x) => x.trim() !== '')) {
        await sql.raw(statement).execute(conn);
      }
      opts.log(`    ${what} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    };
    await sql.raw(`SET session_replication_role = replica`).execute(conn);
    // Bulk-load habit: the secondary indexes of the loaded tables are dropped and built again
    // afterwards (one sort each instead of a million insertions each). Indexes behind a primary
    // key or unique constraint stay.
    const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
      SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename IN (${sql.join(LOADED)})
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`.execute(conn);
    for (const i of indexes) await sql.raw(`DROP INDEX ${i.indexname}`).execute(conn);
    await sql.raw(`SET maintenance_work_mem = '256MB'`).execute(conn);
    await sql.raw(`SET work_mem = '64MB'`).execute(conn);
    const values = PRODUCTS.map(
      (p, i) =>
        `(${i}, md5('product${i}')::uuid, '${p.code}', '${p.kind}', '${p.country}', '${p.currency}', '${p.legal}')`,
    ).join(', ');
    await run(
      'products, teams',
      `CREATE TEMP TABLE bench_products (i int, id uuid, code text, kind text, country text, currency text, legal text);
       INSERT INTO bench_products VALUES ${values};
       INSERT INTO products (id, code, kind, name, country, currency)
         SELECT id, code, kind, jsonb_build_object('en', code, 'sv', code, 'it', code), country, currency FROM bench_products;
       INSERT INTO teams (code, name, country, product_codes)
         SELECT 'T-' || code, 'Team ' || code, country, ARRAY[code] FROM bench_products;`,
    );
    await run(
      `${customers} customers`,
      `INSERT INTO customers (id, customer_number, given_name, family_name, preferred_language, country,
         national_id, national_id_country, birth_date, time_zone)
       SELECT md5('cust' || g)::uuid, 'CUS-' || g, 'Given' || g, 'Family' || g,
         CASE WHEN g % 3 = 0 THEN 'it' ELSE 'sv' END, CASE WHEN g % 3 = 0 THEN 'IT' ELSE 'SE' END,
         'N' || g, CASE WHEN g % 3 = 0 THEN 'IT' ELSE 'SE' END, date '1960-01-01' + (g % 15000),
         CASE WHEN g % 3 = 0 THEN 'Europe/Rome' ELSE 'Europe/Stockholm' END
       FROM generate_series(1, ${customers}) g`,
    );
    // A policy's product follows its customer's country (SE customers: products 0–2, IT: 3–5).
    await run(
      `${policies} policies`,
      `INSERT INTO policies (id, policy_number, customer_id, product_id, product_version_id, status, starts_on,
         ends_on, currency, premium_schedule)
       SELECT md5('pol' || g)::uuid, 'POL-' || g, md5('cust' || c)::uuid, p.id, md5('pv' || p.i)::uuid, 'active',
         date '2024-01-01', date '2030-01-01', p.currency, '{}'::jsonb
       FROM generate_series(1, ${policies}) g
         CROSS JOIN LATERAL (SELECT ((g - 1) % ${customers}) + 1 AS c) cc
         JOIN bench_products p ON p.i = CASE WHEN cc.c % 3 = 0 THEN 3 ELSE 0 END + ${h('g', 11, 3)}`,
    );
    // The claims, with what each one's later rows need (decided? when? outcome?), kept in a temp
    // table so that every other table is one INSERT … SELECT from it.
    await run(
      `${n} claims`,
      `CREATE TEMP TABLE bench_claims AS
       SELECT g, md5('clm' || g)::uuid AS id, md5('pol' || pg)::uuid AS policy_id,
         md5('cust' || (((pg - 1) % ${customers}) + 1))::uuid AS customer_id, p.i AS product_i, p.code AS product, p.id AS product_id,
         p.currency, p.country, p.legal,
         timestamptz '${now}' - make_interval(secs => ${h('g', 1, SPAN_DAYS * 86_400)}) AS registered_at,
         ${h('g', 2, 100)} AS r_decided, ${h('g', 3, 100)} AS r_st, ${h('g', 4, 100)} AS r_outcome,
         ${h('g', 5, 1000)} AS r_pay, ${h('g', 6, 100)} AS r_late,
         (1000 + ${h('g', 7, 5_000_000)})::bigint AS claimed
       FROM generate_series(1, ${n}) g
         CROSS JOIN LATERAL (SELECT ((g - 1) % ${policies}) + 1 AS pg) pp
         JOIN bench_products p ON p.i = CASE WHEN (((pp.pg - 1) % ${customers}) + 1) % 3 = 0 THEN 3 ELSE 0 END + ${h('pp.pg', 11, 3)};
       INSERT INTO claims (id, claim_number, customer_id, policy_id, insured_person_id, status, channel,
         incident_date, description, currency, total_claimed_minor, registered_at, status_changed_at)
       SELECT id, 'CLM-' || g, customer_id, policy_id, customer_id,
         CASE WHEN r_decided >= 85 THEN 'in_review' WHEN r_outcome < 18 THEN 'denied' ELSE 'paid' END,
         'portal', registered_at::date - 3, 'Bench claim', currency, claimed, registered_at, registered_at
       FROM bench_claims ORDER BY registered_at;
       ANALYZE bench_claims;`,
    );
    // Decision times: straight through within a minute; by a person 2 hours to ~60 days.
    await run(
      'first decisions',
      `CREATE TEMP TABLE bench_decisions AS
       SELECT * FROM (
         SELECT c.*, md5('dec' || g)::uuid AS decision_id, r_st < 40 AS straight,
           c.registered_at + CASE WHEN r_st < 40 THEN make_interval(secs => 5 + ${h('g', 8, 55)})
             ELSE make_interval(hours => 2 + ${h('g', 9, 1440)}) END AS decided_at,
           CASE WHEN r_outcome < 18 THEN 'denied' WHEN r_outcome < 30 THEN 'partially_approved' ELSE 'approved' END AS outcome
         FROM bench_claims c WHERE r_decided < 85) d
       WHERE d.decided_at < timestamptz '${now}' AND (d.g % 50 <> 0 OR d.decided_at < timestamptz '${now}' - interval '20 days');
       INSERT INTO claim_decisions (id, claim_id, customer_id, outcome, amount_minor, currency, assessment_id,
         straight_through, decided_at, decision_no, superseded_at, product_id, claim_registered_at)
       SELECT decision_id, id, customer_id, outcome,
         CASE outcome WHEN 'denied' THEN 0 WHEN 'partially_approved' THEN claimed / 2 ELSE claimed END,
         currency, md5('asm' || g)::uuid, straight, decided_at, 1,
         CASE WHEN g % 50 = 0 THEN decided_at + interval '20 days' END, product_id, registered_at
       FROM bench_decisions ORDER BY decided_at;
       INSERT INTO claim_decisions (id, claim_id, customer_id, outcome, amount_minor, currency, assessment_id,
         straight_through, decided_at, decision_no, product_id, claim_registered_at)
       SELECT md5('dec2-' || g)::uuid, id, customer_id, 'approved', claimed, currency, md5('asm' || g)::uuid,
         false, decided_at + interval '20 days', 2, product_id, registered_at
       FROM bench_decisions WHERE g % 50 = 0;
       ANALYZE bench_decisions;`,
    );
    // Work items: every claim not decided straight through (open while undecided), and teams.
    await run(
      'work items',
      `INSERT INTO work_items (id, kind, subject_id, customer_id, reference, summary, subject_status, open, team,
         language, product_code, amount_minor, currency, created_at, updated_at)
       SELECT md5('wi' || c.g)::uuid, 'claim', c.id, c.customer_id, 'CLM-' || c.g, 'Bench claim',
         CASE WHEN d.decision_id IS NULL THEN 'in_review' ELSE d.outcome END, d.decision_id IS NULL,
         'T-' || c.product, CASE WHEN c.country = 'IT' THEN 'it' ELSE 'sv' END, c.product, c.claimed, c.currency,
         c.registered_at, coalesce(d.decided_at, c.registered_at)
       FROM bench_claims c LEFT JOIN bench_decisions d ON d.g = c.g
       WHERE d.decision_id IS NULL OR NOT d.straight
       ORDER BY c.registered_at`,
    );
    // Clocks: first contact (met within a day, or running), and the product's decision or payment
    // clock, due 30 days after registration; 5 % of the decided ones stop late.
    await run(
      'deadlines',
      `INSERT INTO deadlines (id, work_item_id, customer_id, policy_code, calendar, started_at, status, due_at,
         state, stopped_at)
       SELECT md5('dlf' || c.g)::uuid, md5('wi' || c.g)::uuid, c.customer_id, 'internal.first_contact',
         CASE WHEN c.country = 'IT' THEN 'IT' ELSE 'SE' END, c.registered_at,
         CASE WHEN d.decision_id IS NULL AND c.r_late < 30 THEN 'running' ELSE 'met' END,
         c.registered_at + interval '2 days', 'on_track',
         CASE WHEN d.decision_id IS NULL AND c.r_late < 30 THEN NULL ELSE c.registered_at + interval '20 hours' END
       FROM bench_claims c LEFT JOIN bench_decisions d ON d.g = c.g
       WHERE d.decision_id IS NULL OR NOT d.straight
       ORDER BY c.registered_at;
       INSERT INTO deadlines (id, work_item_id, customer_id, policy_code, calendar, started_at, status, due_at,
         state, stopped_at)
       SELECT md5('dll' || c.g)::uuid, md5('wi' || c.g)::uuid, c.customer_id, c.legal,
         CASE WHEN c.country = 'IT' THEN 'IT' ELSE 'SE' END, c.registered_at,
         CASE WHEN d.decision_id IS NULL THEN 'running' ELSE 'met' END,
         c.registered_at + interval '30 days',
         CASE WHEN d.decision_id IS NULL AND c.registered_at < timestamptz '${now}' - interval '30 days' THEN 'breached'
           WHEN d.decision_id IS NOT NULL AND c.r_late < 5 THEN 'breached' ELSE 'on_track' END,
         CASE WHEN d.decision_id IS NULL THEN NULL
           WHEN c.r_late < 5 THEN least(c.registered_at + interval '30 days' + make_interval(days => 1 + c.r_late * 3),
             timestamptz '${now}')
           ELSE d.decided_at END
       FROM bench_claims c LEFT JOIN bench_decisions d ON d.g = c.g
       WHERE d.decision_id IS NULL OR NOT d.straight
       ORDER BY c.registered_at`,
    );
    // Payments for granted decisions: settled 1–5 days after the decision (late clocks: after the
    // clock stopped, with interest), a few returned or rejected, the newest still sent.
    await run(
      'payment orders',
      `INSERT INTO payment_orders (id, payment_number, kind, claim_id, decision_id, customer_id, bank_account_id,
         principal_minor, interest_minor, currency, legal_due_date, remittance_info, end_to_end_id,
         requested_execution_date, status, batch_id, status_changed_at, settled_on, created_at, updated_at,
         product_id, claim_registered_at, decided_at)
       SELECT md5('pay' || d.g)::uuid, 'PAY-' || d.g, 'claim_payment', d.id, d.decision_id, d.customer_id,
         md5('acct' || d.customer_id)::uuid,
         CASE d.outcome WHEN 'partially_approved' THEN d.claimed / 2 ELSE d.claimed END,
         CASE WHEN d.r_late < 5 AND d.legal = 'se.fal.claim_payment' THEN 100 + d.claimed / 500 ELSE 0 END,
         d.currency, CASE WHEN d.legal = 'se.fal.claim_payment' THEN (d.registered_at + interval '30 days')::date END,
         'Claim CLM-' || d.g, 'E2E-' || d.g, pay.at::date,
         CASE WHEN d.r_pay < 10 THEN 'returned' WHEN d.r_pay < 15 THEN 'rejected'
           WHEN pay.at > timestamptz '${now}' - interval '2 days' THEN 'sent' ELSE 'settled' END,
         md5('batch')::uuid, pay.at,
         CASE WHEN d.r_pay >= 15 AND pay.at <= timestamptz '${now}' - interval '2 days' THEN pay.at::date END,
         d.decided_at, pay.at, d.product_id, d.registered_at, d.decided_at
       FROM bench_decisions d
         CROSS JOIN LATERAL (SELECT CASE WHEN d.r_late < 5 AND NOT d.straight
           THEN greatest(d.decided_at + interval '1 day',
             d.registered_at + interval '31 days' + make_interval(days => 1 + d.r_late * 3, hours => ${h('d.g', 12, 24)}))
           ELSE d.decided_at + make_interval(days => 1 + ${h('d.g', 10, 5)}, hours => ${h('d.g', 12, 24)}) END AS at) pay
       WHERE d.outcome <> 'denied' AND pay.at < timestamptz '${now}'
       ORDER BY d.decided_at`,
    );
    // Complaints: one per 200 claims, received within 30 days of the decision, most answered.
    await run(
      'complaints',
      `CREATE TEMP TABLE bench_complaints AS
       SELECT c.*, md5('case' || c.g)::uuid AS case_id,
         least(c.registered_at + make_interval(days => 1 + ${h('c.g', 13, 30)}), timestamptz '${now}' - interval '1 hour') AS received_at,
         (ARRAY['claim_decision', 'delay', 'service', 'communication', 'other'])[1 + ${h('c.g', 14, 5)}] AS cause
       FROM bench_claims c WHERE c.g % 200 = 7;
       INSERT INTO service_cases (id, case_number, customer_id, kind, category, status, subject, description, channel,
         claim_id, language, created_at, updated_at, status_changed_at)
       SELECT case_id, 'CASE-' || g, customer_id, 'complaint', 'complaint', CASE WHEN r_pay < 800 THEN 'resolved' ELSE 'open' END,
         'Complaint', 'Bench complaint', 'email', id, CASE WHEN country = 'IT' THEN 'it' ELSE 'sv' END,
         received_at, received_at, received_at
       FROM bench_complaints;
       INSERT INTO complaints (case_id, customer_id, jurisdiction, cause_category, product_code, requested_remedy,
         received_at, acknowledged_at, final_answer, final_answer_at, outcome)
       SELECT case_id, customer_id, CASE WHEN country = 'IT' THEN 'IT' ELSE 'SE' END, cause, product, 'Look again',
         received_at, received_at + interval '1 day',
         CASE WHEN r_pay < 800 THEN 'Answered' END,
         CASE WHEN r_pay < 800 THEN least(received_at + interval '10 days', timestamptz '${now}') END,
         CASE WHEN r_pay >= 800 THEN NULL WHEN r_pay < 300 THEN 'upheld' WHEN r_pay < 450 THEN 'partially_upheld' ELSE 'rejected' END
       FROM bench_complaints;
       INSERT INTO work_items (id, kind, subject_id, customer_id, reference, summary, subject_status, open, team,
         language, product_code, created_at, updated_at)
       SELECT md5('wic' || g)::uuid, 'service_case', case_id, customer_id, 'CASE-' || g, 'Complaint',
         CASE WHEN r_pay < 800 THEN 'resolved' ELSE 'open' END, r_pay >= 800, 'T-' || product,
         CASE WHEN country = 'IT' THEN 'it' ELSE 'sv' END, product, received_at, received_at
       FROM bench_complaints;`,
    );
    const t = performance.now();
    for (const i of indexes) await sql.raw(i.indexdef).execute(conn);
    opts.log(
      `    ${indexes.length} secondary indexes built again (${((performance.now() - t) / 1000).toFixed(1)} s)`,
    );
    await sql.raw(`SET session_replication_role = DEFAULT`).execute(conn);
  });
  // What autovacuum leaves behind on a live server: statistics and the visibility map.
  await step('VACUUM ANALYZE', 'VACUUM ANALYZE');
  const { rows } = await sql<{ t: string; n: string }>`
    SELECT 'claims' AS t, count(*) AS n FROM claims UNION ALL SELECT 'decisions', count(*) FROM claim_decisions
    UNION ALL SELECT 'work items', count(*) FROM work_items UNION ALL SELECT 'deadlines', count(*) FROM deadlines
    UNION ALL SELECT 'payment orders', count(*) FROM payment_orders UNION ALL SELECT 'complaints', count(*) FROM complaints
    UNION ALL SELECT 'policies', count(*) FROM policies UNION ALL SELECT 'customers', count(*) FROM customers`.execute(
    db,
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}
