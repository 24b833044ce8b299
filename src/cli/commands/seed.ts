import { Command, InvalidArgumentError, Option } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { resetDatabase } from '../../db/reset.ts';
import { defaultDemoAnchor, demoAnchorProblem, isDatabaseEmpty, seedDemo } from '../../db/seed/seed-demo.ts';
import { loadConfig } from '../../server/config.ts';

// `claimdesk seed [--reset] [--anchor YYYY-MM-DD]`. Exit codes: 0 seeded, 1 the database already
// holds data (without --reset), 64 (EX_USAGE) an invalid or future --anchor.

const EX_USAGE = 64;

/** Commander argument parser for --anchor: a real date, not after today, not before the earliest. */
function parseAnchor(value: string): string {
  const problem = demoAnchorProblem(value, defaultDemoAnchor());
  if (problem) {
    const error = new InvalidArgumentError(`${problem.charAt(0).toUpperCase()}${problem.slice(1)}.`);
    error.exitCode = EX_USAGE;
    throw error;
  }
  return value;
}

export function seedCommand(): Command {
  return new Command('seed')
    .description('Seed the deterministic demo organisation into an empty database')
    .option(
      '--reset',
      'drop ALL data first and recreate the demo (asks for nothing: do not point it at production)',
    )
    .addOption(
      new Option(
        '--anchor <date>',
        'the demo\'s "today" (YYYY-MM-DD, not after today): every date lies on or before it and each demo login\'s premium situation holds on it (default: today in Sweden)',
      ).argParser(parseAnchor),
    )
    .action(async (opts: { reset?: boolean; anchor?: string }) => {
      const config = loadConfig();
      const database = await openDatabase(config);
      try {
        if (opts.reset) {
          if (config.env === 'production')
            throw new Error('seed --reset refuses to run with NODE_ENV=production');
          await resetDatabase(database);
        }
        await migrate(database);
        if (!(await isDatabaseEmpty(database.db))) {
          console.error('the database already holds data; use --reset to recreate the demo');
          process.exitCode = 1;
          return;
        }
        const anchor = opts.anchor ?? defaultDemoAnchor();
        const summary = await seedDemo(database.db, { anchor });
        console.log(
          `seeded as of ${anchor}: ${Object.entries(summary)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}`,
        );
      } finally {
        await database.close();
      }
    });
}
