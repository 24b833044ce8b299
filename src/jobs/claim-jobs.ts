import { type Kysely, sql } from 'kysely';
import type { DB, JobStatus } from '../db/schema.ts';

// Claiming is its own short, committed statement, before the handler's transaction starts. That is
// what makes attempts survive a crash: had the attempt been counted inside the handler's
// transaction, a job that kills its worker every time would roll its own count back and run forever.

export type ClaimedJob = {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  /** The attempt this claim is (the fence: only this attempt may complete or fail the job). */
  attempts: number;
  runAt: Date;
  /** Database clock at the claim. */
  claimedAt: Date;
};

/** A running job whose worker vanished on its last allowed attempt: marked failed, not run. */
export type AbandonedJob = { id: number; kind: string; lastError: string | null };

type ClaimRow = {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  run_at: Date;
  last_error: string | null;
  claimed_at: Date;
};

/**
 * Claims up to `limit` due jobs for `workerId`: queued jobs whose run_at has come, and running jobs
 * whose lease expired (their worker died: its connection is gone, so its row lock is gone too).
 * SKIP LOCKED passes over rows another worker is claiming or still running, so two workers never
 * get the same job and never wait for each other.
 */
export async function claimDueJobs(
  db: Kysely<DB>,
  opts: {
    workerId: string;
    limit: number;
    leaseMs: number;
    /** Only jobs due by this instant (from databaseNow). */
    horizon: string;
    kinds?: readonly string[];
  },
): Promise<{ claimed: ClaimedJob[]; abandoned: AbandonedJob[] }> {
  const kindFilter = opts.kinds ? sql`AND kind = ANY(${[...opts.kinds]}::text[])` : sql``;
  // In SET, j.* is the row before the update. A running row here was taken over from a lost worker;
  // if that was its last allowed attempt it is failed instead of run again.
  const exhausted = sql`(j.status = 'running' AND j.attempts >= j.max_attempts)`;
  const { rows } = await sql<ClaimRow>`
    WITH due AS (
      SELECT id FROM jobs
      WHERE status IN ('queued', 'running') AND due_at <= ${opts.horizon}::timestamptz ${kindFilter}
      ORDER BY due_at, id
      LIMIT ${opts.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE jobs AS j SET
      status = CASE WHEN ${exhausted} THEN 'failed' ELSE 'running' END,
      attempts = CASE WHEN ${exhausted} THEN j.attempts ELSE j.attempts + 1 END,
      locked_by = CASE WHEN ${exhausted} THEN NULL ELSE ${opts.workerId} END,
      locked_until = CASE WHEN ${exhausted} THEN NULL
        ELSE now() + ${opts.leaseMs}::int * interval '1 millisecond' END,
      finished_at = CASE WHEN ${exhausted} THEN now() END,
      last_error = CASE WHEN j.status = 'running'
        THEN format('worker %s was lost during attempt %s of %s (crashed, killed or cut off)',
          j.locked_by, j.attempts, j.max_attempts)
        ELSE j.last_error END
    FROM due
    WHERE j.id = due.id
    RETURNING j.id, j.kind, j.payload, j.status, j.attempts, j.run_at, j.last_error, now() AS claimed_at`.execute(
    db,
  );
  const claimed: ClaimedJob[] = [];
  const abandoned: AbandonedJob[] = [];
  for (const r of rows) {
    if (r.status === 'failed') abandoned.push({ id: r.id, kind: r.kind, lastError: r.last_error });
    else
      claimed.push({
        id: r.id,
        kind: r.kind,
        payload: r.payload,
        attempts: r.attempts,
        runAt: r.run_at,
        claimedAt: r.claimed_at,
      });
  }
  // RETURNING has no order; run them in the order they fell due.
  claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
  return { claimed, abandoned };
}

/**
 * Hands claimed jobs that were never started back to the queue (a stopping worker, or a batch
 * held so long its leases are running out). The attempt is given back: it never ran.
 */
export async function releaseJobs(
  db: Kysely<DB>,
  workerId: string,
  jobs: readonly ClaimedJob[],
): Promise<void> {
  if (jobs.length === 0) return;
  await sql`
    UPDATE jobs SET status = 'queued', attempts = jobs.attempts - 1, locked_by = NULL, locked_until = NULL
    FROM unnest(${jobs.map((j) => j.id)}::bigint[], ${jobs.map((j) => j.attempts)}::int[]) AS r(id, attempts)
    WHERE jobs.id = r.id AND jobs.attempts = r.attempts AND jobs.status = 'running'
      AND jobs.locked_by = ${workerId}`.execute(db);
}

/**
 * The database clock, as text: every worker measures "due" against the same clock, and a JS Date
 * would cut it to milliseconds, so a job enqueued in the same millisecond would look not yet due.
 */
export async function databaseNow(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ now: string }>`SELECT now()::text AS now`.execute(db);
  return (rows[0] as { now: string }).now;
}
