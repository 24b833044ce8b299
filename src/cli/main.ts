#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { configureDeadlinePolicies, configuredDeadlinePolicies } from '../modules/deadlines/index.ts';
import { configureDocumentStore } from '../modules/documents/index.ts';
import { loadConfig } from '../server/config.ts';
import { assessCommand } from './commands/assess.ts';
import { auditCommand } from './commands/audit.ts';
import { complaintsCommand } from './commands/complaints.ts';
import { deadlinesCommand } from './commands/deadlines.ts';
import { importPoliciesCommand } from './commands/import-policies.ts';
import { migrateCommand } from './commands/migrate.ts';
import { seedCommand } from './commands/seed.ts';
import { serveCommand } from './commands/serve.ts';
import { workerCommand } from './commands/worker.ts';
import { reportFailure } from './report-failure.ts';

const program = new Command()
  .name('claimdesk')
  .description('Claimdesk command line: run the server, migrate, seed demo data, import in bulk.')
  .showHelpAfterError()
  .exitOverride()
  // Every command counts deadlines as configured (CLAIMDESK_SE_COMPLAINT_DAYS), like the server.
  .hook('preAction', () => {
    const config = loadConfig();
    configureDeadlinePolicies(configuredDeadlinePolicies(config));
    // Documents written by any command (seed, import, worker) go to the configured directory.
    configureDocumentStore(config);
  });

program.addCommand(serveCommand());
program.addCommand(migrateCommand());
program.addCommand(seedCommand());
program.addCommand(assessCommand());
program.addCommand(deadlinesCommand());
program.addCommand(workerCommand());
program.addCommand(auditCommand());
program.addCommand(complaintsCommand());
program.addCommand(new Command('import').description('Bulk imports').addCommand(importPoliciesCommand()));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  process.exit(reportFailure(error));
}
