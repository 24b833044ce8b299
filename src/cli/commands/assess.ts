import { Command, InvalidArgumentError } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import {
  type BulkRegisterResult,
  BulkSourceError,
  bulkRegisterClaims,
  DEFAULT_BATCH_SIZE,
  MAX_BATCH_SIZE,
} from '../../modules/claims/bulk-register-claims.ts';
import { type WhatIfResult, whatIfProductVersion } from '../../modules/claims/bulk-what-if.ts';
import { systemActor } from '../../modules/users/index.ts';
import { loadConfig } from '../../server/config.ts';
import { describeFileError, EX_NOINPUT, openInputFile } from '../input-file.ts';

// `claimdesk assess FILE.ndjson [--batch-size N]`: register and assess claims in bulk.
// `claimdesk assess --product-version <uuid> --dry-run [--limit N]`: what-if.
// Exit codes follow sysexits: 0 done, 64 wrong usage, 65 some lines invalid (the good ones ARE
// registered: re-run the fixed file, lines already registered are skipped), 66 unreadable file.

const EX_USAGE = 64;
const EX_DATAERR = 65;

const HELP_AFTER = `
File format: NDJSON (UTF-8), one claim per line in the shape of POST /claims (NewClaim in
/openapi.json), each with an externalRef. Blank lines are ignored. Example line:
  {"externalRef":"SRC-1","customerId":"…","policyId":"…","incidentDate":"2026-03-02",
   "description":"ER visit","documents":["receipt"],"lines":[{"benefitCode":"MEDICAL_EXPENSES",
   "description":"ER","serviceDate":"2026-03-02","amountMinor":125000,"currency":"SEK"}]}

Each good line is registered and assessed in batches (one transaction per batch); claims the
product allows are decided straight through. Bad lines are reported as "line N, field: message"
and skipped; the good lines are registered all the same. A line whose externalRef was registered
before is skipped, so re-running a file (e.g. after fixing its bad lines) is safe.

What-if: --product-version X --dry-run re-assesses the stored claims of X's product under X
(each from the input its latest assessment used, only the product version replaced) and prints
how recommendations and the payable total would change. It writes nothing.

Exit codes: 0 done; 64 wrong usage; 65 some lines invalid (the others were registered);
66 the file cannot be read.`;

function positiveInt(max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`a whole number 1–${max}`);
    return n;
  };
}

type AssessOptions = { batchSize?: number; productVersion?: string; dryRun?: boolean; limit?: number };

export function assessCommand(): Command {
  return new Command('assess')
    .description('Register and assess claims from an NDJSON file, or what-if a product version')
    .argument('[file]', 'NDJSON file of claims')
    .option(
      '--batch-size <n>',
      `claims per transaction (default ${DEFAULT_BATCH_SIZE.copy} on PostgreSQL, ${DEFAULT_BATCH_SIZE.statements} embedded)`,
      positiveInt(MAX_BATCH_SIZE),
    )
    .option('--product-version <uuid>', 'what-if: re-assess stored claims under this product version')
    .option('--dry-run', 'with --product-version: compute and print only (required: nothing is written)')
    .option(
      '--limit <n>',
      'with --product-version: at most this many claims',
      positiveInt(Number.MAX_SAFE_INTEGER),
    )
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string | undefined, opts: AssessOptions) => {
      if (opts.productVersion !== undefined) {
        if (file !== undefined || !opts.dryRun) {
          console.error(
            file !== undefined
              ? 'give either a file or --product-version, not both'
              : '--product-version needs --dry-run: the what-if only computes, it never writes',
          );
          process.exitCode = EX_USAGE;
          return;
        }
        process.exitCode = await whatIf(opts.productVersion, opts.limit);
        return;
      }
      if (file === undefined) {
        console.error('give the NDJSON file to assess (or --product-version X --dry-run for a what-if)');
        process.exitCode = EX_USAGE;
        return;
      }
      if (opts.dryRun || opts.limit !== undefined) {
        console.error('--dry-run and --limit go with --product-version');
        process.exitCode = EX_USAGE;
        return;
      }
      process.exitCode = await assessFile(file, opts.batchSize);
    });
}

async function assessFile(file: string, batchSize: number | undefined): Promise<number> {
  // Open the file before the database, so a wrong path fails at once with a clear message.
  const handle = await openInputFile(file);
  if (!handle) return EX_NOINPUT;
  const config = loadConfig();
  const database = await openDatabase(config).catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  try {
    await migrate(database);
    const started = performance.now();
    const progress = process.stderr.isTTY;
    const result = await bulkRegisterClaims({
      db: database.db,
      actor: systemActor('cli-assess'),
      source: handle.createReadStream(),
      batchSize,
      // On a PostgreSQL server, batches go in with COPY on a connection of their own.
      postgresUrl: config.databaseUrl,
      onProgress: progress
        ? (p) => {
            process.stderr.write(
              `\r${p.lines} line(s) read, ${p.registered} registered, ${p.alreadyImported} already imported, ${p.invalidLines} invalid`,
            );
          }
        : undefined,
    });
    if (progress) process.stderr.write('\n');
    return report(result, (performance.now() - started) / 1000);
  } catch (error) {
    if (!(error instanceof BulkSourceError)) throw error;
    console.error(`cannot read ${file}: ${describeFileError(error.cause)}`);
    return EX_NOINPUT;
  } finally {
    await handle.close().catch(() => {}); // already closed by the stream in the normal case
    await database.close();
  }
}

/** Line errors on stderr, the summary on stdout; returns the exit code. */
function report(result: BulkRegisterResult, seconds: number): number {
  for (const e of result.invalid) console.error(`line ${e.line}${e.path ? `, ${e.path}` : ''}: ${e.message}`);
  if (result.omittedErrors > 0) console.error(`… and ${result.omittedErrors} more error(s) not shown`);
  const rate =
    seconds > 0 ? ` in ${seconds.toFixed(1)} s (${Math.round(result.registered / seconds)} claims/s)` : '';
  console.log(
    `registered ${result.registered} of ${result.lines} line(s)${rate}: ${result.alreadyImported} already imported, ${result.invalidLines} invalid (skipped)`,
  );
  const by = result.byRecommendation;
  console.log(
    `assessed: ${by.approve} approve, ${by.partial} partial, ${by.deny} deny, ${by.request_information} request_information, ${by.refer} refer; ${result.straightThrough} decided straight through`,
  );
  if (result.invalidLines > 0) {
    console.log('fix the invalid lines and run the file again: registered lines are skipped');
    return EX_DATAERR;
  }
  return 0;
}

async function whatIf(productVersionId: string, limit: number | undefined): Promise<number> {
  const database = await openDatabase(loadConfig());
  try {
    await migrate(database);
    const result = await whatIfProductVersion({
      db: database.db,
      actor: systemActor('cli-what-if'),
      productVersionId,
      limit,
    });
    printWhatIf(result);
    return 0;
  } finally {
    await database.close();
  }
}

function money(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

function printWhatIf(r: WhatIfResult): void {
  const v = r.productVersion;
  console.log(
    `what-if: ${r.claims} claim(s) of product ${v.productCode} re-assessed under version ${v.version} (${v.id}, ${v.status}); nothing was written`,
  );
  const rows: [string, string, string, string][] = [['', 'before', 'after', 'change']];
  const diff = (a: number, b: number) => (b - a === 0 ? '' : `${b - a > 0 ? '+' : ''}${b - a}`);
  for (const k of Object.keys(
    r.before.byRecommendation,
  ) as (keyof WhatIfResult['before']['byRecommendation'])[]) {
    const a = r.before.byRecommendation[k];
    const b = r.after.byRecommendation[k];
    rows.push([k, String(a), String(b), diff(a, b)]);
  }
  rows.push([
    'straight through',
    String(r.before.straightThrough),
    String(r.after.straightThrough),
    diff(r.before.straightThrough, r.after.straightThrough),
  ]);
  const delta = r.after.benefitMinor - r.before.benefitMinor;
  rows.push([
    `total benefit (${r.currency})`,
    money(r.before.benefitMinor),
    money(r.after.benefitMinor),
    delta === 0 ? '' : `${delta > 0 ? '+' : ''}${money(delta)}`,
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  for (const row of rows) {
    console.log(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  '),
    );
  }
  console.log(
    `outcome changes: ${r.outcomeChanged} claim(s); payable amount changes: ${r.benefitChanged} claim(s)`,
  );
  for (const t of r.transitions) console.log(`  ${t.from} → ${t.to}: ${t.claims}`);
}
