import type { JobHandler } from '../../src/jobs/job-types.ts';
import { testDatabase } from './test-database.ts';

/**
 * Runs a job handler in its own transaction, as a worker would (first attempt, due now), without a
 * worker: a worker on the shared test database could take other files' jobs.
 */
export async function runJob(
  handler: JobHandler,
  kind: string,
  payload: Record<string, unknown>,
): Promise<void> {
  const { db } = await testDatabase();
  const now = new Date();
  await db
    .transaction()
    .execute((trx) =>
      handler({ trx, job: { id: 0, kind, payload, attempts: 1, runAt: now }, log: console, now }),
    );
}
