import { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate, migrationState } from '../../db/migrate.ts';
import { loadConfig } from '../../server/config.ts';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Apply pending SQL migrations (forward only)')
    .option('--status', 'only list applied and pending migrations')
    .action(async (opts: { status?: boolean }) => {
      const database = await openDatabase(loadConfig());
      try {
        if (opts.status) {
          const s = await migrationState(database);
          for (const n of s.applied) console.log(`applied  ${n}`);
          for (const n of s.pending) console.log(`pending  ${n}`);
          for (const n of s.changed) console.log(`CHANGED  ${n} (edited after it was applied)`);
          return;
        }
        const ran = await migrate(database);
        console.log(
          ran.length ? `applied ${ran.length} migration(s): ${ran.join(', ')}` : 'database is up to date',
        );
      } finally {
        await database.close();
      }
    });
}
