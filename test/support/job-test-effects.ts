import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { Executor } from '../../src/db/transaction.ts';
import type { JobContext, JobLogger } from '../../src/jobs/job-types.ts';

// Shared by the job tests: a table their handlers write "visible effects" to (created by the tests,
// never by a migration), and helpers to read effects and jobs back by kind. Every test uses a kind
// of its own, so runs against a long-lived PostgreSQL database, or test files running in parallel
// on one, never see each other's jobs.

export async function ensureJobEffectsTable(db: Kysely<DB>): Promise<void> {
  // Two test files creating it at once on one server would race in the catalog: serialise.
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(4242006)`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS test_job_effects (
      job_id bigint NOT NULL, worker text NOT NULL, attempt integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
  });
}

export function testKind(name: string): string {
  // Letters only: an all-digit suffix (one run in 40) looks like a phone number, and the worker
  // masks personal data in the errors it stores.
  const suffix = randomUUID()
    .slice(0, 8)
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)] as string);
  return `test.${name}.${suffix}`;
}

/** A handler's visible effect, written in the job's transaction. */
export async function insertEffect(ctx: JobContext, worker: string): Promise<void> {
  await sql`INSERT INTO test_job_effects (job_id, worker, attempt)
    VALUES (${Number(ctx.job.id)}, ${worker}, ${ctx.job.attempts})`.execute(ctx.trx);
}

export type EffectRow = { job_id: number; worker: string; attempt: number };

export async function effectsOf(db: Executor, kind: string): Promise<EffectRow[]> {
  const { rows } = await sql<EffectRow>`
    SELECT e.job_id, e.worker, e.attempt FROM test_job_effects e JOIN jobs j ON j.id = e.job_id
    WHERE j.kind = ${kind} ORDER BY e.job_id`.execute(db);
  return rows;
}

export async function jobsOf(db: Executor, kind: string) {
  return db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('id').execute();
}

export const silentLog: JobLogger = { debug() {}, info() {}, warn() {}, error() {} };
