import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { pgliteDialect } from './pglite-dialect.ts';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

/** One open database, whichever engine is behind it. */
export type Database = {
  db: Kysely<DB>;
  engine: Engine;
  /** Runs a multi-statement SQL script inside one transaction (migrations). */
  execScript(script: string): Promise<void>;
  close(): Promise<void>;
};

// Both engines return the same JS types: int8 → number (money in minor units; a value beyond
// 2^53 would lose precision, so it fails loudly instead), date → 'YYYY-MM-DD' string (a JS Date
// would shift it by the process time zone), numeric → string.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${value} exceeds the safe integer range`);
  return n;
}

const identity = (value: string) => value;

export async function openDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  return openPglite(opts.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir,
    parsers: { [INT8]: parseInt8, [DATE]: identity, [NUMERIC]: identity },
  });
  const db = new Kysely<DB>({ dialect: pgliteDialect(client) });
  return {
    db,
    engine: 'pglite',
    async execScript(script) {
      // Hold Kysely's only connection so nothing else runs inside our transaction.
      await db.connection().execute(async () => {
        await client.transaction(async (tx) => {
          await tx.exec(script);
        });
      });
    },
    async close() {
      await db.destroy();
      await client.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === INT8) return parseInt8;
      if (oid === DATE || oid === NUMERIC) return identity;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types: types as pg.CustomTypesConfig });
  // Fail at start-up, not on the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    async execScript(script) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(script); // no parameters → simple protocol → several statements allowed
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy(); // ends the pool
    },
  };
}

export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
