import type { Executor } from '../db/transaction.ts';

export type NewJob = {
  kind: string;
  payload?: Record<string, unknown>;
  /** Not before this instant (default: now, by the database clock). */
  runAt?: Date;
  /** Idempotency key: a job with the same key, in any status, means this one is not inserted. */
  uniqueKey?: string;
  /** Attempts before the job is marked failed (default 5; a crashed worker's attempt counts). */
  maxAttempts?: number;
};

/**
 * Inserts a job in the caller's transaction, so the job exists exactly when the change that
 * caused it commits. Returns false when `uniqueKey` was already taken (nothing was inserted).
 */
export async function enqueueJob(trx: Executor, job: NewJob): Promise<boolean> {
  if (job.maxAttempts !== undefined && (!Number.isInteger(job.maxAttempts) || job.maxAttempts < 1)) {
    throw new Error(`enqueueJob: maxAttempts must be a whole number ≥ 1 (got ${job.maxAttempts})`);
  }
  const inserted = await trx
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt,
      unique_key: job.uniqueKey ?? null,
      max_attempts: job.maxAttempts,
    })
    // ON CONFLICT DO NOTHING, not a prior SELECT: two transactions enqueueing the same key at once
    // cannot both insert, and neither fails.
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
