import { parseArgs } from 'node:util';
import { runReportsBench } from './reports-bench.ts';

// The reports benchmark alone: `node bench/reports-run.ts [--quick|--smoke] [--claims N] [--runs N]
// [--no-write]`. `npm run bench` runs it with the others (bench/run.ts, `--only reports`).
// REPORTS_BENCH_EXPLAIN=1 prints EXPLAIN ANALYZE of every report query.

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    claims: { type: 'string' },
    runs: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
  strict: true,
});
const quick = values.quick || values.smoke;
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const result = await runReportsBench({
  quick,
  claims: num(values.claims),
  runs: num(values.runs),
  // A smoke run records nothing.
  write: !values['no-write'] && !quick,
});
// A wrong result (a report with no rows where the data has some) fails the run; a missed target is
// reported in the figures, as the other benchmarks do.
if (result.failures.length > 0) {
  for (const f of result.failures) console.error(`reports: FAILED: ${f}`);
  process.exitCode = 1;
}
