import { Command } from 'commander';
import { type Database, openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { AppError } from '../../lib/errors.ts';
import {
  approvePaymentBatch,
  cancelPaymentBatch,
  createPaymentBatch,
  getPaymentBatch,
  getPaymentBatchFile,
  type PaymentBatchView,
  releasePaymentBatch,
} from '../../modules/payments/index.ts';
import { type Actor, systemActor } from '../../modules/users/index.ts';
import { actorFromUser } from '../../modules/users/sessions.ts';
import { loadConfig } from '../../server/config.ts';

// `claimdesk payments batch|approve|release|cancel|file`: the payments desk's batch steps from the
// command line (the same use cases as POST /payment-batches…), for a scheduled batch run and for
// banks whose files are uploaded by hand. `--as EMAIL` acts as that user: the four-eyes rule needs
// a named person to approve, and the audit trail names who did each step.

const HELP_AFTER = `
Examples:
  claimdesk payments batch --currency SEK --as anna@insurer.example
  claimdesk payments approve PBT-2026-000012 --as bo@insurer.example
  claimdesk payments release PBT-2026-000012 --as anna@insurer.example
  claimdesk payments file PBT-2026-000012 > PBT-2026-000012.xml

A batch above the currency's batch limit (or holding an order that needs a second approval) must
be approved by someone other than its creator before release. Release validates the pain.001 file
against the ISO 20022 schema (EUR: also the EPC SEPA schema) and refuses an invalid file.
Releasing a released batch changes nothing. "file" writes exactly the bytes sent to the bank.

Exit codes: 0 done; 65 refused (nothing to pay, four eyes, wrong status, invalid file…, with the
reason); 66 no such user for --as.`;

const EX_NOUSER = 66;

type AsOption = { as?: string };

async function withDesk<T>(
  opts: AsOption,
  work: (database: Database, actor: Actor) => Promise<T>,
): Promise<T | undefined> {
  const database = await openDatabase(loadConfig());
  try {
    await migrate(database);
    const actor = await actorFor(database, opts.as);
    if (!actor) {
      console.error(`error: no active user with the email ${opts.as}`);
      process.exitCode = EX_NOUSER;
      return undefined;
    }
    return await work(database, actor);
  } finally {
    await database.close();
  }
}

async function actorFor(database: Database, email: string | undefined): Promise<Actor | null> {
  if (email === undefined) return systemActor('cli:payments');
  const user = await database.db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.toLowerCase())
    .where('active', '=', true)
    .executeTakeFirst();
  return user ? actorFromUser(user) : null;
}

function summary(b: PaymentBatchView): string {
  return (
    `${b.batchNumber} ${b.status}: ${b.paymentCount} payment(s), ${b.controlSumMinor} ${b.currency} (minor units), ` +
    `execution ${b.requestedExecutionDate}, message id ${b.messageId}, version ${b.version}` +
    (b.fileSha256 ? `, file sha256 ${b.fileSha256}` : '')
  );
}

/** The version to act on: the one given, or the batch's current one (a person at a terminal). */
async function versionOf(database: Database, actor: Actor, ref: string, given?: string): Promise<number> {
  if (given !== undefined) {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1)
      throw new AppError('validation_failed', '--version is a whole number ≥ 1.');
    return n;
  }
  return (await getPaymentBatch({ db: database.db, actor, ref })).version;
}

const asOption = ['--as <email>', 'act as this user (default: the system)'] as const;
const versionOption = ['--version <n>', 'the version you checked (default: the current one)'] as const;

export function paymentsCommand(): Command {
  const command = new Command('payments').description('Payment batches and pain.001 bank files');
  command.addHelpText('after', HELP_AFTER);

  command.addCommand(
    new Command('batch')
      .description('Batch every ready payment order of a currency')
      .requiredOption('--currency <code>', 'ISO 4217 currency, e.g. SEK or EUR')
      .option(
        '--execution-date <date>',
        'requested execution date (YYYY-MM-DD; default: the latest order date)',
      )
      .option(...asOption)
      .action(async (opts: AsOption & { currency: string; executionDate?: string }) => {
        await withDesk(opts, async (database, actor) => {
          const { body } = await createPaymentBatch({
            db: database.db,
            actor,
            input: {
              currency: opts.currency.toUpperCase(),
              ...(opts.executionDate ? { executionDate: opts.executionDate } : {}),
            },
          });
          console.log(summary(body));
        });
      }),
  );

  for (const [name, description, run] of [
    ['approve', 'Approve a batch as the second person', approvePaymentBatch],
    [
      'release',
      'Release an approved batch: build, validate and store its pain.001 file',
      releasePaymentBatch,
    ],
    ['cancel', 'Cancel a batch not yet released; its orders are ready again', cancelPaymentBatch],
  ] as const) {
    command.addCommand(
      new Command(name)
        .description(description)
        .argument('<batch>', 'PBT-YYYY-NNNNNN or the batch id')
        .option(...versionOption)
        .option(...asOption)
        .action(async (ref: string, opts: AsOption & { version?: string }) => {
          await withDesk(opts, async (database, actor) => {
            const version = await versionOf(database, actor, ref, opts.version);
            console.log(summary(await run({ db: database.db, actor, ref, input: { version } })));
          });
        }),
    );
  }

  command.addCommand(
    new Command('file')
      .description('Write the released pain.001 file to stdout, byte for byte')
      .argument('<batch>', 'PBT-YYYY-NNNNNN or the batch id')
      .option(...asOption)
      .action(async (ref: string, opts: AsOption) => {
        await withDesk(opts, async (database, actor) => {
          const file = await getPaymentBatchFile({ db: database.db, actor, ref });
          await new Promise<void>((resolve, reject) =>
            process.stdout.write(Buffer.from(file.xml, 'utf8'), (e) => (e ? reject(e) : resolve())),
          );
          console.error(`${file.filename}: sha256 ${file.sha256}`);
        });
      }),
  );
  return command;
}
