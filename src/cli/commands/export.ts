import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { Argument, Command, Option } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { parseIsoDay } from '../../lib/day-number.ts';
import {
  DATASET_NAMES,
  DATASETS,
  type DatasetName,
  EXPORT_FORMATS,
  type ExportFormat,
  exportDataset,
  type Period,
} from '../../modules/exchange/index.ts';
import { loadConfig } from '../../server/config.ts';

// `claimdesk export claims|decisions [--format jsonl|csv] [--from D] [--to D] [--out FILE]`: a
// data warehouse's feed (issue 10 §4), streamed page by page with constant memory. With --out the
// file appears only when complete (written beside it as FILE.partial, then renamed): a crash or a
// full disk never leaves a half file under the real name for a loader to pick up. Read-only (no
// migrations), so it may be pointed at production or a replica.
// Exit codes: 0 written; 65 (EX_DATAERR) a bad period; 73 (EX_CANTCREAT) the file cannot be written.

const EX_DATAERR = 65;
const EX_CANTCREAT = 73;
const DAY_MS = 86_400_000;

const HELP_AFTER = `
Rows: claims by registration time, decisions by decision time, in the period from --from to --to
(UTC days, both included; default: everything). No names or identity numbers: customers appear by
customer_id. Columns: docs/exchange.md. A period without rows writes a CSV header alone, or an
empty JSON Lines file.

A progress bar is drawn on stderr when it is a terminal (--no-progress turns it off); otherwise
one summary line is printed there at the end.

Exit codes: 0 written; 65 invalid period; 73 the output file cannot be written.`;

export function exportCommand(): Command {
  return new Command('export')
    .description('Export claims or decisions for a data warehouse (JSON Lines or CSV, streamed)')
    .addArgument(new Argument('<dataset>', 'what to export').choices(DATASET_NAMES))
    .addOption(new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).default('jsonl'))
    .option('--from <date>', 'first day (YYYY-MM-DD, UTC)')
    .option('--to <date>', 'last day (YYYY-MM-DD, UTC)')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', HELP_AFTER)
    .action(
      async (
        dataset: DatasetName,
        opts: { format: ExportFormat; from?: string; to?: string; out?: string; progress: boolean },
      ) => {
        const period = periodOf(opts.from, opts.to);
        if (typeof period === 'string') {
          console.error(period);
          process.exitCode = EX_DATAERR;
          return;
        }
        const database = await openDatabase(loadConfig());
        const partial = opts.out ? `${opts.out}.partial` : null;
        try {
          const out = partial ? createWriteStream(partial, { flags: 'w' }) : process.stdout;
          const bar =
            opts.progress && process.stderr.isTTY
              ? new cliProgress.SingleBar(
                  { stream: process.stderr, format: `${dataset} [{bar}] {percentage}% {value}/{total}` },
                  cliProgress.Presets.shades_classic,
                )
              : null;
          bar?.start(await DATASETS[dataset].count(database.db, period), 0);
          const count = await exportDataset({
            db: database.db,
            dataset,
            format: opts.format,
            period,
            out,
            onRow: bar ? (n) => n % 500 === 0 && bar.update(n) : undefined,
          });
          bar?.update(count);
          bar?.stop();
          if (partial && opts.out) await rename(partial, opts.out);
          // Peak memory is in the summary so an operator (and the streaming test) can see it stays flat.
          const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
          console.error(
            `exported ${count} ${dataset} as ${opts.format}${opts.out ? ` to ${opts.out}` : ''} (peak RSS ${peakMb} MB)`,
          );
        } catch (error) {
          if (partial) await rm(partial, { force: true });
          const code = (error as { code?: string }).code;
          if (partial && typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
            console.error(`cannot write ${opts.out}: ${code}; nothing was exported`);
            process.exitCode = EX_CANTCREAT;
            return;
          }
          throw error;
        } finally {
          await database.close();
        }
      },
    );
}

/** The period as [start, end) in UTC, or the message saying what is wrong with it. */
export function periodOf(from: string | undefined, to: string | undefined): Period | string {
  const first = from === undefined ? 0 : parseIsoDay(from);
  const last = to === undefined ? Math.floor(Date.now() / DAY_MS) + 1 : parseIsoDay(to);
  if (Number.isNaN(first)) return `--from: "${from}" is not a date as YYYY-MM-DD`;
  if (Number.isNaN(last)) return `--to: "${to}" is not a date as YYYY-MM-DD`;
  if (last < first) return `--to: the period ends (${to}) before it starts (${from})`;
  return { start: new Date(first * DAY_MS), end: new Date((last + 1) * DAY_MS) };
}
