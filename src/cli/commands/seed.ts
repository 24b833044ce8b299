import { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { resetDatabase } from '../../db/reset.ts';
import { isDatabaseEmpty, seedDemo } from '../../db/seed/seed-demo.ts';
import { loadConfig } from '../../server/config.ts';

export function seedCommand(): Command {
  return new Command('seed')
    .description('Seed the deterministic demo organisation into an empty database')
    .option(
      '--reset',
      'drop ALL data first and recreate the demo (asks for nothing: do not point it at production)',
    )
    .action(async (opts: { reset?: boolean }) => {
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
        const summary = await seedDemo(database.db);
        console.log(
          `seeded: ${Object.entries(summary)
            .map(([k, v]) => `${v} ${k}`)
            .join(', ')}`,
        );
      } finally {
        await database.close();
      }
    });
}
