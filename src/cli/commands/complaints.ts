import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import {
  exportComplaintRegister,
  type RegisterRow,
  registerCsvStream,
} from '../../modules/complaints/index.ts';
import { systemActor } from '../../modules/users/index.ts';
import { loadConfig } from '../../server/config.ts';

// `claimdesk complaints register --from D --to D [--jurisdiction SE|IT] [--out FILE]`: the
// complaints register of a period as CSV (the same rows and file as GET /complaints/register.csv),
// to stdout or a file. Read-only (no migrations), so it may be pointed at production.
// Exit codes: 0 written; 65 (EX_DATAERR) a bad period, listed by field.

const HELP_AFTER = `
The register has one record per complaint received from --from to --to (both days included, each
complaint's day in its jurisdiction's time zone), oldest first, with a header row, UTF-8 with a
byte-order mark (Excel opens it as is). A period without complaints writes the header alone.
Columns and their meaning: docs/complaints.md.

Exit codes: 0 written; 65 invalid period (bad date, or --to before --from).`;

export function complaintsCommand(): Command {
  return new Command('complaints').description('Complaints').addCommand(
    new Command('register')
      .description('Export the complaints register of a period as CSV')
      .requiredOption('--from <date>', 'first day received (YYYY-MM-DD)')
      .requiredOption('--to <date>', 'last day received (YYYY-MM-DD)')
      .option('--jurisdiction <code>', 'only SE or IT complaints')
      .option('--out <file>', 'write to this file instead of stdout')
      .addHelpText('after', HELP_AFTER)
      .action(async (opts: { from: string; to: string; jurisdiction?: string; out?: string }) => {
        const database = await openDatabase(loadConfig());
        try {
          const { rows } = exportComplaintRegister({
            db: database.db,
            actor: systemActor('cli'),
            query: {
              from: opts.from,
              to: opts.to,
              ...(opts.jurisdiction ? { jurisdiction: opts.jurisdiction } : {}),
            },
          });
          let count = 0;
          async function* counted(): AsyncGenerator<RegisterRow> {
            for await (const row of rows) {
              count += 1;
              yield row;
            }
          }
          const csv = registerCsvStream(counted());
          if (opts.out) {
            await pipeline(csv, createWriteStream(opts.out));
            console.error(`wrote ${count} complaint(s) to ${opts.out}`);
          } else {
            await pipeline(csv, process.stdout, { end: false });
          }
        } finally {
          await database.close();
        }
      }),
  );
}
