import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { Command } from 'commander';
import { sql } from 'kysely';
import { openDatabase } from '../../db/connection.ts';
import { verifyAllAuditChains } from '../../modules/audit/index.ts';
import { type Config, ConfigError, loadConfig } from '../../server/config.ts';
import { type BackupFormat, detectBackupFormat, FORMAT_NAMES } from '../backup-format.ts';
import { describeFileError, EX_NOINPUT } from '../input-file.ts';
import { MissingToolError, runPostgresTool } from '../postgres-tools.ts';
import { EX_CANTCREAT, EX_UNAVAILABLE } from './backup.ts';

// `claimdesk restore FILE [--force]`: a `claimdesk backup` file back into the configured database,
// then the audit chains are verified and the row counts printed. An empty target only, unless
// --force. PostgreSQL: pg_restore in ONE transaction (with --force: --clean, dropping what the
// backup holds in that same transaction), so a bad or truncated file leaves the target as it was.
// PGlite: the archive is unpacked into CLAIMDESK_DATA_DIR; with --force the old database files
// are moved aside first (kept, and moved back if the archive turns out bad).
// Exit codes: 0 restored and intact; 1 restored but an audit chain is broken; 65 not a usable
// backup (wrong kind, truncated); 66 no such file; 69 pg_restore missing; 73 target not empty.

const EX_DATAERR = 65;

const HELP_AFTER = `
The target is DATABASE_URL (a PostgreSQL backup) or CLAIMDESK_DATA_DIR (an embedded-database
backup; stop claimdesk serve first). A non-empty target is refused unless --force.
After restoring, the audit hash chains are verified (as claimdesk audit verify does) and the
number of customers, policies, claims, payments and audit events is printed.

Exit codes: 0 restored, audit trail intact; 1 restored, audit trail BROKEN; 65 not a usable
backup; 66 no such file; 69 pg_restore not installed; 73 target not empty (use --force).`;

export function restoreCommand(): Command {
  return new Command('restore')
    .description('Restore a claimdesk backup FILE into the configured database, then verify the audit trail')
    .argument('<file>', 'a file written by claimdesk backup')
    .option('--force', 'replace a database that is not empty')
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, opts: { force?: boolean }) => {
      process.exitCode = await restore(path.resolve(file), opts);
    });
}

async function restore(file: string, opts: { force?: boolean }): Promise<number> {
  const config = loadConfig();
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    console.error(`cannot read ${file}: ${describeFileError(error)}`);
    return EX_NOINPUT;
  }
  const format = detectBackupFormat(bytes.subarray(0, 8));
  if (!format) {
    console.error(
      `${file} is not a claimdesk backup (neither a pg_dump custom-format file nor a PGlite archive)`,
    );
    return EX_DATAERR;
  }
  const engine: BackupFormat = config.databaseUrl ? 'postgres' : 'pglite';
  if (format !== engine) {
    const hint =
      format === 'pglite' ? 'unset DATABASE_URL to restore the embedded database' : 'set DATABASE_URL';
    console.error(`${file} is ${FORMAT_NAMES[format]}, but the target is ${FORMAT_NAMES[engine]}: ${hint}`);
    return EX_DATAERR;
  }
  try {
    const code =
      engine === 'postgres'
        ? await restorePostgres(config.databaseUrl as string, file, opts)
        : await restorePglite(config.dataDir, bytes, opts);
    if (code !== 0) return code;
  } catch (error) {
    if (error instanceof MissingToolError) {
      console.error(error.message);
      return EX_UNAVAILABLE;
    }
    throw error;
  }
  return verifyRestored(config);
}

async function restorePostgres(url: string, file: string, opts: { force?: boolean }): Promise<number> {
  const database = await openDatabase({ databaseUrl: url, dataDir: 'memory://' });
  let tables: number;
  try {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`.execute(database.db);
    tables = rows[0]?.n ?? 0;
  } finally {
    await database.close();
  }
  if (tables > 0 && !opts.force) {
    console.error(`the target database is not empty (${tables} tables): pass --force to replace it`);
    return EX_CANTCREAT;
  }
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction'];
  if (tables > 0) args.push('--clean', '--if-exists');
  const result = await runPostgresTool('pg_restore', [...args, file], url);
  if (result.code !== 0) {
    console.error(
      `pg_restore refused ${file}; the target database is unchanged:\n${result.stderr.trim().split('\n').slice(0, 5).join('\n')}`,
    );
    return EX_DATAERR;
  }
  return 0;
}

async function restorePglite(dataDir: string, archive: Buffer, opts: { force?: boolean }): Promise<number> {
  if (dataDir.startsWith('memory://')) {
    throw new ConfigError(['CLAIMDESK_DATA_DIR: restore needs a directory, not an in-memory database']);
  }
  // Document files may share the directory (CLAIMDESK_DOCUMENTS_DIR's default): they stay put.
  const keep = new Set(['documents']);
  const existing = existsSync(dataDir) ? (await readdir(dataDir)).filter((n) => !keep.has(n)) : [];
  if (existing.includes('postmaster.pid')) {
    console.error(
      `the embedded database in ${dataDir} is in use (postmaster.pid): stop claimdesk serve first`,
    );
    return EX_CANTCREAT;
  }
  let aside: string | undefined;
  if (existing.length > 0) {
    if (!opts.force) {
      console.error(
        `${dataDir} already holds a database: pass --force to replace it (the old one is kept aside)`,
      );
      return EX_CANTCREAT;
    }
    aside = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await mkdir(aside);
    for (const name of existing) await rename(path.join(dataDir, name), path.join(aside, name));
  }
  await mkdir(dataDir, { recursive: true });
  try {
    // Unpacked here, not by PGlite: its streaming gunzip throws a truncated archive's error where
    // no caller can catch it, crashing the process halfway.
    const tar = gunzipSync(archive);
    const client = await PGlite.create({
      dataDir,
      loadDataDir: new Blob([new Uint8Array(tar)], { type: 'application/x-tar' }),
    });
    await client.close();
  } catch {
    for (const name of await readdir(dataDir)) {
      if (!keep.has(name)) await rm(path.join(dataDir, name), { recursive: true, force: true });
    }
    if (aside) {
      for (const name of await readdir(aside)) await rename(path.join(aside, name), path.join(dataDir, name));
      await rm(aside, { recursive: true, force: true });
    }
    console.error('the archive is damaged or not a PGlite data directory; the target is unchanged');
    return EX_DATAERR;
  }
  if (aside) console.log(`the replaced database is kept in ${aside}`);
  return 0;
}

async function verifyRestored(config: Config): Promise<number> {
  const database = await openDatabase(config);
  try {
    const { db } = database;
    const count = async (table: 'customers' | 'policies' | 'claims' | 'payment_orders' | 'audit_events') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const counts = [
      `customers ${await count('customers')}`,
      `policies ${await count('policies')}`,
      `claims ${await count('claims')}`,
      `payments ${await count('payment_orders')}`,
      `audit events ${await count('audit_events')}`,
    ];
    console.log(`restored: ${counts.join(', ')}`);
    const audit = await verifyAllAuditChains(db);
    if (!audit.intact) {
      console.log(`audit trail BROKEN: ${audit.brokenChains} of ${audit.chains} chain(s) have a broken link`);
      for (const b of audit.broken)
        console.log(`chain ${b.chain}: first broken link at seq ${b.seq} (${b.problem})`);
      return 1;
    }
    console.log(`audit trail intact: ${audit.chains} chain(s), ${audit.events} event(s) verified`);
    return 0;
  } finally {
    await database.close();
  }
}
