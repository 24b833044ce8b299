import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runEngineBench } from './engine-bench.ts';
import { allowedCpus } from './results.ts';

// The engine benchmark alone: `node bench/engine-run.ts [options]` (`npm run bench` runs it first).
//
//   --quick            small sizes, a smoke test for CI (figures go to bench/results/quick.json)
//   --no-write         do not update bench/results/latest.json and docs/performance.md
//   --claims N         claims for our engine (default 1,000,000; 20,000 with --quick)
//   --zen-stride K     zen-engine assesses every K-th claim (default 4; 1 with --quick)
//   --jre-stride K     json-rules-engine assesses every K-th claim (default: 40,000 claims; 2,000 with --quick)
//   --seed S           synthetic data seed
//   --no-pin           do not re-run under `taskset -c 0`
//
// The comparison is one core against one core: on Linux with taskset, the run re-executes itself
// pinned to CPU 0 (zen-engine's worker threads included), unless it already runs on a single CPU.
// Exit status 1 when our engine disagrees with a peer.

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
    claims: { type: 'string' },
    'zen-stride': { type: 'string' },
    'jre-stride': { type: 'string' },
    seed: { type: 'string' },
  },
  strict: true,
});

// The run re-executes itself once: pinned to CPU 0 when it is not already on one CPU (and taskset
// exists), and with --expose-gc, which the benchmark uses to move each freshly built batch of
// claims out of the young generation before timing any engine on it (see settleHeap).
const onOneCpu = /^\d+$/.test(allowedCpus());
const pin = !values['no-pin'] && !onOneCpu && process.platform === 'linux';
const hasTaskset = pin && spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
if (pin && !hasTaskset) {
  console.log(
    '(taskset not available: not pinned; each engine still runs one claim at a time on one thread)',
  );
}
if (hasTaskset || typeof (globalThis as { gc?: unknown }).gc !== 'function') {
  const node = [process.execPath, '--expose-gc', ...process.execArgv, ...process.argv.slice(1)];
  const child = hasTaskset
    ? spawnSync('taskset', ['-c', '0', ...node], { stdio: 'inherit' })
    : spawnSync(node[0] as string, node.slice(1), { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const num = (s: string | undefined) => (s === undefined ? undefined : Number.parseInt(s, 10));

const { ok } = await runEngineBench({
  quick: values.quick,
  write: !values['no-write'],
  claims: num(values.claims),
  zenStride: num(values['zen-stride']),
  jreStride: num(values['jre-stride']),
  seed: num(values.seed),
});
process.exitCode = ok ? 0 : 1;
