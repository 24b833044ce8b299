import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type ScratchDatabase, scratchDatabase } from '../../../test/support/scratch-database.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { PERIODIC_JOBS } from '../../jobs/handlers.ts';

// `claimdesk worker` as a child process. The production worker claims every kind, so it never
// runs against the shared test database (it would take other test files' jobs): a scratch one.

describe('claimdesk worker (CLI)', { timeout: 60_000 }, () => {
  it('refuses the embedded database with a clear message and exit code 78', async () => {
    const result = await runCli(['worker', '--once'], { DATABASE_URL: '', CLAIMDESK_DATA_DIR: 'memory://' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('claimdesk worker needs a PostgreSQL server');
  });

  describe.runIf(process.env.DATABASE_URL)('on PostgreSQL', () => {
    let scratch: ScratchDatabase | undefined;
    afterAll(() => scratch?.drop());

    it('--once runs the due jobs, prints how many, and exits', async () => {
      scratch = await scratchDatabase();
      const migrated = await runCli(['migrate'], scratch.env);
      expect(migrated.code).toBe(0);
      const database = await scratch.open();
      try {
        await enqueueJob(database.db, { kind: 'no.such.kind', maxAttempts: 1 });
      } finally {
        await database.close();
      }
      const result = await runCli(['worker', '--once', '--id', 'cli-test'], scratch.env);
      // Ours, and each periodic job (deadline sweep, payment-delay sweep…) every worker schedules
      // for itself on start.
      expect(result.stdout).toBe(`ran ${1 + PERIODIC_JOBS.length} job(s)\n`);
      expect(result.code).toBe(0);
      const check = await scratch.open();
      try {
        const sweep = await check.db
          .selectFrom('jobs')
          .selectAll()
          .where('kind', '=', 'deadlines.sweep')
          .execute();
        expect(sweep).toMatchObject([{ status: 'done' }]);
        const job = await check.db
          .selectFrom('jobs')
          .selectAll()
          .where('kind', '=', 'no.such.kind')
          .executeTakeFirstOrThrow();
        expect(job).toMatchObject({ status: 'failed', attempts: 1, locked_by: null });
        expect(job.last_error).toContain('no handler for job kind "no.such.kind"');
      } finally {
        await check.close();
      }
    });
  });
});
