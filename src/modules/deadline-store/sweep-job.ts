import { enqueueJob } from '../../jobs/enqueue-job.ts';
import type { JobHandler } from '../../jobs/job-types.ts';
import { sweepDeadlines } from './sweep-deadlines.ts';

export const DEADLINE_SWEEP_JOB = 'deadlines.sweep';
/**
 * Clocks per sweep transaction. PGlite has one session, shared with every HTTP request, so its
 * batches stay short; on a PostgreSQL server a larger batch spreads each statement's fixed cost
 * over more clocks (measured: 11,000 due clocks in 1.96–2.07 s with 1,000 against 2.23–2.41 s
 * with 500; 2,000 was no better).
 */
export const SWEEP_BATCH_BY_ENGINE = { pglite: 500, postgres: 1_000 } as const;
/** The smaller batch, for callers that do not know the engine. */
export const SWEEP_BATCH = SWEEP_BATCH_BY_ENGINE.pglite;
/** How often every worker schedules a sweep (deduplicated across workers by the queue). */
export const SWEEP_EVERY_MS = 30_000;

/**
 * One batch of the sweep per job. A full batch means more may be due, so the job enqueues its own
 * continuation in the same transaction (unique per job: a retried job cannot fork the chain); the
 * periodic schedule starts a new chain every SWEEP_EVERY_MS, and chains running side by side on
 * several workers take disjoint clocks (SKIP LOCKED).
 */
export function sweepDeadlinesJob(batch: number = SWEEP_BATCH): JobHandler {
  return async ({ trx, now, job, log }) => {
    const result = await sweepDeadlines(trx, { now, limit: batch });
    if (result.alerts > 0) log.info({ ...result, job: job.id }, 'deadline sweep');
    if (result.clocks === batch) {
      await enqueueJob(trx, { kind: DEADLINE_SWEEP_JOB, uniqueKey: `${DEADLINE_SWEEP_JOB}:after:${job.id}` });
    }
  };
}
