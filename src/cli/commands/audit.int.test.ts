import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type ScratchDatabase, scratchDatabase } from '../../../test/support/scratch-database.ts';

// `claimdesk audit verify` as a child process on a database of its own, seeded with the demo by
// `claimdesk seed` (the demo must verify), then tampered with for good (the guard lifted and the
// change committed: this database is thrown away afterwards).

describe('claimdesk audit verify (CLI)', { timeout: 120_000 }, () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchDatabase();
    const seeded = await runCli(['seed'], scratch.env);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
  }, 120_000);
  afterAll(() => scratch?.drop());

  it('passes the demo data, then reports the first broken link of a tampered chain and exits 1', async () => {
    const intact = await runCli(['audit', 'verify'], scratch.env);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^audit trail intact: 1001 chain\(s\), \d+ event\(s\) verified$/m);

    const database = await scratch.open();
    let victim: { id: string; chain: string; seq: number; action: string; occurred_at: Date };
    let other: string;
    try {
      const { db } = database;
      victim = await db
        .selectFrom('audit_events')
        .select(['id', 'chain', 'seq', 'action', 'occurred_at'])
        .where('chain', '<>', 'system')
        .orderBy('seq')
        .offset(500)
        .limit(1)
        .executeTakeFirstOrThrow();
      other = (
        await db
          .selectFrom('audit_events')
          .select('chain')
          .where('chain', '<>', victim.chain)
          .limit(1)
          .executeTakeFirstOrThrow()
      ).chain;
      await db.transaction().execute(async (trx) => {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(trx);
        await sql`UPDATE audit_events SET reason = 'quietly changed' WHERE id = ${victim.id}`.execute(trx);
        await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`.execute(trx);
      });
    } finally {
      await database.close();
    }

    const broken = await runCli(['audit', 'verify'], scratch.env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('audit trail BROKEN: 1 of 1001 chain(s)');
    expect(broken.stdout).toContain(
      `chain ${victim.chain}: first broken link at seq ${victim.seq}, event ${victim.id}, action ${victim.action}, occurred ${victim.occurred_at.toISOString()}`,
    );

    const json = await runCli(['audit', 'verify', '--json', '--chain', victim.chain], scratch.env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      chains: 1,
      intact: false,
      brokenChains: 1,
      broken: [{ chain: victim.chain, seq: victim.seq, eventId: victim.id, problem: 'hash' }],
    });

    const one = await runCli(['audit', 'verify', '--chain', other], scratch.env);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/audit trail intact: 1 chain\(s\)/);

    const none = await runCli(['audit', 'verify', '--chain', 'no-such-chain'], scratch.env);
    expect(none.code).toBe(66);
    expect(none.stderr).toContain('no audit events in chain no-such-chain');
  });
});
