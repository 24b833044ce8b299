import { parseArgs } from 'node:util';
import { runTimelineBench } from './timeline-bench.ts';

// The customer-timeline benchmark alone: `node bench/timeline-run.ts [--quick] [--items N] [--no-write]`.
// `npm run bench` runs it with the others (bench/run.ts, `--only timeline`).

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    items: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
  strict: true,
});
const result = await runTimelineBench({
  quick: values.quick,
  items: values.items === undefined ? undefined : Number(values.items),
  // A --quick run is a smoke test: it records nothing.
  write: !values['no-write'] && !values.quick,
});
// A wrong page fails the run; a missed performance target is reported, not failed.
if (result.failures.length > 0) {
  for (const f of result.failures) console.error(`timeline: FAILED: ${f}`);
  process.exitCode = 1;
}
