import { existsSync } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Command } from 'commander';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { describeFileError } from '../input-file.ts';
import { MissingToolError, runPostgresTool } from '../postgres-tools.ts';

// `claimdesk backup FILE [--force]`: the whole database into one file. PostgreSQL: pg_dump's
// custom format (a consistent snapshot taken while the servers keep running). PGlite: its data
// directory as a gzip tarball (dumpDataDir), which needs the directory to itself, so the server
// must be stopped. The file is written beside FILE and renamed into place, so FILE is either the
// old one or a complete new one, never half a backup.
// Exit codes: 0 written; 69 pg_dump missing; 70 pg_dump failed; 73 FILE exists (no --force) or the
// embedded database is in use; 78 nothing to back up (in-memory database).

export const EX_UNAVAILABLE = 69;
export const EX_SOFTWARE = 70;
export const EX_CANTCREAT = 73;
export const EX_CONFIG = 78;

const HELP_AFTER = `
With DATABASE_URL: pg_dump --format=custom of that database, taken while Claimdesk runs.
Without: the embedded database in CLAIMDESK_DATA_DIR (stop \`claimdesk serve\` first: the
directory belongs to one process at a time).

Document files (CLAIMDESK_DOCUMENTS_DIR) are not in the backup: copy that directory with your
file backup (files are content-addressed and never change, so rsync is safe while running).

Exit codes: 0 written; 69 pg_dump not installed; 70 pg_dump failed; 73 FILE exists (use
--force) or the embedded database is in use; 78 nothing to back up (in-memory database).`;

export function backupCommand(): Command {
  return new Command('backup')
    .description('Back up the database (PostgreSQL or the embedded one) into FILE')
    .argument('<file>', 'the backup file to write')
    .option('--force', 'overwrite FILE if it exists')
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, opts: { force?: boolean }) => {
      process.exitCode = await backup(path.resolve(file), opts);
    });
}

async function backup(file: string, opts: { force?: boolean }): Promise<number> {
  const config = loadConfig();
  if (existsSync(file) && !opts.force) {
    console.error(`${file} exists: choose another name, or pass --force to overwrite it`);
    return EX_CANTCREAT;
  }
  const partial = `${file}.partial-${process.pid}`;
  try {
    const code = config.databaseUrl
      ? await dumpPostgres(config.databaseUrl, partial)
      : await dumpPglite(config.dataDir, partial);
    if (code !== 0) return code;
    await rename(partial, file);
  } catch (error) {
    if (error instanceof MissingToolError) {
      console.error(error.message);
      return EX_UNAVAILABLE;
    }
    if ((error as { code?: string }).code?.startsWith('E')) {
      console.error(`cannot write ${file}: ${describeFileError(error)}`);
      return EX_CANTCREAT;
    }
    throw error;
  } finally {
    await rm(partial, { force: true });
  }
  const { size } = await stat(file);
  console.log(`backup written: ${file} (${(size / 1024 / 1024).toFixed(1)} MB)`);
  return 0;
}

async function dumpPostgres(databaseUrl: string, out: string): Promise<number> {
  const result = await runPostgresTool('pg_dump', ['--format=custom', `--file=${out}`], databaseUrl);
  if (result.code !== 0) {
    console.error(`pg_dump failed (exit ${result.code}):\n${result.stderr.trim()}`);
    return EX_SOFTWARE;
  }
  return 0;
}

async function dumpPglite(dataDir: string, out: string): Promise<number> {
  if (dataDir.startsWith('memory://')) {
    throw new ConfigError(['CLAIMDESK_DATA_DIR: an in-memory database has nothing to back up']);
  }
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    console.error(`no embedded database in ${dataDir} (CLAIMDESK_DATA_DIR): nothing to back up`);
    return EX_CONFIG;
  }
  // PGlite writes postmaster.pid while open and removes it on a clean close.
  if (existsSync(path.join(dataDir, 'postmaster.pid'))) {
    console.error(
      `the embedded database in ${dataDir} is in use (postmaster.pid): stop claimdesk serve first. ` +
        'If it crashed instead, start and stop it once, then back up.',
    );
    return EX_CANTCREAT;
  }
  const client = await PGlite.create({ dataDir });
  try {
    const archive = await client.dumpDataDir('gzip');
    await writeFile(out, new Uint8Array(await archive.arrayBuffer()));
  } finally {
    await client.close();
  }
  return 0;
}
