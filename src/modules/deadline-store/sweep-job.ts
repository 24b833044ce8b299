import { enqueueJob } from '../../jobs/enqueue-job.ts';
import type { JobHandler } from '../../jobs/job-types.ts';
import { sweepDeadlines } from './sweep-deadlines.ts';

export const DEADLINE_SWEEP_JOB = 'deadlines.sweep';
/** Clocks per sweep transaction: short enough not to hold PGlite's single session for long. */
export const SWEEP_BATCH = 500;
/** How often every worker schedules a sweep (deduplicated across workers by the queue). */
export const SWEEP_EVERY_MS = 30_000;

/**
 * One batch of the sweep per job. A full batch means more may be due, so the job enqueues its own
 * continuation in the same transaction (unique per job: a retried job cannot fork the chain); the
 * periodic schedule starts a new chain every SWEEP_EVERY_MS, and chains running side by side on
 * several workers take disjoint clocks (SKIP LOCKED).
 */
export const sweepDeadlinesJob: JobHandler = async ({ trx, now, job, log }) => {
  const result = await sweepDeadlines(trx, { now, limit: SWEEP_BATCH });
  if (result.alerts > 0) log.info({ ...result, job: job.id }, 'deadline sweep');
  if (result.clocks === SWEEP_BATCH) {
    await enqueueJob(trx, { kind: DEADLINE_SWEEP_JOB, uniqueKey: `${DEADLINE_SWEEP_JOB}:after:${job.id}` });
  }
};
