import { Command } from 'commander';
import { importFormatOf } from '../../modules/exchange/import-records.ts';
import { importPolicies, type PolicyImportResult } from '../../modules/policies/import-policies.ts';
import {
  POLICY_IMPORT_COLUMN_HELP,
  POLICY_IMPORT_COLUMNS,
} from '../../modules/policies/import-policies-csv.ts';
import { EX_USAGE, type ImportCommandOptions, runFileImport, withImportOptions } from './import-command.ts';
import { EX_DATAERR } from './import-reporting.ts';

// `claimdesk import policies FILE [--format csv|jsonl] [--skip-invalid] [--dry-run]`: an upsert
// by external_ref. Exit codes follow sysexits: 0 imported (or, with --dry-run, would import), 64
// unknown format, 65 header or rows invalid so nothing was imported (with --skip-invalid: only
// when no row was good), 66 the file cannot be read.

const columnHelp = POLICY_IMPORT_COLUMNS.map((c) => `  ${c.padEnd(24)}${POLICY_IMPORT_COLUMN_HELP[c]}`).join(
  '\n',
);

const HELP_AFTER = `
CSV format: comma-separated, UTF-8, first row is the header with these columns (any order):
${columnHelp}
JSON Lines (.jsonl, .ndjson or --format jsonl): one object per line with the same keys.

Each row is one policy; the holder is insured, with no further insured persons. A row whose
external_ref was imported before updates that policy where it differs (ends_on, premium,
declared_annual_income, status; holder, product, version, currency and starts_on may not change)
and writes nothing when it does not, so importing the same file again changes nothing.
All rows are imported in one transaction: if any row is invalid, nothing is imported unless
--skip-invalid is given (then every 500 rows are committed on their own). Row errors are printed
as "row N, column C: message", with the header as row 1 as in a spreadsheet (JSON Lines: the
line number). Example file: test/fixtures/policies-sample.csv in the source tree.

Exit codes: 0 imported (or would be, with --dry-run); 64 unknown format; 65 invalid header or
rows, so nothing was imported (with --skip-invalid: only when no row was good); 66 the file
cannot be read.`;

export function importPoliciesCommand(): Command {
  return withImportOptions(
    new Command('policies')
      .description(
        'Import policies from CSV or JSON Lines (upsert by external_ref; all or nothing by default)',
      )
      .argument('<file>', 'CSV or JSON Lines file to import'),
    {
      format: 'file format (default: by extension, else csv)',
      skipInvalid: 'import the valid rows even if some rows are invalid (they are reported)',
      dryRun: 'validate every row against the database, then roll back: writes nothing',
    },
  )
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, opts: ImportCommandOptions) => {
      // Any other extension is read as CSV, as before JSON Lines existed.
      const format = opts.format ? importFormatOf(file, opts.format) : (importFormatOf(file) ?? 'csv');
      if (!format) {
        console.error(`unknown format ${opts.format}: csv or jsonl`);
        process.exitCode = EX_USAGE;
        return;
      }
      await runFileImport(file, format, { ...opts, label: 'policies' }, importPolicies, report);
    });
}

/** Prints the row errors (stderr) and the summary (stdout); returns the exit code. */
function report(result: PolicyImportResult, opts: { dryRun: boolean; skipInvalid: boolean }): number {
  for (const e of result.invalid) {
    console.error(`row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.message}`);
  }
  if (result.omittedErrors > 0) console.error(`… and ${result.omittedErrors} more error(s) not shown`);

  const already = `${result.alreadyImported} already imported${result.updated ? `, ${result.updated} updated` : ''}`;
  const invalid = `${result.invalidRows} invalid`;
  const blocked = result.invalidRows > 0 && !opts.skipInvalid;
  if (opts.dryRun) {
    const would = blocked ? 0 : result.valid;
    console.log(
      `dry run: ${would} of ${result.rows} row(s) would be imported (${already}, ${invalid}${blocked && result.valid > 0 ? `, ${result.valid} valid` : ''}); nothing was written`,
    );
  } else if (result.committed) {
    console.log(
      `imported ${result.imported} of ${result.rows} row(s) (${already}${result.invalidRows ? `, ${invalid} skipped` : ''})`,
    );
  } else {
    console.log(
      `nothing imported: ${result.invalidRows} of ${result.rows} row(s) are invalid` +
        (result.valid > 0
          ? `; fix them, or use --skip-invalid to import the ${result.valid} valid row(s)`
          : ''),
    );
  }
  const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    `${result.committed ? '' : 'not written: '}${result.valid} created, ${result.updated} updated, ` +
      `${result.alreadyImported} unchanged, ${result.invalidRows} invalid (peak RSS ${peakMb} MB)`,
  );
  // Invalid rows fail the run when they stopped the import (or would, in a dry run). With
  // --skip-invalid they fail it only when no row of the file was good, so re-running an
  // already imported file with --skip-invalid keeps exiting 0.
  const nothingGood = result.valid + result.updated + result.alreadyImported === 0;
  if (result.invalidRows > 0 && (!opts.skipInvalid || nothingGood)) return EX_DATAERR;
  return 0;
}
