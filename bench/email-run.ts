import { parseArgs } from 'node:util';
import { runEmailBench } from './email-bench.ts';

// The email-intake benchmark alone: `node bench/email-run.ts [--quick] [--messages N] [--no-write]`.
// `npm run bench` runs it with the others (bench/run.ts, `--only email`).

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    messages: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
  strict: true,
});
const result = await runEmailBench({
  quick: values.quick,
  messages: values.messages === undefined ? undefined : Number(values.messages),
  // A --quick run is a smoke test: it records nothing.
  write: !values['no-write'] && !values.quick,
});
// A lost or doubled message fails the run; the rate is reported, not judged.
if (result.failures.length > 0) {
  for (const f of result.failures) console.error(`email: FAILED: ${f}`);
  process.exitCode = 1;
}
