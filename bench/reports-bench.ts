import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import type { DB } from '../src/db/schema.ts';
import { ALL_REPORTS, type ReportDefinition, runReport } from '../src/modules/reports/index.ts';
import { systemActor } from '../src/modules/users/index.ts';
import { startThrowawayPostgres } from './e2e-postgres.ts';
import { generateReportData, PRODUCTS, TEAMS } from './reports-data.ts';
import { describeMachine, type Figure, mergeFigures, writeDocSection } from './results.ts';

// Benchmark — reports (issue 10 §3: "reports over 1M claims return in ≤ 500 ms each on
// PostgreSQL"), on a throw-away PostgreSQL 15 server (e2e-postgres.ts):
//
//  0. set-up (not timed): a database, migrated (so with the reports indexes of
//     20261122004000_reports), then CLAIMS claims over two years with their decisions, work items,
//     clocks, payments and complaints, generated set-based in SQL (reports-data.ts);
//  1. every report and regulatory extract through runReport, as the route calls it, for three
//     filter sets: the default period (the last 30 days, no filter), the last 30 days of one team,
//     and a whole year of one product. One warm-up run, then RUNS timed runs each: p50 and max;
//  2. without the reports indexes (dropped in a transaction, rolled back after): the 30-day default
//     once more, to show what the indexes buy (the "peer" figure).
// EXPLAIN (ANALYZE, BUFFERS) of each report's slowest query can be printed with REPORTS_BENCH_EXPLAIN=1.

export type ReportsBenchOptions = {
  quick?: boolean;
  /** Claims (default 1 000 000; 20 000 with quick). */
  claims?: number;
  runs?: number;
  write?: boolean;
  log?: (line: string) => void;
};

export type ReportsBenchResult = { failures: string[]; figures: Figure[] };

const FULL_CLAIMS = 1_000_000;
const QUICK_CLAIMS = 20_000;
const TARGET_MS = 500;
const DAY = 86_400_000;

type Scenario = { name: string; query: Record<string, string> };
type Timing = { report: string; scenario: string; p50: number; max: number; rows: number };

const iso = (d: Date) => d.toISOString().slice(0, 10);
const secs = (t: number) => ((performance.now() - t) / 1000).toFixed(1);

export async function runReportsBench(opts: ReportsBenchOptions = {}): Promise<ReportsBenchResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const quick = opts.quick === true;
  const claims = opts.claims ?? (quick ? QUICK_CLAIMS : FULL_CLAIMS);
  const runs = opts.runs ?? (quick ? 3 : 7);
  const started = performance.now();
  const loadAtStart = describeMachine().loadAverage;
  const failures: string[] = [];
  log(`reports: ${claims} claims on PostgreSQL, ${ALL_REPORTS.length} reports, ${runs} timed runs each`);

  const server = await startThrowawayPostgres({ log });
  try {
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE reports');
    await admin.end();
    const database = await openDatabase({ databaseUrl: server.url('reports'), dataDir: '' });
    try {
      const db = database.db;
      let t = performance.now();
      await migrate(database);
      log(`  migrated (${secs(t)} s)`);
      const now = new Date(Math.floor(Date.now() / 1000) * 1000);
      t = performance.now();
      const counts = await generateReportData(db, { claims, now, log });
      const loadSeconds = Number(secs(t));
      log(
        `  generated in ${loadSeconds} s: ${Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(', ')}`,
      );

      const to = iso(now);
      const scenarios: Scenario[] = [
        { name: 'last 30 days', query: {} },
        { name: 'last 30 days, one team', query: { team: TEAMS[0] as string } },
        {
          name: 'one year, one product',
          query: { from: iso(new Date(now.getTime() - 364 * DAY)), to, product: PRODUCTS[4].code },
        },
      ];
      const actor = systemActor('reports-bench');
      const once = (report: ReportDefinition, query: Record<string, string>) =>
        runReport({ db, actor, report, query, now });

      const timings: Timing[] = [];
      for (const scenario of scenarios) {
        log(`  ${scenario.name}:`);
        for (const report of ALL_REPORTS) {
          const first = await once(report, scenario.query); // warm-up
          const times: number[] = [];
          for (let i = 0; i < runs; i++) {
            const s = performance.now();
            await once(report, scenario.query);
            times.push(performance.now() - s);
          }
          const timing = {
            report: report.name,
            scenario: scenario.name,
            p50: median(times),
            max: Math.max(...times),
            rows: first.rows.length,
          };
          timings.push(timing);
          log(
            `    ${report.name.padEnd(28)} p50 ${timing.p50.toFixed(1).padStart(7)} ms  max ${timing.max
              .toFixed(1)
              .padStart(7)} ms  ${timing.rows} rows${timing.max > TARGET_MS ? '  ABOVE TARGET' : ''}`,
          );
          if (
            first.rows.length === 0 &&
            scenario.name === 'last 30 days' &&
            report.name !== 'complaints-register'
          ) {
            failures.push(
              `${report.name}: no rows over the last 30 days (the generated data should have some)`,
            );
          }
        }
      }

      if (process.env.REPORTS_BENCH_EXPLAIN) await explainAll(server.url('reports'), ALL_REPORTS, log);

      // Without the reports indexes: the same default period, each report once warm.
      const withoutIndexes = await measureWithoutIndexes(db, ALL_REPORTS, log);

      const measuredAt = new Date().toISOString();
      const worst = (report: string) =>
        Math.max(...timings.filter((x) => x.report === report).map((x) => x.max));
      const figures: Figure[] = ALL_REPORTS.map((r) => {
        const defaults = timings.find((x) => x.report === r.name && x.scenario === 'last 30 days') as Timing;
        const peer = withoutIndexes.get(r.name);
        return {
          name: `reports_${r.name.replaceAll('-', '_')}_p50_ms`,
          value: round1(defaults.p50),
          unit: 'ms',
          ...(peer === undefined
            ? {}
            : {
                peer: 'same query without the reports indexes',
                peer_value: round1(peer),
                ratio: round2(defaults.p50 / peer),
              }),
          better: 'lower' as const,
          target: `≤ ${TARGET_MS} ms (max over 3 filter sets: ${round1(worst(r.name))} ms)`,
          met: worst(r.name) <= TARGET_MS,
          note: `${claims} claims, PostgreSQL 15, last 30 days, p50 of ${runs}`,
          measured_at: measuredAt,
        };
      });
      const missed = figures.filter((f) => !f.met).map((f) => f.name);
      const durationSeconds = (performance.now() - started) / 1000;
      log(
        `reports: ${missed.length === 0 ? `every report ≤ ${TARGET_MS} ms` : `ABOVE ${TARGET_MS} ms: ${missed.join(', ')}`}; ` +
          `${failures.length === 0 ? 'checks passed' : `${failures.length} check(s) FAILED`}; ${durationSeconds.toFixed(0)} s in all`,
      );
      if ((opts.write ?? true) && failures.length === 0) {
        mergeFigures(figures);
        writeDocSection(
          'reports',
          markdown({
            claims,
            counts,
            timings,
            withoutIndexes,
            runs,
            loadSeconds,
            durationSeconds,
            measuredAt,
            loadAverage: { start: loadAtStart, end: describeMachine().loadAverage },
          }),
        );
        log('  wrote bench/results/latest.json and the reports section of docs/performance.md');
      }
      return { failures, figures };
    } finally {
      await database.close();
    }
  } finally {
    server.stop();
  }
}

const REPORT_INDEXES = [
  'claims_registered_idx',
  'policies_product_of_idx',
  'claim_decisions_first_decided_idx',
  'claim_decisions_current_decided_idx',
  'payment_orders_settled_idx',
  'payment_orders_returned_idx',
  'payment_orders_first_settled_idx',
  'deadlines_started_idx',
  'deadlines_met_late_idx',
  'claim_decisions_first_idx',
  'work_items_open_created_idx',
  // 20261122008000_reports_speed
  'claims_report_of_idx',
  'policies_by_product_idx',
  'claim_decisions_decided_of_idx',
  'work_items_report_team_idx',
  'work_items_report_product_idx',
  'work_items_report_of_idx',
  // 20261122010000_report_facts (the copied columns stay: they are data, not an index)
  'claim_decisions_first_by_product_idx',
  'payment_orders_settled_by_product_idx',
  'payment_orders_settled_of_claim_idx',
  // 20261122011000_report_facts_outcomes
  'claim_decisions_current_by_product_idx',
];

async function measureWithoutIndexes(
  db: Parameters<typeof generateReportData>[0],
  reports: readonly ReportDefinition[],
  log: (line: string) => void,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  log(
    '  last 30 days, without the reports indexes (20261122004000_reports, 20261122008000_reports_speed, 20261122010000_report_facts, 20261122011000_report_facts_outcomes):',
  );
  // DROP INDEX in a transaction that is rolled back: the indexes come back untouched. The reports
  // run on another connection would wait for the lock, so they run inside the same transaction.
  await db
    .transaction()
    .execute(async (trx) => {
      for (const index of REPORT_INDEXES) await sql.raw(`DROP INDEX ${index}`).execute(trx);
      // The settings runReport gives its own transaction: only the indexes differ.
      await sql`SET LOCAL jit = off`.execute(trx);
      await sql`SET LOCAL random_page_cost = 1.1`.execute(trx);
      for (const report of reports) {
        const run = () => runReport({ db: trx, actor: systemActor('reports-bench'), report, query: {} });
        await run();
        const s = performance.now();
        await run();
        const ms = performance.now() - s;
        out.set(report.name, ms);
        log(`    ${report.name.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms`);
      }
      throw new RollBack();
    })
    .catch((e: unknown) => {
      if (!(e instanceof RollBack)) throw e;
    });
  return out;
}

class RollBack extends Error {}

/**
 * Each report once (the default period) with auto_explain sending the plan of every statement
 * (EXPLAIN ANALYZE, BUFFERS) to this client as a notice: the queries exactly as the reports send them.
 */
async function explainAll(url: string, reports: readonly ReportDefinition[], log: (line: string) => void) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  pool.on('connect', (client) => {
    client.on('notice', (msg) => log(msg.message ?? ''));
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await db.connection().execute(async (conn) => {
      for (const statement of [
        `LOAD 'auto_explain'`,
        'SET auto_explain.log_min_duration = 0',
        'SET auto_explain.log_analyze = on',
        'SET auto_explain.log_buffers = on',
        'SET auto_explain.log_level = notice',
      ]) {
        await sql.raw(statement).execute(conn);
      }
      for (const report of reports) {
        log(`  EXPLAIN ANALYZE ${report.name}:`);
        await runReport({ db: conn, actor: systemActor('reports-bench'), report, query: {} });
      }
    });
  } finally {
    await db.destroy();
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

function markdown(r: {
  claims: number;
  counts: Record<string, number>;
  timings: Timing[];
  withoutIndexes: Map<string, number>;
  runs: number;
  loadSeconds: number;
  durationSeconds: number;
  measuredAt: string;
  loadAverage: { start: number; end: number };
}): string {
  const m = describeMachine();
  const scenarios = [...new Set(r.timings.map((t) => t.scenario))];
  const lines = [
    '## Reports',
    '',
    `\`npm run bench -- --only reports\` (\`bench/reports-bench.ts\`): every report and regulatory extract through`,
    '`runReport` (what `GET /reports/<name>` calls), on a throw-away PostgreSQL 15 holding',
    `${r.claims.toLocaleString('en')} claims over two years, generated set-based in SQL in ${r.loadSeconds} s (\`bench/reports-data.ts\`):`,
    `${Object.entries(r.counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')}.`,
    `Target: ≤ 500 ms each (issue 10). One warm-up, then ${r.runs} timed runs; p50 / max in ms.`,
    '',
    `| report | ${scenarios.join(' | ')} | 30 days without the reports indexes |`,
    `| --- | ${scenarios.map(() => '---').join(' | ')} | --- |`,
  ];
  for (const name of [...new Set(r.timings.map((t) => t.report))]) {
    const cells = scenarios.map((s) => {
      const t = r.timings.find((x) => x.report === name && x.scenario === s) as Timing;
      return `${t.p50.toFixed(1)} / ${t.max.toFixed(1)} (${t.rows} rows)`;
    });
    const peer = r.withoutIndexes.get(name);
    lines.push(`| ${name} | ${cells.join(' | ')} | ${peer === undefined ? '—' : peer.toFixed(1)} |`);
  }
  lines.push(
    '',
    `Measured ${r.measuredAt} on ${m.cpu} (${m.cores} cores), ${m.memoryGb} GB, Node ${m.node}; load average ` +
      `${r.loadAverage.start} at the start, ${r.loadAverage.end} at the end; ${r.durationSeconds.toFixed(0)} s in all.`,
  );
  return lines.join('\n');
}
