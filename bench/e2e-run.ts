import { parseArgs } from 'node:util';
import { runE2eBench } from './e2e-bench.ts';

// The end-to-end benchmark alone: `node bench/e2e-run.ts [--quick] [--claims N] [--pglite-claims N]
// [--no-write]`. `npm run bench` runs it together with the engine benchmark (bench/run.ts).

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    claims: { type: 'string' },
    'pglite-claims': { type: 'string' },
    'batch-size': { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
await runE2eBench({
  quick: values.quick,
  claims: num(values.claims),
  pgliteClaims: num(values['pglite-claims']),
  batchSize: num(values['batch-size']),
  // A --quick run is a smoke test: it records nothing.
  write: !values['no-write'] && !values.quick,
});
