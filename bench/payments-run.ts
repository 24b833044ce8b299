import { parseArgs } from 'node:util';
import { runPaymentsBench } from './payments-bench.ts';

// The bank-file benchmark alone: `node bench/payments-run.ts [--quick] [--payments N] [--seed S] [--no-write]`.
// `npm run bench` runs it with the others (bench/run.ts, `--only payments`).

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    payments: { type: 'string' },
    seed: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
  strict: true,
});
const result = await runPaymentsBench({
  quick: values.quick,
  payments: values.payments === undefined ? undefined : Number(values.payments),
  seed: values.seed === undefined ? undefined : Number(values.seed),
  // A --quick run is a smoke test: it records nothing.
  write: !values['no-write'] && !values.quick,
});
if (result.failures.length > 0) {
  for (const f of result.failures) console.error(`payments: FAILED: ${f}`);
  process.exitCode = 1;
}
