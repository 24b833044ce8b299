import { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { type RetentionSweepReport, runRetentionSweep, SWEEP_PLANS } from '../../modules/privacy/index.ts';
import { loadConfig } from '../../server/config.ts';

// `claimdesk retention sweep [--dry-run] [--json]`: applies the retention rules now, to the end,
// in batches of one transaction each (what the workers' daily `retention-sweep` job does), and
// prints the records swept per kind. `--dry-run` counts what is due and writes nothing. It counts
// days on the database's clock: time travel is for tests (they back-date records instead).

const HELP_AFTER = `
Records past the end of their retention rule (src/modules/privacy/retention-rules.ts, counted
from the event the rule names, e.g. a service case closed + 2 years) are deleted with what hangs
on them; each one leaves an audit event (retention.<kind>_deleted). Customers with an open claim,
case, complaint, payment, recovery or account change are left alone (legal hold). A rerun finds
nothing; the audit chain still verifies (claimdesk audit verify). See docs/privacy.md.`;

export function retentionCommand(): Command {
  return new Command('retention').description('Retention of personal data').addCommand(
    new Command('sweep')
      .description('Delete the records whose retention has ended (--dry-run: only count them)')
      .option('--dry-run', 'count the records due per kind; change nothing')
      .option('--json', 'print the report as JSON')
      .addHelpText('after', HELP_AFTER)
      .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
        const database = await openDatabase(loadConfig());
        try {
          await migrate(database);
          const now = (
            await database.db.selectNoFrom((eb) => eb.fn<Date>('now', []).as('now')).executeTakeFirstOrThrow()
          ).now;
          const report = await runRetentionSweep(database.db, { now: new Date(now), dryRun: opts.dryRun });
          console.log(opts.json ? JSON.stringify(report, null, 2) : describe(report));
        } finally {
          await database.close();
        }
      }),
  );
}

function describe(report: RetentionSweepReport): string {
  const verb = report.dryRun ? 'due' : 'deleted';
  const lines = [
    `retention sweep${report.dryRun ? ' (dry run, nothing changed)' : ''} on ${report.day}:`,
    ...SWEEP_PLANS.map((p) => `  ${p.kind}: ${report.counts[p.kind]} ${verb}`),
  ];
  if (!report.dryRun) {
    const rows = Object.entries(report.rows).map(([t, n]) => `${t} ${n}`);
    lines.push(`  rows deleted: ${rows.length ? rows.join(', ') : 'none'} (${report.batches} batch(es))`);
    lines.push(`  document files removed: ${report.files}`);
  }
  return lines.join('\n');
}
