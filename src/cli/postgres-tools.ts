import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { newestFirst, splitPassword } from './backup-format.ts';

// pg_dump and pg_restore from the PostgreSQL client (Debian: apt-get install postgresql-client).
// Debian keeps each major version in /usr/lib/postgresql/<major>/bin and puts only a wrapper on
// PATH; we take the newest real binary there first, then whatever PATH offers.

export class MissingToolError extends Error {}

export function findPostgresTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? newestFirst(readdirSync(root)) : [];
  const candidates = [
    ...versions.map((v) => path.join(root, v, 'bin', name)),
    ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, name)),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new MissingToolError(
      `${name} not found (looked in /usr/lib/postgresql/*/bin and PATH): install the PostgreSQL client, e.g. apt-get install postgresql-client`,
    );
  }
  return found;
}

export type ToolResult = { code: number; stderr: string };

/** Runs a PostgreSQL client tool against `databaseUrl`, the password passed in the environment. */
export function runPostgresTool(
  name: 'pg_dump' | 'pg_restore',
  args: string[],
  databaseUrl: string,
): Promise<ToolResult> {
  const tool = findPostgresTool(name);
  const { url, password } = splitPassword(databaseUrl);
  return new Promise((resolve) => {
    execFile(
      tool,
      [...args, `--dbname=${url}`],
      {
        env: { ...process.env, ...(password === undefined ? {} : { PGPASSWORD: password }) },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stderr: stderr.toString() });
      },
    );
  });
}
