import { parseArgs } from 'node:util';
import { runHttpBench } from './http-bench.ts';

// The HTTP load benchmark alone: `node bench/http-run.ts [--quick] [--duration S]
// [--connections N] [--policies N] [--no-write]`. `npm run bench` runs it with the others
// (bench/run.ts, `--only http`).

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    connections: { type: 'string' },
    policies: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
  strict: true,
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const result = await runHttpBench({
  quick: values.quick,
  duration: num(values.duration),
  connections: num(values.connections),
  policies: num(values.policies),
  // A --quick run is a smoke test: it records nothing.
  write: !values['no-write'] && !values.quick,
});
// Lost, doubled or failed requests fail the run; a missed performance target is reported only.
if (result.failures.length > 0) {
  for (const f of result.failures) console.error(`http: FAILED: ${f}`);
  process.exitCode = 1;
}
