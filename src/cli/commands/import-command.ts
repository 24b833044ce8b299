import type { ReadStream } from 'node:fs';
import { type Command, Option } from 'commander';
import { type Database, openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import {
  IMPORT_FORMATS,
  type ImportFormat,
  ImportSourceError,
} from '../../modules/exchange/import-records.ts';
import { type Actor, systemActor } from '../../modules/users/index.ts';
import { loadConfig } from '../../server/config.ts';
import { describeFileError, EX_NOINPUT, openInputFile } from '../input-file.ts';
import { importProgress } from './import-reporting.ts';

// What the upsert imports (customers, policies) share on the command line: their options, and the
// run around the import itself — the file opened before the database (a wrong path fails at once
// with a clear message), the database migrated, the file streamed with a progress bar, and both
// closed whatever happens. Exit codes follow sysexits: 64 unknown format, 66 the file cannot be read.

export const EX_USAGE = 64;

export type ImportCommandOptions = {
  format?: string;
  skipInvalid?: boolean;
  dryRun?: boolean;
  progress: boolean;
};

/** --format, --skip-invalid, --dry-run and --no-progress, described as `help` says for this import. */
export function withImportOptions(
  command: Command,
  help: { format: string; skipInvalid: string; dryRun: string },
): Command {
  return command
    .addOption(new Option('--format <format>', help.format).choices(IMPORT_FORMATS))
    .option('--skip-invalid', help.skipInvalid)
    .option('--dry-run', help.dryRun)
    .option('--no-progress', 'no progress bar');
}

/** What both importers take from the command line. */
export type FileImport = {
  db: Database['db'];
  actor: Actor;
  source: ReadStream;
  format: ImportFormat;
  skipInvalid: boolean;
  dryRun: boolean;
  onBatch: (rows: number) => void;
};

/**
 * Streams `file` in `format` into `importer` on the configured database, as the system's CLI
 * actor with a progress bar labelled `label`, and sets process.exitCode to what `report` makes of
 * the result (66 when the file cannot be read).
 */
export async function runFileImport<Result>(
  file: string,
  format: ImportFormat,
  opts: ImportCommandOptions & { label: string },
  importer: (input: FileImport) => Promise<Result>,
  report: (result: Result, run: { dryRun: boolean; skipInvalid: boolean }) => number,
): Promise<void> {
  const handle = await openInputFile(file);
  if (!handle) {
    process.exitCode = EX_NOINPUT;
    return;
  }
  const database = await openDatabase(loadConfig()).catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  try {
    await migrate(database);
    const source = handle.createReadStream();
    const size = (await handle.stat()).size;
    const bar = importProgress({ label: opts.label, enabled: opts.progress, size, stream: source });
    const run = { dryRun: opts.dryRun === true, skipInvalid: opts.skipInvalid === true };
    const result = await importer({
      db: database.db,
      actor: systemActor('cli-import'),
      source,
      format,
      ...run,
      onBatch: bar.update,
    });
    bar.stop();
    process.exitCode = report(result, run);
  } catch (error) {
    if (!(error instanceof ImportSourceError)) throw error;
    console.error(`cannot read ${file}: ${describeFileError(error.cause)}; nothing was imported`);
    process.exitCode = EX_NOINPUT;
  } finally {
    await handle.close().catch(() => {}); // already closed by the stream in the normal case
    await database.close();
  }
}
