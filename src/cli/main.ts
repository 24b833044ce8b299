#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../server/config.ts';
import { configureProcess } from '../server/configure-process.ts';
import { assessCommand } from './commands/assess.ts';
import { auditCommand } from './commands/audit.ts';
import { backupCommand } from './commands/backup.ts';
import { bankFilesCommand } from './commands/bank-files.ts';
import { complaintsCommand } from './commands/complaints.ts';
import { deadlinesCommand } from './commands/deadlines.ts';
import { exportCommand } from './commands/export.ts';
import { importCustomersCommand } from './commands/import-customers.ts';
import { importPoliciesCommand } from './commands/import-policies.ts';
import { migrateCommand } from './commands/migrate.ts';
import { paymentsCommand } from './commands/payments.ts';
import { restoreCommand } from './commands/restore.ts';
import { retentionCommand } from './commands/retention.ts';
import { seedCommand } from './commands/seed.ts';
import { serveCommand } from './commands/serve.ts';
import { workerCommand } from './commands/worker.ts';
import { reportFailure } from './report-failure.ts';

const program = new Command()
  .name('claimdesk')
  .description('Claimdesk command line: run the server, migrate, seed demo data, import in bulk.')
  .showHelpAfterError()
  .exitOverride()
  // Every command counts deadlines and stores documents as configured, like the server.
  .hook('preAction', () => configureProcess(loadConfig()));

program.addCommand(serveCommand());
program.addCommand(migrateCommand());
program.addCommand(seedCommand());
program.addCommand(assessCommand());
program.addCommand(deadlinesCommand());
program.addCommand(workerCommand());
program.addCommand(auditCommand());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());
program.addCommand(complaintsCommand());
program.addCommand(paymentsCommand());
program.addCommand(bankFilesCommand());
program.addCommand(retentionCommand());
program.addCommand(exportCommand());
program.addCommand(
  new Command('import')
    .description('Bulk imports')
    .addCommand(importCustomersCommand())
    .addCommand(importPoliciesCommand()),
);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  process.exit(reportFailure(error));
}
