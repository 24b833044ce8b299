import { type Database, openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';

// One migrated database per test worker (booting PGlite costs ~3 s; vitest's integration project
// runs with isolate: false so this module-level handle survives across files). In-memory PGlite
// by default; the PostgreSQL server named by DATABASE_URL when set (CI runs both). Tests isolate
// themselves by creating their own customers, products and users with unique values.

let shared: Promise<Database> | undefined;

export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: 'memory://' });
    await migrate(database);
    return database;
  })();
  return shared;
}

export const engineUnderTest = process.env.DATABASE_URL ? 'postgres' : 'pglite';
