import { Command } from 'commander';
import { openDatabase } from '../../db/connection.ts';
import { type AuditVerification, verifyAllAuditChains } from '../../modules/audit/index.ts';
import { loadConfig } from '../../server/config.ts';

// `claimdesk audit verify [--chain ID] [--json]`: recomputes the hash chains of the audit trail.
// Exit codes: 0 every chain intact, 1 a chain is broken (its first broken link is printed),
// 66 (EX_NOINPUT) --chain names a chain with no events (most likely a mistyped id).
// Read-only: it applies no migrations, so an auditor may point it at production.

const EX_NOINPUT = 66;

const HELP_AFTER = `
Every audit event stores the hash of the previous event of its chain (one chain per customer,
plus "system") and a hash over its own content. Verification recomputes them in order; an
altered, inserted or removed event breaks the link at that event, which is reported with its
chain, seq, event id, action and time. Events are read a page at a time, so it runs in constant
memory on any size of trail.

Exit codes: 0 intact; 1 broken; 66 --chain has no events.`;

export function auditCommand(): Command {
  return new Command('audit').description('Audit trail tools').addCommand(
    new Command('verify')
      .description('Verify the audit hash chains and report the first broken link of each broken chain')
      .option('--chain <id>', 'verify only this chain (a customer id, or "system")')
      .option('--json', 'print the result as JSON')
      .addHelpText('after', HELP_AFTER)
      .action(async (opts: { chain?: string; json?: boolean }) => {
        const database = await openDatabase(loadConfig());
        try {
          const progress = process.stderr.isTTY && !opts.json;
          const result = await verifyAllAuditChains(database.db, {
            chains: opts.chain === undefined ? undefined : [opts.chain],
            onProgress: progress
              ? (p) => process.stderr.write(`\r${p.chains} chain(s), ${p.events} event(s) verified`)
              : undefined,
          });
          if (progress) process.stderr.write('\n');
          process.exitCode = report(result, opts);
        } finally {
          await database.close();
        }
      }),
  );
}

function report(result: AuditVerification, opts: { chain?: string; json?: boolean }): number {
  const code = opts.chain !== undefined && result.events === 0 ? EX_NOINPUT : result.intact ? 0 : 1;
  if (opts.json) {
    console.log(JSON.stringify(result, null, 2));
    return code;
  }
  if (code === EX_NOINPUT) {
    console.error(`no audit events in chain ${opts.chain}`);
    return code;
  }
  const counted = `${result.chains} chain(s), ${result.events} event(s)`;
  if (result.intact) {
    console.log(`audit trail intact: ${counted} verified`);
    return code;
  }
  console.log(`audit trail BROKEN: ${result.brokenChains} of ${counted} verified have a broken link`);
  for (const b of result.broken) {
    const why =
      b.problem === 'hash' ? 'its content does not match its hash' : 'it does not link to the previous event';
    console.log(
      `chain ${b.chain}: first broken link at seq ${b.seq}, event ${b.eventId}, action ${b.action}, occurred ${b.occurredAt.toISOString()} (${why})`,
    );
  }
  if (result.brokenChains > result.broken.length) {
    console.log(`… and ${result.brokenChains - result.broken.length} more broken chain(s)`);
  }
  return code;
}
