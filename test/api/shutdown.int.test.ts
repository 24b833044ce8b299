import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { type ScratchDatabase, scratchDatabase } from '../support/scratch-database.ts';
import { type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { testDatabase } from '../support/test-database.ts';
import { uniqueSuffix } from './api-helpers.ts';

// Graceful shutdown. The server: the real `claimdesk serve` as a child process on a database of
// its own; a request whose body is still arriving when SIGTERM lands must complete with 2xx, new
// connections are refused, and the process exits 0. The worker: the job it is running finishes,
// the ones it claimed but had not started go back to the queue untouched.

const PASSWORD = 'correct horse battery staple';

type Reply = { status: number; body: string };

/** A POST whose body is sent in two parts: `finish()` sends the rest. No connection reuse. */
function twoPartPost(port: number, url: string, body: string) {
  const cut = Math.floor(body.length / 2);
  let finish: () => void = () => {};
  const response = new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: url,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, cut));
    finish = () => req.end(body.slice(cut));
  });
  return { response, finish: () => finish() };
}

function get(port: number, url: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: url, agent: false }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      })
      .on('error', reject);
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('claimdesk serve: graceful shutdown on SIGTERM', { timeout: 60_000 }, () => {
  let scratch: ScratchDatabase;
  let server: ServerProcess | undefined;
  const emails = Array.from(
    { length: 6 },
    (_, i) => `shutdown-${i}-${uniqueSuffix()}@test.claimdesk.example`,
  );

  beforeAll(async () => {
    scratch = await scratchDatabase();
    const database = await scratch.open();
    try {
      await migrate(database);
      // One account per request: the sign-in throttle bounds concurrent attempts per account.
      for (const email of emails) {
        await createUser({
          db: database.db,
          actor: systemActor('test'),
          user: {
            email,
            displayName: 'Shutdown Test',
            role: 'representative',
            password: PASSWORD,
            customerId: null,
            department: null,
            team: null,
          },
        });
      }
    } finally {
      await database.close();
    }
  }, 60_000);

  afterAll(async () => {
    if (server && server.proc.exitCode === null) server.proc.kill('SIGKILL');
    await scratch?.drop();
  });

  it('finishes the requests in flight with 2xx, refuses new connections, closes the database, exits 0', async () => {
    server = await startServerProcess({ ...scratch.env, CLAIMDESK_SHUTDOWN_GRACE_SECONDS: '20' });
    const { port } = server;
    expect((await get(port, '/health')).status).toBe(200);
    const body = (email: string) => JSON.stringify({ email, password: PASSWORD });

    // In flight when the signal lands: one whose body is still on its way, and a batch of
    // complete sign-ins (each hashes a password: tens of milliseconds of work).
    const [first, ...rest] = emails as [string, ...string[]];
    const slow = twoPartPost(port, '/auth/sign-in', body(first));
    const batch = rest.map((email) => twoPartPost(port, '/auth/sign-in', body(email)));
    await sleep(300); // their headers have reached the server: they are in flight
    for (const r of batch) r.finish();
    server.proc.kill('SIGTERM');
    await until(() => server?.output().includes('shutting down') ?? false, 'the shutdown log line');

    await expect(get(port, '/health')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(server.proc.exitCode).toBeNull(); // still waiting for the slow request
    await sleep(300);
    slow.finish();

    const replies = await Promise.all([slow.response, ...batch.map((r) => r.response)]);
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toMatchObject({ token: expect.any(String) });
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shut down cleanly');
    expect(server.output()).not.toContain('grace period over');
  });
});

describe('job worker: stop() during a job', () => {
  it('lets the running job finish and takes no new one; claimed jobs go back untouched', async () => {
    const { db } = await testDatabase();
    const kind = `test.shutdown.${uniqueSuffix()}`;
    await db
      .insertInto('jobs')
      .values(
        [1, 2, 3].map((n) => ({
          kind,
          payload: JSON.stringify({ n }),
          run_at: new Date(Date.now() - 1000 * n),
        })),
      )
      .execute();
    const started: number[] = [];
    const finished: number[] = [];
    const silent = { debug() {}, info() {}, warn() {}, error() {} };
    const worker = createWorker({
      db,
      kinds: [kind],
      log: silent,
      pollIntervalMs: 20,
      handlers: {
        async [kind](ctx) {
          const n = (ctx.job.payload as { n: number }).n;
          started.push(n);
          await sleep(400);
          finished.push(n);
        },
      },
    });
    worker.start();
    await until(() => started.length === 1, 'the first job to start');
    await worker.stop();
    expect(started).toEqual(finished);
    expect(finished).toHaveLength(1);

    const rows = await db
      .selectFrom('jobs')
      .select(['status', 'attempts', 'locked_by'])
      .where('kind', '=', kind)
      .execute();
    expect(rows.filter((r) => r.status === 'done')).toHaveLength(1);
    expect(rows.filter((r) => r.status === 'queued')).toEqual([
      { status: 'queued', attempts: 0, locked_by: null },
      { status: 'queued', attempts: 0, locked_by: null },
    ]);
    await db.deleteFrom('jobs').where('kind', '=', kind).execute();
  });
});
