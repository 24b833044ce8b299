import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './connection.ts';

// Forward-only SQL migrations: files named `YYYYMMDDHHMMSS_what.sql`, applied in name order,
// each in its own transaction together with its row in schema_migrations. An applied file must
// never change: its checksum is compared at every start, and a mismatch stops start-up.

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const NAME = /^\d{14}_[a-z0-9_]+\.sql$/;

export type Migration = { name: string; checksum: string; script: string };

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      if (!NAME.test(name))
        throw new Error(`migration file name ${name} does not match YYYYMMDDHHMMSS_name.sql`);
      const script = readFileSync(path.join(dir, name), 'utf8');
      return { name, checksum: createHash('sha256').update(script).digest('hex'), script };
    });
}

async function ensureTable(database: Database): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(
    database.db,
  );
}

async function applied(database: Database): Promise<Map<string, string>> {
  const rows = await database.db.selectFrom('schema_migrations').select(['name', 'checksum']).execute();
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

export type MigrationState = { applied: string[]; pending: string[]; changed: string[] };

// The files ship with the code and cannot change while it runs: read and hash them once, not on
// every /ready probe.
let shipped: Migration[] | undefined;
function shippedMigrations(): Migration[] {
  shipped ??= readMigrations();
  return shipped;
}

export async function migrationState(
  database: Database,
  migrations = shippedMigrations(),
): Promise<MigrationState> {
  await ensureTable(database);
  const done = await applied(database);
  return {
    applied: migrations.filter((m) => done.get(m.name) === m.checksum).map((m) => m.name),
    pending: migrations.filter((m) => !done.has(m.name)).map((m) => m.name),
    changed: migrations.filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum).map((m) => m.name),
  };
}

/** Applies every pending migration; returns the names applied by this call. */
export async function migrate(database: Database, migrations = shippedMigrations()): Promise<string[]> {
  await ensureTable(database);
  const state = await migrationState(database, migrations);
  if (state.changed.length > 0) {
    throw new Error(`applied migrations were edited after being applied: ${state.changed.join(', ')}`);
  }
  const ran: string[] = [];
  for (const m of migrations.filter((x) => state.pending.includes(x.name))) {
    // The advisory lock serialises two processes starting at once against one PostgreSQL server;
    // the loser's DDL then fails and we check whether the winner applied the same file.
    const script = `SELECT pg_advisory_xact_lock(4242001);\n${m.script}\n;INSERT INTO schema_migrations (name, checksum) VALUES ('${m.name}', '${m.checksum}');`;
    try {
      await database.execScript(script);
      ran.push(m.name);
    } catch (error) {
      const now = await applied(database);
      if (now.get(m.name) !== m.checksum) {
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  }
  return ran;
}
