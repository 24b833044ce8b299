import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/connection.ts';

// A database of its own for tests that run the real CLI as a child process and may leave it in a
// state the shared test database must never see (seeded demo, a tampered audit trail): a temp
// PGlite directory, or, when DATABASE_URL names a server, a throw-away database on it.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type ScratchDatabase = {
  /** Environment for a child `claimdesk` pointing at this database. */
  env: Record<string, string>;
  /** Opens it in this process (close it before the next CLI run on PGlite: one process at a time). */
  open(): Promise<Database>;
  drop(): Promise<void>;
};

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function scratchDatabase(): Promise<ScratchDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dir = mkdtempSync(path.join(tmpdir(), 'claimdesk-scratch-'));
    const dataDir = path.join(dir, 'data');
    return {
      env: { CLAIMDESK_DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openDatabase({ dataDir }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `claimdesk_scratch_${randomBytes(6).toString('hex')}`;
  await admin(url, `CREATE DATABASE ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: own.toString() },
    open: () => openDatabase({ databaseUrl: own.toString(), dataDir: 'memory://' }),
    drop: () => admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs `claimdesk ARGS` (src/cli/main.ts) as a child process. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, CLAIMDESK_SEED_DEMO: 'false', LOG_LEVEL: 'warn', ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
