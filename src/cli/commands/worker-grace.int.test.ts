import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type ScratchDatabase, scratchDatabase } from '../../../test/support/scratch-database.ts';

// `claimdesk worker` keeps to CLAIMDESK_SHUTDOWN_GRACE_SECONDS like the server (it had 30 s
// hard-coded). A worker whose work is stuck (here: waiting on a lock this test holds on the jobs
// table) must exit 1 once the grace is over, not 30 s later. PostgreSQL only: the worker refuses
// the embedded database.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe.runIf(process.env.DATABASE_URL)('claimdesk worker shutdown grace', { timeout: 60_000 }, () => {
  let scratch: ScratchDatabase | undefined;
  afterAll(() => scratch?.drop());

  it('exits 1 after CLAIMDESK_SHUTDOWN_GRACE_SECONDS when its work cannot finish', async () => {
    scratch = await scratchDatabase();
    expect((await runCli(['migrate'], scratch.env)).code).toBe(0);
    const url = scratch.env.DATABASE_URL as string;
    const child = spawn(process.execPath, ['src/cli/main.ts', 'worker', '--id', 'grace-test'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...scratch.env,
        CLAIMDESK_SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
        CLAIMDESK_SHUTDOWN_GRACE_SECONDS: '2',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const locker = new pg.Client({ connectionString: url });
    try {
      await until(
        () => stderr.includes('job worker started'),
        30_000,
        () => stderr,
      );
      // The worker's next poll waits on this lock for as long as the test holds it.
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE jobs IN ACCESS EXCLUSIVE MODE');
      const name = new URL(url).pathname.slice(1);
      await until(
        async () =>
          (
            await locker.query(
              `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
              [name],
            )
          ).rowCount === 1,
        10_000,
        () => 'the worker never waited on the lock',
      );
      const signalled = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, sleep(15_000).then(() => 'still running' as const)]);
      const took = Date.now() - signalled;
      expect(code, stderr).toBe(1);
      expect(took).toBeGreaterThanOrEqual(1_900);
      expect(took).toBeLessThan(10_000);
      expect(stderr).toContain('"graceMs":2000');
      expect(stderr).toContain('shutdown grace period over');
    } finally {
      child.kill('SIGKILL');
      await locker.query('ROLLBACK').catch(() => {});
      await locker.end().catch(() => {});
    }
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, ms: number, why: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out: ${why()}`);
    await sleep(100);
  }
}
