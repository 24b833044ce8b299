import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// `npm run bench [-- options]`: every benchmark, one after the other, each in its own process;
// results go to bench/results/latest.json and docs/performance.md (see bench/README.md).
//
//   --quick              smoke-test sizes for CI (records nothing in latest.json / docs)
//   --no-write           measure without updating latest.json and docs/performance.md
//   --only engine|e2e|queues|timeline|email|payments|http|reports   run one benchmark
//   --no-pin             engine benchmark: do not pin to one CPU
//   --claims N, --zen-stride K, --jre-stride K, --seed S   engine benchmark sizes (bench/engine-run.ts)
//
// The engine benchmark pins itself to one CPU (taskset); the end-to-end and queue benchmarks run
// unpinned, since they drive a PostgreSQL server (and, for queues, two worker processes).
// Exit status: non-zero when any benchmark fails.

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
    only: { type: 'string' },
    claims: { type: 'string' },
    'zen-stride': { type: 'string' },
    'jre-stride': { type: 'string' },
    seed: { type: 'string' },
  },
  strict: true,
});

const only = values.only;
const BENCHMARKS = ['engine', 'e2e', 'queues', 'timeline', 'email', 'payments', 'http', 'reports'];
if (only !== undefined && !BENCHMARKS.includes(only)) {
  console.error(`--only must be one of ${BENCHMARKS.join(', ')}, not ${only}`);
  process.exit(2);
}

const common: string[] = [];
if (values.quick) common.push('--quick');
if (values['no-write']) common.push('--no-write');

const runs: { name: string; script: string; args: string[] }[] = [];
if (only === undefined || only === 'engine') {
  const args = [...common];
  if (values['no-pin']) args.push('--no-pin');
  for (const k of ['claims', 'zen-stride', 'jre-stride', 'seed'] as const) {
    const v = values[k];
    if (v !== undefined) args.push(`--${k}`, v);
  }
  runs.push({ name: 'engine', script: 'engine-run.ts', args });
}
if (only === undefined || only === 'e2e') runs.push({ name: 'e2e', script: 'e2e-run.ts', args: common });
if (only === undefined || only === 'queues')
  runs.push({ name: 'queues', script: 'queue-run.ts', args: common });
if (only === undefined || only === 'timeline')
  runs.push({ name: 'timeline', script: 'timeline-run.ts', args: common });
if (only === undefined || only === 'email')
  runs.push({ name: 'email', script: 'email-run.ts', args: common });
if (only === undefined || only === 'payments')
  runs.push({ name: 'payments', script: 'payments-run.ts', args: common });
if (only === undefined || only === 'http') runs.push({ name: 'http', script: 'http-run.ts', args: common });
if (only === undefined || only === 'reports')
  runs.push({ name: 'reports', script: 'reports-run.ts', args: common });

const failed: string[] = [];
const started = performance.now();
for (const run of runs) {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, join(import.meta.dirname, run.script), ...run.args],
    {
      stdio: 'inherit',
    },
  );
  if (child.status !== 0) failed.push(`${run.name} (exit ${child.status ?? child.signal})`);
  console.log();
}
console.log(
  `bench: ${runs.map((r) => r.name).join(' + ')} in ${((performance.now() - started) / 1000).toFixed(0)} s` +
    (failed.length > 0 ? `; FAILED: ${failed.join(', ')}` : ''),
);
process.exitCode = failed.length > 0 ? 1 : 0;
