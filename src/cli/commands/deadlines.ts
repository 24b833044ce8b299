import { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { SWEEP_BATCH_BY_ENGINE, sweepDeadlines } from '../../modules/deadline-store/index.ts';
import { loadConfig } from '../../server/config.ts';

// `claimdesk deadlines sweep`: runs the deadline sweep now, to the end, in batches of one
// transaction each (what the workers do every 30 s), and prints what it did. For operators who
// want it run by hand (after restoring a backup, or with no worker running) and for the docs'
// walk-through. It sweeps as of the database's clock: time travel is for tests, not production.

export function deadlinesCommand(): Command {
  return new Command('deadlines').description('Legal and service deadlines').addCommand(
    new Command('sweep')
      .description('Warn and escalate every deadline whose next threshold has passed, now')
      .action(async () => {
        const database = await openDatabase(loadConfig());
        try {
          await migrate(database);
          const batch = SWEEP_BATCH_BY_ENGINE[database.engine];
          const total = { clocks: 0, alerts: 0, escalations: 0 };
          for (;;) {
            const result = await database.db.transaction().execute(async (trx) => {
              const now = (
                await trx.selectNoFrom((eb) => eb.fn<Date>('now', []).as('now')).executeTakeFirstOrThrow()
              ).now;
              return sweepDeadlines(trx, { now: new Date(now), limit: batch });
            });
            total.clocks += result.clocks;
            total.alerts += result.alerts;
            total.escalations += result.escalations;
            if (result.clocks < batch) break;
          }
          console.log(
            `swept ${total.clocks} clock(s): ${total.alerts} threshold(s) crossed, ${total.escalations} escalation(s)`,
          );
        } finally {
          await database.close();
        }
      }),
  );
}
