import closeWithGrace from 'close-with-grace';
import { Command } from 'commander';
import pino from 'pino';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { PERIODIC_JOBS, productionJobHandlers } from '../../jobs/handlers.ts';
import { createWorker } from '../../jobs/worker.ts';
import { keepDeadlineSettingsFresh } from '../../modules/admin-config/admin-deadline-settings.ts';
import { mailSettingsOf } from '../../modules/outbound/index.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { loggerOptions } from '../../server/logging.ts';

// `claimdesk worker [--once] [--id NAME]`: one more job worker beside the servers. Runs until
// SIGINT/SIGTERM, then finishes the job in flight (for CLAIMDESK_SHUTDOWN_GRACE_SECONDS at most,
// then exits 1). Exit codes: 0 done, 78 (EX_CONFIG) no
// DATABASE_URL or another configuration error.

const HELP_AFTER = `
Jobs (deadline sweeps, reminders, escalations) are stored in PostgreSQL; any number of workers
may run against one server and never run a job twice. \`npm start\` already runs one worker in
its own process (CLAIMDESK_WORKER=false turns it off). A worker killed mid-job loses nothing:
the job's transaction rolls back and another worker runs it again after its lease.

Needs DATABASE_URL: the embedded database (PGlite) belongs to the one server process that
opened it, so extra workers are possible only with a PostgreSQL server.

Exit codes: 0 done; 78 configuration error (such as no DATABASE_URL).`;

export function workerCommand(): Command {
  return new Command('worker')
    .description('Run background jobs against the PostgreSQL server in DATABASE_URL')
    .option('--once', 'run the jobs due now, print how many, and exit')
    .option('--id <name>', 'worker name shown in jobs.locked_by and the logs (default host:pid:random)')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: { once?: boolean; id?: string }) => {
      const config = loadConfig();
      if (!config.databaseUrl) {
        throw new ConfigError([
          'DATABASE_URL: claimdesk worker needs a PostgreSQL server; the embedded database (PGlite) ' +
            'cannot be shared between processes, and `npm start` already runs a worker in-process',
        ]);
      }
      // Logs to stderr, so stdout carries only the command's own output (`--once` prints a count).
      const log = pino(loggerOptions(config.logLevel), pino.destination(2));
      const database = await openDatabase(config);
      await migrate(database);
      // Deadline clocks count with the administrators' settings, re-read as they are edited elsewhere.
      const settings = keepDeadlineSettingsFresh(database.db, log);
      await settings.ready;
      const worker = createWorker({
        db: database.db,
        handlers: productionJobHandlers({ engine: database.engine, mail: mailSettingsOf(config) }),
        periodic: PERIODIC_JOBS,
        log,
        workerId: opts.id,
      });
      if (opts.once) {
        try {
          const ran = await worker.runOnce();
          console.log(`ran ${ran} job(s)`);
        } finally {
          settings.stop();
          await worker.stop();
          await database.close();
        }
        return;
      }
      // The same grace as the server's (CLAIMDESK_SHUTDOWN_GRACE_SECONDS), so one orchestrator
      // kill timeout fits both; past it the job's transaction rolls back and is retried after its lease.
      const grace = config.shutdownGraceMs;
      closeWithGrace(
        {
          delay: grace,
          onTimeout: () =>
            log.error({ graceMs: grace }, 'shutdown grace period over: exiting with a job in flight'),
        },
        async ({ signal, err }) => {
          if (err) log.error({ err }, 'worker shutting down after an error');
          else log.info({ signal, graceMs: grace }, 'worker shutting down: finishing the job in flight');
          settings.stop();
          await worker.stop();
          await database.close();
        },
      );
      worker.start();
    });
}
