import pg from 'pg';
import { openDatabase } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { startThrowawayPostgres } from './e2e-postgres.ts';
import { generateReportData } from './reports-data.ts';

// The reports benchmark's data, loaded and left in place for reading plans by hand with psql
// (EXPLAIN (ANALYZE, BUFFERS) of a rewritten query or a candidate index before it goes into a
// migration). Either into an existing, empty database:
//   DATABASE_URL=postgres://…/db node bench/reports-load.ts --claims 200000
// or, with --throwaway, into a throw-away server set up as the benchmark's (e2e-postgres.ts), kept
// running until this process is stopped (Ctrl-C / SIGTERM stops and deletes it):
//   node bench/reports-load.ts --throwaway --claims 1000000

const args = process.argv.slice(2);
const at = args.indexOf('--claims');
const claims = at >= 0 ? Number(args[at + 1]) : 200_000;
const throwaway = args.includes('--throwaway');

let url = process.env.DATABASE_URL;
const server = throwaway ? await startThrowawayPostgres({ log: (l) => console.log(l) }) : undefined;
if (server) {
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE reports');
  await admin.end();
  url = server.url('reports');
}
if (!url) throw new Error('DATABASE_URL (an empty database) or --throwaway');
const database = await openDatabase({ databaseUrl: url, dataDir: '' });
try {
  await migrate(database);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  console.log(`now = ${now.toISOString()}`);
  console.log(await generateReportData(database.db, { claims, now, log: (l) => console.log(l) }));
} finally {
  await database.close();
}
if (server) {
  console.log(`loaded: psql ${server.url('reports')} (stop this process to delete the server)`);
  // Kept alive until SIGINT/SIGTERM, on which e2e-postgres.ts stops and deletes the server.
  setInterval(() => {}, 3_600_000);
}
