import { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import {
  type BankNotificationReport,
  importBankNotification,
  type ReportLine,
} from '../../modules/payments/index.ts';
import { systemActor } from '../../modules/users/index.ts';
import { loadConfig } from '../../server/config.ts';
import { EX_NOINPUT, openInputFile } from '../input-file.ts';

// `claimdesk bank-file import FILE [--json]`: imports a camt.054.001.08 notification from the bank
// (the same use case as POST /bank-notifications) and prints its report: what was applied, ignored
// and why, unknown and mismatched. For banks whose files arrive by SFTP into a folder.

const HELP_AFTER = `
Nothing is applied twice: a file imported before (same message id or same content) is refused,
and an entry already imported from an earlier file is reported as ignored.

Exit codes: 0 imported (read the report: unknown or mismatched entries are not applied);
65 the file fails the ISO 20022 schema (each problem with its line) or was imported before;
66 the file cannot be read.`;

export function bankFilesCommand(): Command {
  return new Command('bank-file').description('Bank files from the bank (camt.054)').addCommand(
    new Command('import')
      .description('Import a camt.054 notification: settle, return or reject payments')
      .argument('<file>', 'the camt.054.001.08 XML file')
      .option('--json', 'print the whole report as JSON')
      .addHelpText('after', HELP_AFTER)
      .action(async (file: string, opts: { json?: boolean }) => {
        const handle = await openInputFile(file);
        if (!handle) {
          process.exitCode = EX_NOINPUT;
          return;
        }
        const xml = await handle.readFile('utf8').finally(() => handle.close());
        const database = await openDatabase(loadConfig());
        try {
          await migrate(database);
          const { body } = await importBankNotification({
            db: database.db,
            actor: systemActor('cli:bank-file'),
            xml,
          });
          console.log(opts.json ? JSON.stringify(body, null, 2) : formatReport(body));
        } finally {
          await database.close();
        }
      }),
  );
}

export function formatReport(report: BankNotificationReport): string {
  const out = [
    `imported ${report.messageId} as ${report.notificationId}: ${report.entries} transaction(s), ` +
      `${report.applied.length} applied, ${report.ignored.length} ignored, ${report.unknown.length} unknown, ` +
      `${report.mismatched.length} mismatched`,
  ];
  const show = (title: string, lines: ReportLine[]) => {
    for (const l of lines) {
      const amount = l.amountMinor === null ? '?' : `${l.amountMinor} ${l.currency ?? ''}`.trim();
      const who = l.paymentNumber ?? l.endToEndId ?? '(no end-to-end id)';
      const expected =
        l.expectedAmountMinor !== null ? ` (payment: ${l.expectedAmountMinor} ${l.expectedCurrency})` : '';
      out.push(
        `  ${title.padEnd(10)} ${l.position.padEnd(7)} ${who} ${l.outcome} ${amount}${l.reasonCode ? ` ${l.reasonCode}` : ''}${expected}${l.why ? ` — ${l.why}` : ''}`,
      );
    }
  };
  show('applied', report.applied);
  show('ignored', report.ignored);
  show('unknown', report.unknown);
  show('mismatched', report.mismatched);
  return out.join('\n');
}
