import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { claimDueJobs, databaseNow, releaseJobs } from './claim-jobs.ts';
import type { JobHandlers, JobLogger, PeriodicJob } from './job-types.ts';
import { DEFAULT_RETRY, type RetryPolicy, runClaimedJob } from './run-job.ts';
import { periodicScheduler } from './schedule-periodic-jobs.ts';

export type WorkerOptions = {
  db: Kysely<DB>;
  handlers: JobHandlers;
  log: JobLogger;
  /** Shown in jobs.locked_by and the logs (default: host:pid:random). */
  workerId?: string;
  /** Sleep between polls when nothing was due (default 1 s). */
  pollIntervalMs?: number;
  /** Jobs claimed per claim statement (default 10); each still runs in its own transaction. */
  batchSize?: number;
  periodic?: PeriodicJob[];
  /**
   * How long a claimed job stays reserved for this worker if it stops answering (default 60 s).
   * A job that is running holds its row lock, so it is never taken over however long it runs;
   * the lease only delays recovery after a crash.
   */
  leaseMs?: number;
  /** Backoff after a failed attempt (default 10 s doubling, at most 1 h). */
  retry?: Partial<RetryPolicy>;
  /**
   * Claim only these kinds (default: every kind; a kind without a handler fails after its
   * attempts). Tests sharing one database use it to keep to their own jobs.
   */
  kinds?: readonly string[];
  /** Clock for periodic buckets (tests); due times always use the database clock. */
  clock?: () => Date;
};

export type Worker = {
  /** Polls until stop(). */
  start(): void;
  /** Stops polling and waits for the job in flight to finish; claimed jobs not started go back. */
  stop(): Promise<void>;
  /** Schedules periodic jobs, runs every job due now (not those they enqueue); returns how many ran. */
  runOnce(): Promise<number>;
};

export function createWorker(opts: WorkerOptions): Worker {
  const { db, handlers } = opts;
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const log = opts.log.child?.({ workerId }) ?? opts.log;
  const pollIntervalMs = opts.pollIntervalMs ?? 1000;
  const batchSize = opts.batchSize ?? 10;
  const leaseMs = opts.leaseMs ?? 60_000;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...opts.retry };
  const schedulePeriodic = periodicScheduler(db, opts.periodic ?? [], opts.clock ?? (() => new Date()));

  let started = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<number>>();

  async function drain(): Promise<number> {
    await schedulePeriodic();
    // Only jobs due when we began: a handler that enqueues work due "now" cannot keep us here.
    const horizon = await databaseNow(db);
    let ran = 0;
    while (!stopping) {
      const { claimed, abandoned } = await claimDueJobs(db, {
        workerId,
        limit: batchSize,
        leaseMs,
        horizon,
        kinds: opts.kinds,
      });
      for (const a of abandoned) {
        log.error({ jobId: a.id, kind: a.kind, lastError: a.lastError }, 'job failed for good: worker lost');
      }
      if (claimed.length === 0 && abandoned.length === 0) break;
      const claimedAt = Date.now();
      for (const [i, job] of claimed.entries()) {
        // Give back what we have not started when stopping, or before the leases of a slow batch
        // run out (another worker would take those over, counting an attempt that never ran).
        if (stopping || Date.now() - claimedAt > leaseMs / 2) {
          await releaseJobs(db, workerId, claimed.slice(i));
          break;
        }
        const outcome = await runClaimedJob({ db, job, handlers, log, retry });
        if (outcome !== 'lost') ran++;
      }
    }
    return ran;
  }

  function track(work: Promise<number>): Promise<number> {
    inFlight.add(work);
    const forget = () => inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  async function tick(): Promise<void> {
    timer = undefined;
    let ran = 0;
    try {
      ran = await track(drain());
    } catch (error) {
      // The database may be restarting: keep polling; leases recover anything half-claimed.
      log.error({ err: error }, 'job worker: polling failed; retrying');
    }
    if (!stopping) timer = setTimeout(tick, ran > 0 ? 0 : pollIntervalMs);
  }

  return {
    start() {
      if (started || stopping) return;
      started = true;
      log.info({ pollIntervalMs, batchSize, leaseMs }, 'job worker started');
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([...inFlight]);
      if (started) log.info('job worker stopped');
    },
    runOnce() {
      if (stopping) return Promise.resolve(0);
      return track(drain());
    },
  };
}
