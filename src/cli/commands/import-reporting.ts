import type { ReadStream } from 'node:fs';
import cliProgress from 'cli-progress';
import type { ImportResult } from '../../modules/exchange/import-batches.ts';

// What the upsert imports (customers, policies) print: a progress bar on stderr when it is a
// terminal, in the style of `claimdesk export`; the row errors on stderr; one summary line with
// the counts and the process's peak RSS (so an operator, and the streaming test, see memory stay
// flat). Exit codes follow sysexits.

export const EX_DATAERR = 65;

/** A bar over the file's bytes (the row count is not known before the end of a stream). */
export function importProgress(opts: { label: string; enabled: boolean; size: number; stream: ReadStream }) {
  if (!opts.enabled || !process.stderr.isTTY || opts.size === 0) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${opts.label} [{bar}] {percentage}% {rows} rows` },
    cliProgress.Presets.shades_classic,
  );
  bar.start(opts.size, 0, { rows: 0 });
  return {
    update: (rows: number) => bar.update(opts.stream.bytesRead, { rows }),
    stop: () => {
      bar.update(opts.size);
      bar.stop();
    },
  };
}

/** Prints the errors and the summary; returns the exit code. */
export function reportImport(
  result: ImportResult,
  opts: { what: string; dryRun: boolean; skipInvalid: boolean; lineWord: 'row' | 'line' },
): number {
  for (const e of result.errors) {
    console.error(`${opts.lineWord} ${e.line}${e.column ? `, column ${e.column}` : ''}: ${e.message}`);
  }
  if (result.omittedErrors > 0) console.error(`… and ${result.omittedErrors} more error(s) not shown`);
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const counts =
    `${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ` +
    `${result.refused} refused, ${result.invalidRows} invalid of ${result.rows} row(s)`;
  const outcome = result.committed
    ? `imported ${opts.what}`
    : opts.dryRun
      ? `dry run, nothing was written; ${opts.what} that would be`
      : `nothing imported (${result.invalidRows} invalid row(s); fix them or use --skip-invalid); ${opts.what} that would be`;
  console.log(`${outcome}: ${counts} (peak RSS ${peakMb} MB)`);
  // Invalid rows fail the run when they stopped the import (or would, in a dry run); with
  // --skip-invalid only when no row of the file was good. Refused rows (erased customers) never
  // do: they are expected in a feed, and re-running it must keep exiting 0.
  const good = result.created + result.updated + result.unchanged + result.refused;
  if (result.invalidRows > 0 && (!opts.skipInvalid || good === 0)) return EX_DATAERR;
  return 0;
}
