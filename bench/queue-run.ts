import { parseArgs } from 'node:util';
import { runQueueBench } from './queue-bench.ts';

// The work-queue benchmark alone: `node bench/queue-run.ts [--quick] [--items N] [--timers N]
// [--workers 1|2] [--no-write]`. `npm run bench` runs it with the others (bench/run.ts, `--only queues`).

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    items: { type: 'string' },
    timers: { type: 'string' },
    workers: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
  strict: true,
});
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const result = await runQueueBench({
  quick: values.quick,
  items: num(values.items),
  timers: num(values.timers),
  workers: num(values.workers),
  // A --quick run is a smoke test: it records nothing.
  write: !values['no-write'] && !values.quick,
});
// Correctness failures (a wrong page, a missed or doubled alert, a timeout) fail the run; a missed
// performance target is reported, not failed.
if (result.failures.length > 0) {
  for (const f of result.failures) console.error(`queues: FAILED: ${f}`);
  process.exitCode = 1;
}
