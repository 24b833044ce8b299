import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  effectsOf,
  ensureJobEffectsTable,
  insertEffect,
  jobsOf,
  silentLog as log,
  testKind,
} from '../../test/support/job-test-effects.ts';
import { testDatabase } from '../../test/support/test-database.ts';
import type { DB } from '../db/schema.ts';
import { enqueueJob } from './enqueue-job.ts';
import type { JobHandlers } from './job-types.ts';
import { periodicJobKey } from './schedule-periodic-jobs.ts';
import { createWorker } from './worker.ts';

// The job queue on the engine under test (in-memory PGlite, or DATABASE_URL's server). Workers
// here run in this process; the multi-process and crash tests are in job-worker-processes.int.test.ts.

let db: Kysely<DB>;
beforeAll(async () => {
  db = (await testDatabase()).db;
  await ensureJobEffectsTable(db);
});

const rollback = new Error('roll back');

/** Pretends the time of the next attempt has come. */
async function makeDue(id: number): Promise<void> {
  await db.updateTable('jobs').set({ run_at: sql`now()` }).where('id', '=', id).execute();
}

async function secondsUntilRun(id: number): Promise<number> {
  const { rows } = await sql<{ s: number }>`
    SELECT extract(epoch FROM run_at - now())::float8 AS s FROM jobs WHERE id = ${id}`.execute(db);
  return rows[0]?.s ?? Number.NaN;
}

describe('enqueueJob', () => {
  it('enqueues in the caller’s transaction: a rolled-back change leaves no job', async () => {
    const kind = testKind('enqueue');
    await expect(
      db.transaction().execute(async (trx) => {
        expect(await enqueueJob(trx, { kind, payload: { n: 1 } })).toBe(true);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await jobsOf(db, kind)).toEqual([]);

    await db.transaction().execute((trx) => enqueueJob(trx, { kind, payload: { n: 2 }, maxAttempts: 7 }));
    const [job] = await jobsOf(db, kind);
    expect(job).toMatchObject({ status: 'queued', payload: { n: 2 }, attempts: 0, max_attempts: 7 });
  });

  it('is idempotent by uniqueKey (and a rolled-back enqueue does not take the key)', async () => {
    const kind = testKind('unique');
    const uniqueKey = `${kind}:claim-1`;
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueJob(trx, { kind, uniqueKey });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await enqueueJob(db, { kind, uniqueKey, payload: { first: true } })).toBe(true);
    expect(await db.transaction().execute((trx) => enqueueJob(trx, { kind, uniqueKey }))).toBe(false);
    // Jobs without a key never collide.
    expect(await enqueueJob(db, { kind })).toBe(true);
    expect(await enqueueJob(db, { kind })).toBe(true);
    const jobs = await jobsOf(db, kind);
    expect(jobs.map((j) => j.unique_key)).toEqual([uniqueKey, null, null]);
    expect(jobs[0]?.payload).toEqual({ first: true });
  });
});

describe('a worker', () => {
  it('commits a handler’s effects with the job’s completion, and runs a job not before run_at', async () => {
    const kind = testKind('ok');
    await enqueueJob(db, { kind, payload: { n: 1 } });
    await enqueueJob(db, { kind, runAt: new Date(Date.now() + 3_600_000) });
    const seen: unknown[] = [];
    const worker = createWorker({
      db,
      log,
      kinds: [kind],
      handlers: {
        [kind]: async (ctx) => {
          seen.push({ payload: ctx.job.payload, attempts: ctx.job.attempts, trx: ctx.trx.isTransaction });
          await insertEffect(ctx, 'w');
        },
      },
    });
    expect(await worker.runOnce()).toBe(1);
    expect(seen).toEqual([{ payload: { n: 1 }, attempts: 1, trx: true }]);
    const [done, later] = await jobsOf(db, kind);
    expect(done).toMatchObject({ status: 'done', attempts: 1, locked_by: null, last_error: null });
    expect(done?.finished_at).toBeInstanceOf(Date);
    expect(later).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await effectsOf(db, kind)).toEqual([{ job_id: done?.id, worker: 'w', attempt: 1 }]);
    expect(await worker.runOnce()).toBe(0);
  });

  it('rolls back a throwing handler’s effects, retries with doubling backoff, then marks it failed', async () => {
    const kind = testKind('flaky');
    await enqueueJob(db, { kind, maxAttempts: 3 });
    const worker = createWorker({
      db,
      log,
      kinds: [kind],
      retry: { baseMs: 1000 },
      handlers: {
        [kind]: async (ctx) => {
          await insertEffect(ctx, 'w');
          throw new Error(`bank refused the transfer for 19850709-9805 (attempt ${ctx.job.attempts})`);
        },
      },
    });
    const id = (await jobsOf(db, kind))[0]?.id as number;

    expect(await worker.runOnce()).toBe(1);
    let [job] = await jobsOf(db, kind);
    expect(job).toMatchObject({ status: 'queued', attempts: 1, locked_by: null, finished_at: null });
    // Stored for operators, masked like the logs.
    expect(job?.last_error).toBe('Error: bank refused the transfer for [national-id] (attempt 1)');
    const first = await secondsUntilRun(id);
    expect(first).toBeGreaterThan(0.5);
    expect(first).toBeLessThanOrEqual(1);
    expect(await worker.runOnce()).toBe(0); // backing off

    await makeDue(id);
    expect(await worker.runOnce()).toBe(1);
    const second = await secondsUntilRun(id);
    expect(second).toBeGreaterThan(1.5);
    expect(second).toBeLessThanOrEqual(2);

    await makeDue(id);
    expect(await worker.runOnce()).toBe(1);
    [job] = await jobsOf(db, kind);
    expect(job).toMatchObject({ status: 'failed', attempts: 3, locked_by: null });
    expect(job?.last_error).toContain('(attempt 3)');
    expect(job?.finished_at).toBeInstanceOf(Date);

    await makeDue(id); // a failed job stays failed
    expect(await worker.runOnce()).toBe(0);
    expect(await effectsOf(db, kind)).toEqual([]);
  });

  it('fails a job of a kind it has no handler for, with a clear error, and keeps running', async () => {
    const unknown = testKind('unknown');
    const known = testKind('known');
    await enqueueJob(db, { kind: unknown, maxAttempts: 1 });
    await enqueueJob(db, { kind: known });
    const worker = createWorker({
      db,
      log,
      kinds: [unknown, known],
      handlers: { [known]: (ctx) => insertEffect(ctx, 'w') },
    });
    expect(await worker.runOnce()).toBe(2);
    expect((await jobsOf(db, unknown))[0]).toMatchObject({
      status: 'failed',
      last_error: `Error: no handler for job kind "${unknown}" in this worker`,
    });
    expect((await jobsOf(db, known))[0]).toMatchObject({ status: 'done' });
  });

  it('takes over a job whose worker vanished once its lease is out, and fails it when that was its last attempt', async () => {
    const kind = testKind('orphan');
    await enqueueJob(db, { kind, maxAttempts: 2 });
    await enqueueJob(db, { kind, maxAttempts: 2 });
    const [a, b] = (await jobsOf(db, kind)).map((j) => j.id);
    // What a worker that died mid-handler leaves behind: claimed (attempt counted), lease running.
    const orphan = (id: number | undefined, attempts: number, leaseSeconds: number) =>
      db
        .updateTable('jobs')
        .set({
          status: 'running',
          attempts,
          locked_by: 'dead-worker',
          locked_until: sql`now() + ${leaseSeconds} * interval '1 second'`,
        })
        .where('id', '=', id as number)
        .execute();
    await orphan(a, 1, 60);
    await orphan(b, 2, 60);
    let runs = 0;
    const worker = createWorker({
      db,
      log,
      kinds: [kind],
      handlers: {
        [kind]: async (ctx) => {
          runs++;
          await insertEffect(ctx, 'rescuer');
        },
      },
    });
    expect(await worker.runOnce()).toBe(0); // leases still running: not taken
    await orphan(a, 1, -1);
    await orphan(b, 2, -1);
    expect(await worker.runOnce()).toBe(1);
    expect(runs).toBe(1);
    const [ja, jb] = await jobsOf(db, kind);
    expect(ja).toMatchObject({ status: 'done', attempts: 2 });
    expect(ja?.last_error).toBe(
      'worker dead-worker was lost during attempt 1 of 2 (crashed, killed or cut off)',
    );
    // A job that kills its worker every time ends failed instead of looping.
    expect(jb).toMatchObject({ status: 'failed', attempts: 2, locked_by: null });
    expect(jb?.last_error).toBe(
      'worker dead-worker was lost during attempt 2 of 2 (crashed, killed or cut off)',
    );
    expect(await effectsOf(db, kind)).toEqual([{ job_id: a, worker: 'rescuer', attempt: 2 }]);
  });

  it('runs each of many jobs exactly once with two workers draining concurrently', async () => {
    const kind = testKind('many');
    const n = 60;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i++) await enqueueJob(trx, { kind, payload: { i } });
    });
    const worker = (name: string) =>
      createWorker({
        db,
        log,
        workerId: name,
        kinds: [kind],
        batchSize: 4,
        handlers: { [kind]: (ctx) => insertEffect(ctx, name) },
      });
    const ran = await Promise.all([worker('a').runOnce(), worker('b').runOnce()]);
    expect(ran[0] + ran[1]).toBe(n);
    const effects = await effectsOf(db, kind);
    expect(effects).toHaveLength(n);
    expect(new Set(effects.map((e) => e.job_id)).size).toBe(n);
    expect(new Set((await jobsOf(db, kind)).map((j) => j.status))).toEqual(new Set(['done']));
  });

  it('schedules a periodic job once per time bucket, however many workers offer it', async () => {
    const kind = testKind('periodic');
    let now = new Date('2026-03-01T10:00:30Z');
    let runs = 0;
    const handlers: JobHandlers = {
      [kind]: async (ctx) => {
        runs++;
        await insertEffect(ctx, String(ctx.job.payload.tag));
      },
    };
    const worker = () =>
      createWorker({
        db,
        log,
        handlers,
        kinds: [kind],
        periodic: [{ kind, everyMs: 60_000, payload: { tag: 'sweep' } }],
        clock: () => now,
      });
    const [a, b] = [worker(), worker()];
    await Promise.all([a.runOnce(), b.runOnce(), worker().runOnce()]);
    now = new Date('2026-03-01T10:00:59Z');
    await Promise.all([a.runOnce(), b.runOnce()]);
    expect((await jobsOf(db, kind)).map((j) => j.unique_key)).toEqual([
      periodicJobKey(kind, new Date('2026-03-01T10:00:00Z')),
    ]);
    now = new Date('2026-03-01T10:01:00Z');
    await Promise.all([a.runOnce(), b.runOnce()]);
    const jobs = await jobsOf(db, kind);
    expect(jobs.map((j) => [j.unique_key, j.status, j.run_at.toISOString()])).toEqual([
      [periodicJobKey(kind, new Date('2026-03-01T10:00:00Z')), 'done', '2026-03-01T10:00:00.000Z'],
      [periodicJobKey(kind, new Date('2026-03-01T10:01:00Z')), 'done', '2026-03-01T10:01:00.000Z'],
    ]);
    expect(runs).toBe(2);
    expect((await effectsOf(db, kind)).map((e) => e.worker)).toEqual(['sweep', 'sweep']);
  });

  it('stop() waits for the job in flight, and gives back the claimed jobs it had not started', async () => {
    const kind = testKind('graceful');
    for (let i = 0; i < 3; i++) await enqueueJob(db, { kind, payload: { i } });
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    let finish!: () => void;
    const mayFinish = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const worker = createWorker({
      db,
      log,
      kinds: [kind],
      batchSize: 3,
      pollIntervalMs: 10,
      handlers: {
        [kind]: async (ctx) => {
          started();
          await mayFinish;
          await insertEffect(ctx, 'w');
        },
      },
    });
    worker.start();
    await handlerStarted;
    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    finish();
    await stopping;
    const jobs = await jobsOf(db, kind);
    expect(jobs.map((j) => [j.status, j.attempts, j.locked_by])).toEqual([
      ['done', 1, null],
      ['queued', 0, null],
      ['queued', 0, null],
    ]);
    expect(await effectsOf(db, kind)).toHaveLength(1);
    expect(await worker.runOnce()).toBe(0); // a stopped worker takes no more work
  });
});
