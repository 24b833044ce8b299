import { Command } from 'commander';
import {
  CUSTOMER_IMPORT_COLUMN_HELP,
  CUSTOMER_IMPORT_COLUMNS,
} from '../../modules/exchange/import-customer-rows.ts';
import { importCustomers } from '../../modules/exchange/import-customers.ts';
import { importFormatOf } from '../../modules/exchange/import-records.ts';
import { EX_USAGE, type ImportCommandOptions, runFileImport, withImportOptions } from './import-command.ts';
import { reportImport } from './import-reporting.ts';

// `claimdesk import customers FILE [--format csv|jsonl] [--skip-invalid] [--dry-run]`: upsert by
// national id, streamed, 500 rows per transaction with --skip-invalid. Exit codes: 0 imported (or
// would be); 64 format unknown; 65 invalid header or rows (nothing imported); 66 unreadable file.

const columnHelp = CUSTOMER_IMPORT_COLUMNS.map(
  (c) => `  ${c.padEnd(20)}${CUSTOMER_IMPORT_COLUMN_HELP[c]}`,
).join('\n');

const HELP_AFTER = `
Format: CSV (comma-separated, UTF-8, a header row with these columns in any order) or JSON Lines
(one object per line with these keys), by the file's extension (.csv, .jsonl, .ndjson) or --format:
${columnHelp}

Upsert by (national_id_country, national_id): a new customer is created; a known one gets the
fields that differ (contact changes are written to the contact history); an unchanged one is not
written, so importing the same file twice writes nothing the second time. An erased customer is
never updated or revived: the row is reported as refused. Errors are printed as
"row N, column C: message" (CSV: the header is row 1) or "line N, ..." (JSON Lines).

By default the file is imported in one transaction: any invalid row and nothing is written. With
--skip-invalid every 500 rows are committed on their own and invalid rows are reported and skipped.

Exit codes: 0 imported (or would be, with --dry-run); 64 unknown format; 65 invalid header or
rows, nothing imported (with --skip-invalid: only when no row was good); 66 the file cannot be read.`;

export function importCustomersCommand(): Command {
  return withImportOptions(
    new Command('customers')
      .description('Import customers from CSV or JSON Lines (upsert by national id, streamed)')
      .argument('<file>', 'CSV or JSON Lines file'),
    {
      format: 'file format (default: by extension)',
      skipInvalid: 'import the valid rows, 500 per transaction, reporting the invalid ones',
      dryRun: 'check every row against the database, then roll back: writes nothing',
    },
  )
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string, opts: ImportCommandOptions) => {
      const format = importFormatOf(file, opts.format);
      if (!format) {
        console.error(
          `cannot tell the format of ${file}: name it .csv or .jsonl, or give --format csv|jsonl`,
        );
        process.exitCode = EX_USAGE;
        return;
      }
      await runFileImport(file, format, { ...opts, label: 'customers' }, importCustomers, (result, run) =>
        reportImport(result, { what: 'customers', ...run, lineWord: format === 'csv' ? 'row' : 'line' }),
      );
    });
}
