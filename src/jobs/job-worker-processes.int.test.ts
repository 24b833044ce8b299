import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  effectsOf,
  ensureJobEffectsTable,
  insertEffect,
  jobsOf,
  silentLog as log,
  testKind,
} from '../../test/support/job-test-effects.ts';
import { engineUnderTest, testDatabase } from '../../test/support/test-database.ts';
import type { DB } from '../db/schema.ts';
import { enqueueJob } from './enqueue-job.ts';
import { createWorker } from './worker.ts';

// Several worker processes against one PostgreSQL server, and a worker killed mid-job. PGlite is
// one in-process session, so these run only on PostgreSQL (job-queue.int.test.ts covers workers
// sharing one PGlite). Each child is test/support/job-worker-process.ts.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

type Child = {
  proc: ChildProcess;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  output(): string;
};

const children: Child[] = [];

function spawnWorker(options: { workerId: string; kind: string; leaseMs?: number }): Child {
  const proc = spawn(process.execPath, ['test/support/job-worker-process.ts', JSON.stringify(options)], {
    cwd: ROOT,
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const l of listeners) l();
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const child: Child = {
    proc,
    exited,
    output: () => out,
    waitFor(pattern, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (!m) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(m);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`worker ${options.workerId}: no ${pattern} within ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
  };
  children.push(child);
  return child;
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const allDone = (db: Kysely<DB>, kind: string) => async () =>
  (await jobsOf(db, kind)).every((j) => j.status === 'done');

describe.runIf(engineUnderTest === 'postgres')('job workers in several processes (PostgreSQL)', () => {
  let db: Kysely<DB>;
  beforeAll(async () => {
    db = (await testDatabase()).db;
    await ensureJobEffectsTable(db);
  });
  afterAll(() => {
    for (const c of children)
      if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  });

  it('two worker processes run each of many jobs exactly once, and stop gracefully on SIGTERM', async () => {
    const kind = testKind('procs');
    const [a, b] = [spawnWorker({ workerId: 'proc-a', kind }), spawnWorker({ workerId: 'proc-b', kind })];
    await Promise.all([a.waitFor(/^ready$/m), b.waitFor(/^ready$/m)]);
    const n = 120;
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < n; i++) await enqueueJob(trx, { kind, payload: { i, sleepMs: 5 } });
    });
    await until(allDone(db, kind), 30_000);
    a.proc.kill('SIGTERM');
    b.proc.kill('SIGTERM');
    expect(await Promise.all([a.exited, b.exited])).toEqual([0, 0]);

    const effects = await effectsOf(db, kind);
    expect(effects).toHaveLength(n);
    expect(new Set(effects.map((e) => e.job_id)).size).toBe(n);
    const byWorker = (w: string) => effects.filter((e) => e.worker === w).length;
    expect(byWorker('proc-a')).toBeGreaterThan(0);
    expect(byWorker('proc-b')).toBeGreaterThan(0);
    expect((await jobsOf(db, kind)).every((j) => j.attempts === 1)).toBe(true);
  }, 60_000);

  it('a worker killed with SIGKILL mid-job: another worker completes the job later, its effect once', async () => {
    const kind = testKind('sigkill');
    const doomed = spawnWorker({ workerId: 'doomed', kind, leaseMs: 1000 });
    await doomed.waitFor(/^ready$/m);
    await enqueueJob(db, { kind, payload: { hangOnAttempt: 1 } });
    // The handler has written its effect (uncommitted) and hangs: kill the process right there.
    await doomed.waitFor(/^hang \d+$/m);
    doomed.proc.kill('SIGKILL');
    await doomed.exited;

    // Its transaction died with its connection: no effect, but the attempt was counted.
    const [orphan] = await jobsOf(db, kind);
    expect(orphan).toMatchObject({ status: 'running', attempts: 1, locked_by: 'doomed' });
    expect(await effectsOf(db, kind)).toEqual([]);

    const rescuer = spawnWorker({ workerId: 'rescuer', kind, leaseMs: 1000 });
    await until(allDone(db, kind), 15_000);
    rescuer.proc.kill('SIGTERM');
    expect(await rescuer.exited).toBe(0);
    const [job] = await jobsOf(db, kind);
    expect(job).toMatchObject({ status: 'done', attempts: 2, locked_by: null });
    expect(job?.last_error).toContain('worker doomed was lost during attempt 1 of 5');
    expect(await effectsOf(db, kind)).toEqual([{ job_id: job?.id, worker: 'rescuer', attempt: 2 }]);
  }, 60_000);

  it('a job that outlives its lease is not taken over while its worker is alive (it holds the row lock)', async () => {
    const kind = testKind('slow');
    await enqueueJob(db, { kind });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const handlers = {
      [kind]: async (ctx: Parameters<typeof insertEffect>[0]) => {
        started();
        await released;
        await insertEffect(ctx, 'slow');
      },
    };
    const slow = createWorker({ db, log, handlers, kinds: [kind], leaseMs: 100, workerId: 'slow' });
    const other = createWorker({ db, log, handlers, kinds: [kind], leaseMs: 100, workerId: 'other' });
    const slowRun = slow.runOnce();
    await running;
    await new Promise((resolve) => setTimeout(resolve, 300)); // the lease is long out
    expect(await other.runOnce()).toBe(0);
    release();
    expect(await slowRun).toBe(1);
    const [job] = await jobsOf(db, kind);
    expect(job).toMatchObject({ status: 'done', attempts: 1, last_error: null });
    expect(await effectsOf(db, kind)).toEqual([{ job_id: job?.id, worker: 'slow', attempt: 1 }]);
  });
});
