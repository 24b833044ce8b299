import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { startThrowawayPostgres } from './e2e-postgres.ts';

// The two engines a benchmark compares: PGlite (the embedded default) in a temp directory, then a
// fresh database `name` on a throw-away PostgreSQL 15. Each is new and empty, and is closed and
// deleted afterwards even when the run throws, so no run sees another's rows or leaves files.

/** Runs `run` on each engine in turn and returns its results, PGlite's first. */
export async function onEachEngine<T>(
  name: string,
  log: (l: string) => void,
  run: (engine: string, database: Database) => Promise<T>,
): Promise<T[]> {
  const results: T[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), `claimdesk-${name}-`));
  try {
    const pglite = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    try {
      results.push(await run('PGlite', pglite));
    } finally {
      await pglite.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const server = await startThrowawayPostgres({ log });
  try {
    const admin = new pg.Client({ connectionString: server.url() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: server.url(name), dataDir: '' });
    try {
      results.push(await run('PostgreSQL 15', database));
    } finally {
      await database.close();
    }
  } finally {
    server.stop();
  }
  return results;
}
