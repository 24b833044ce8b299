import closeWithGrace from 'close-with-grace';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { isDatabaseEmpty, seedDemo } from '../db/seed/seed-demo.ts';
import { PERIODIC_JOBS, productionJobHandlers } from '../jobs/handlers.ts';
import { createWorker } from '../jobs/worker.ts';
import { realignComplaintClocks } from '../modules/complaints/index.ts';
import { validatorFor } from '../modules/fhir/index.ts';
import {
  type ImapPoller,
  type SmtpIntake,
  startImapPoller,
  startSmtpIntake,
} from '../modules/inbound/index.ts';
import { mailSettingsOf } from '../modules/outbound/index.ts';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { configureProcess } from './configure-process.ts';
import { ensureWebBuild } from './web-build.ts';

/**
 * `claimdesk serve` / `npm start`: open the database, apply migrations, seed the demo on an empty
 * database, listen, and on SIGINT/SIGTERM stop taking requests, finish those in flight, close the
 * database. A second start finds the data and skips seeding.
 */
export async function startServer(config: Config): Promise<void> {
  configureProcess(config);
  const database = await openDatabase(config);
  const applied = await migrate(database);
  // Complaints waiting for an answer follow a changed CLAIMDESK_SE_COMPLAINT_DAYS (docs/complaints.md).
  const realigned = await realignComplaintClocks(database.db);
  const app = await buildApp({ config, database });
  const log = app.log;
  // The web app builds (when dist/web is missing or stale) while the demo is seeded: both take
  // seconds on a fresh clone, and npm start promises a seeded, serving desk within a minute.
  const webBuild = ensureWebBuild(log);
  // (A failed build is reported when awaited below, not as an unhandled rejection meanwhile.)
  webBuild.catch(() => {});
  log.info(
    {
      engine: database.engine,
      dataDir: database.engine === 'pglite' ? config.dataDir : undefined,
      applied,
      realignedComplaintClocks: realigned,
    },
    'database ready',
  );

  if (config.seedDemo && (await isDatabaseEmpty(database.db))) {
    log.info('empty database: seeding the demo organisation');
    const summary = await seedDemo(database.db);
    log.info(summary, 'demo data seeded');
  }

  // One job worker in this process (`claimdesk worker` runs more); it starts once we serve.
  const worker = config.worker
    ? createWorker({
        db: database.db,
        handlers: productionJobHandlers({ engine: database.engine, mail: mailSettingsOf(config) }),
        periodic: PERIODIC_JOBS,
        log: log.child({ component: 'jobs' }),
      })
    : undefined;

  // Email in (docs/inbound-email.md): set once listening; stopped before the database closes.
  let intake: SmtpIntake | undefined;
  let poller: ImapPoller | undefined;

  // On SIGTERM/SIGINT: stop accepting (new requests on open keep-alive connections get 503 and
  // `Connection: close`), let the requests and the job in flight finish, then close the database
  // and exit 0. Past CLAIMDESK_SHUTDOWN_GRACE_SECONDS the process exits 1 with work unfinished:
  // a request's transaction rolls back (the client retries with its Idempotency-Key) and a job
  // is taken over after its lease, so nothing is half-written. A second signal exits at once.
  const grace = config.shutdownGraceMs;
  closeWithGrace(
    {
      delay: grace,
      onTimeout: () =>
        log.error({ graceMs: grace }, 'shutdown grace period over: exiting with work in flight'),
    },
    async ({ signal, err }) => {
      const began = Date.now();
      if (err) log.error({ err }, 'shutting down after an error');
      else log.info({ signal, graceMs: grace }, 'shutting down: finishing requests and the job in flight');
      // Waits for in-flight requests and the job in flight; only then may the database close.
      await Promise.all([app.close(), worker?.stop(), intake?.close(), poller?.stop()]);
      await database.close();
      log.info({ ms: Date.now() - began }, 'shut down cleanly');
    },
  );

  await webBuild;
  if (config.env === 'production') {
    // Compiling the FHIR Claim schema blocks for 2–10 s; in production that happens here, before
    // the port opens, not in the first integration's request (docs/fhir.md). Elsewhere it stays
    // lazy, so tests and development start fast.
    const started = Date.now();
    validatorFor('Claim');
    log.info({ ms: Date.now() - started }, 'FHIR Claim schema compiled');
  }
  await app.listen({ port: config.port, host: config.host });
  worker?.start();
  if (config.smtpIntake.enabled) {
    intake = await startSmtpIntake({
      db: database.db,
      host: config.smtpIntake.host,
      port: config.smtpIntake.port,
      maxBytes: config.smtpIntake.maxBytes,
      allowNonLoopback: config.smtpIntake.explicit,
      log: log.child({ component: 'smtp-intake' }),
    });
  }
  if (config.imapUrl) {
    poller = startImapPoller({
      db: database.db,
      url: config.imapUrl,
      maxBytes: config.smtpIntake.maxBytes,
      log: log.child({ component: 'imap-poller' }),
    });
  }
}
