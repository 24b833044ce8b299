import { type Kysely, sql } from 'kysely';
import type { DB, JobStatus } from '../db/schema.ts';
import { maskPersonalData } from '../lib/mask-personal-data.ts';
import type { ClaimedJob } from './claim-jobs.ts';
import type { JobHandlers, JobLogger } from './job-types.ts';

export type RetryPolicy = {
  /** Delay before the second attempt; doubled for each further one. */
  baseMs: number;
  /** Cap on the delay. */
  maxMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 10_000, maxMs: 60 * 60_000 };

/** Exponential backoff: base, 2·base, 4·base, … capped; `attempt` is the attempt that failed. */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.baseMs * 2 ** Math.max(0, attempt - 1), policy.maxMs);
}

/** done: completed; retry/failed: the handler threw; lost: another worker holds this job now. */
export type JobOutcome = 'done' | 'retry' | 'failed' | 'lost';

const MAX_ERROR_LENGTH = 2000;

/**
 * Runs one claimed job: the handler and the job's completion in ONE transaction, so its effects
 * commit exactly when the job is marked done. If the process dies inside, the transaction never
 * commits and the job (claimed, with its attempt counted) is taken over after its lease.
 */
export async function runClaimedJob(opts: {
  db: Kysely<DB>;
  job: ClaimedJob;
  handlers: JobHandlers;
  log: JobLogger;
  retry: RetryPolicy;
}): Promise<JobOutcome> {
  const { db, job } = opts;
  const log = opts.log.child?.({ jobId: job.id, kind: job.kind, attempt: job.attempts }) ?? opts.log;
  const handler = Object.hasOwn(opts.handlers, job.kind) ? opts.handlers[job.kind] : undefined;
  if (!handler) {
    // Retried like any failure rather than failed at once: during a rolling deploy an older
    // worker may meet a kind that only newer workers know.
    return recordFailure(db, job, new Error(`no handler for job kind "${job.kind}" in this worker`), opts);
  }
  const jobView = {
    id: job.id,
    kind: job.kind,
    payload: job.payload,
    attempts: job.attempts,
    runAt: job.runAt,
  };
  try {
    // Outside any transaction: on PGlite a transaction holds the one session every request needs.
    const prepared = handler.outside ? await handler.outside({ db, job: jobView, log }) : undefined;
    const completed = await db.transaction().execute(async (trx) => {
      // The fence: this claim (this attempt) must still be the job's current one, and the row lock
      // keeps every other worker's claim query away from it until we commit or die.
      const held = await trx
        .selectFrom('jobs')
        .select('id')
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .where('attempts', '=', job.attempts)
        .forUpdate()
        .executeTakeFirst();
      if (!held) return false;
      await handler({ trx, job: jobView, log, now: job.claimedAt, prepared });
      await trx
        .updateTable('jobs')
        .set({ status: 'done', finished_at: sql`now()`, locked_by: null, locked_until: null })
        .where('id', '=', job.id)
        .execute();
      return true;
    });
    if (!completed) {
      log.warn('job was taken over by another worker before it started; skipped');
      return 'lost';
    }
    log.debug('job done');
    return 'done';
  } catch (error) {
    return recordFailure(db, job, error, opts);
  }
}

/**
 * After the handler's transaction rolled back: count the failure in a short transaction of its
 * own — retry later with backoff, or mark failed (kept, visible) once max_attempts are spent.
 */
async function recordFailure(
  db: Kysely<DB>,
  job: ClaimedJob,
  error: unknown,
  opts: { log: JobLogger; retry: RetryPolicy },
): Promise<JobOutcome> {
  const delayMs = retryDelayMs(job.attempts, opts.retry);
  const spent = sql<boolean>`attempts >= max_attempts`;
  const row = await db
    .updateTable('jobs')
    .set({
      status: sql<JobStatus>`CASE WHEN ${spent} THEN 'failed' ELSE 'queued' END`,
      run_at: sql<Date>`CASE WHEN ${spent} THEN run_at ELSE now() + ${delayMs}::int * interval '1 millisecond' END`,
      finished_at: sql<Date | null>`CASE WHEN ${spent} THEN now() END`,
      last_error: describeError(error),
      locked_by: null,
      locked_until: null,
    })
    .where('id', '=', job.id)
    .where('status', '=', 'running')
    .where('attempts', '=', job.attempts)
    .returning(['status', 'run_at', 'max_attempts'])
    .executeTakeFirst();
  const log = opts.log;
  const context = { jobId: job.id, kind: job.kind, attempt: job.attempts, err: error };
  if (!row) {
    log.warn(context, 'job failed, but another worker had taken it over meanwhile');
    return 'lost';
  }
  if (row.status === 'failed') {
    log.error({ ...context, maxAttempts: row.max_attempts }, 'job failed for good: no attempts left');
    return 'failed';
  }
  log.warn({ ...context, retryAt: row.run_at }, 'job failed; will retry');
  return 'retry';
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // Stored for operators to read: the same masking as the logs, and bounded.
  return maskPersonalData(text).slice(0, MAX_ERROR_LENGTH);
}
