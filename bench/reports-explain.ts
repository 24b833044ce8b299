import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/db/schema.ts';
import { ALL_REPORTS, runReport } from '../src/modules/reports/index.ts';
import { systemActor } from '../src/modules/users/index.ts';
import { PRODUCTS, TEAMS } from './reports-data.ts';

// Plans and timings of the reports against a database already loaded (bench/reports-load.ts), for
// working on one query at a time:
//   DATABASE_URL=… node bench/reports-explain.ts [--report handling-time] [--scenario year] [--explain] [--runs 5]
// Scenarios as in the benchmark: `default` (last 30 days), `team` (last 30 days, one team), `year`
// (a whole year of one product). --explain prints EXPLAIN (ANALYZE, BUFFERS) of each statement as
// the report sends it (auto_explain).

const { values } = parseArgs({
  options: {
    report: { type: 'string' },
    scenario: { type: 'string' },
    explain: { type: 'boolean', default: false },
    runs: { type: 'string', default: '5' },
  },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL: a database loaded by bench/reports-load.ts');
const DAY = 86_400_000;
const now = new Date();
const iso = (d: Date) => d.toISOString().slice(0, 10);
const scenarios: Record<string, Record<string, string>> = {
  default: {},
  team: { team: TEAMS[0] as string },
  year: { from: iso(new Date(now.getTime() - 364 * DAY)), to: iso(now), product: PRODUCTS[4].code },
};
const pool = new pg.Pool({ connectionString: url, max: 1 });
pool.on('connect', (client) => {
  client.on('notice', (msg) => console.log(msg.message ?? ''));
});
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
const actor = systemActor('reports-explain');
try {
  await db.connection().execute(async (conn) => {
    for (const [name, query] of Object.entries(scenarios)) {
      if (values.scenario && values.scenario !== name) continue;
      for (const report of ALL_REPORTS) {
        if (values.report && values.report !== report.name) continue;
        await runReport({ db: conn, actor, report, query, now }); // warm
        const times: number[] = [];
        for (let i = 0; i < Number(values.runs); i++) {
          const t = performance.now();
          await runReport({ db: conn, actor, report, query, now });
          times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        const p50 = times[Math.floor(times.length / 2)] as number;
        console.log(
          `${name.padEnd(8)} ${report.name.padEnd(28)} p50 ${p50.toFixed(1).padStart(7)} ms  max ${(times.at(-1) as number).toFixed(1).padStart(7)} ms`,
        );
        if (values.explain) {
          for (const s of [
            `LOAD 'auto_explain'`,
            'SET auto_explain.log_min_duration = 0',
            'SET auto_explain.log_analyze = on',
            'SET auto_explain.log_buffers = on',
            'SET auto_explain.log_level = notice',
          ]) {
            await sql.raw(s).execute(conn);
          }
          await runReport({ db: conn, actor, report, query, now });
          await sql.raw('SET auto_explain.log_min_duration = -1').execute(conn);
        }
      }
    }
  });
} finally {
  await db.destroy();
}
