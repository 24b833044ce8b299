import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connection.ts';
import type { JobHandlers } from '../../src/jobs/job-types.ts';
import { createWorker } from '../../src/jobs/worker.ts';

// A job worker in a process of its own, for the multi-process tests (src/jobs/*.int.test.ts).
// `node test/support/job-worker-process.ts '{"workerId":"a","kind":"…","leaseMs":1000}'` with
// DATABASE_URL set. Its one handler (for `kind`) inserts a row into test_job_effects in the job's
// transaction; payload.sleepMs makes it slow, and payload.hangOnAttempt makes that attempt print
// `hang <job id>` and never finish (the test then kills the process). Prints `ready` once polling,
// and `stopped <jobs run>` after a graceful stop on SIGTERM.

type Options = { workerId: string; kind: string; leaseMs?: number; pollIntervalMs?: number };
const options = JSON.parse(process.argv[2] ?? '{}') as Options;
const url = process.env.DATABASE_URL;
if (!url) throw new Error('job-worker-process needs DATABASE_URL: PGlite cannot be shared by processes');

const database = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
let ran = 0;
const handlers: JobHandlers = {
  async [options.kind](ctx) {
    await sql`INSERT INTO test_job_effects (job_id, worker, attempt)
      VALUES (${Number(ctx.job.id)}, ${options.workerId}, ${ctx.job.attempts})`.execute(ctx.trx);
    ran++;
    const { sleepMs, hangOnAttempt } = ctx.job.payload as { sleepMs?: number; hangOnAttempt?: number };
    if (hangOnAttempt === ctx.job.attempts) {
      process.stdout.write(`hang ${ctx.job.id}\n`);
      await new Promise(() => {}); // until SIGKILL
    }
    if (sleepMs) await new Promise((resolve) => setTimeout(resolve, sleepMs));
  },
};
const silent = { debug() {}, info() {}, warn() {}, error: console.error };
const worker = createWorker({
  db: database.db,
  handlers,
  log: silent,
  workerId: options.workerId,
  kinds: [options.kind],
  leaseMs: options.leaseMs,
  pollIntervalMs: options.pollIntervalMs ?? 20,
  batchSize: 5,
});
process.once('SIGTERM', async () => {
  await worker.stop();
  await database.close();
  process.stdout.write(`stopped ${ran}\n`);
  process.exit(0);
});
worker.start();
process.stdout.write('ready\n');
