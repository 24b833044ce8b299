import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer } from '../../../test/support/factories.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import { systemActor } from '../users/index.ts';
import { recordAuditEvent, verifyAllAuditChains, verifyAuditChain } from './index.ts';

// verifyAllAuditChains on chains of the shared test database (filtered to this file's customers,
// so other files' data does not matter). A small page size makes pages end inside chains and
// between them. Tampering lifts the append-only guard inside a transaction that is rolled back,
// so the shared database is never left broken.

const actor = systemActor('audit-verify-test');
const rollback = new Error('roll back the tampering');

describe('verifyAllAuditChains', () => {
  const chains: string[] = [];
  beforeAll(async () => {
    const { db } = await testDatabase();
    for (let c = 0; c < 3; c++) {
      const customer = await makeCustomer(db);
      chains.push(customer.id);
      for (let n = 0; n < c + 2; n++) {
        await db.transaction().execute((trx) =>
          recordAuditEvent(trx, {
            actor,
            action: 'test.verify',
            entityType: 'customer',
            entityId: customer.id,
            customerId: customer.id,
            data: { n },
          }),
        );
      }
    }
  });

  async function eventsOf(chain: string) {
    const { db } = await testDatabase();
    return db.selectFrom('audit_events').selectAll().where('chain', '=', chain).orderBy('seq').execute();
  }

  it('passes intact chains, counting chains and events across page boundaries', async () => {
    const { db } = await testDatabase();
    let expectedEvents = 0;
    for (const chain of chains) {
      const verdict = await verifyAuditChain(db, chain);
      expect(verdict.ok).toBe(true);
      expectedEvents += verdict.events;
    }
    for (const pageSize of [2, 3, 1000]) {
      expect(await verifyAllAuditChains(db, { chains, pageSize })).toEqual({
        chains: 3,
        events: expectedEvents,
        intact: true,
        brokenChains: 0,
        broken: [],
      });
    }
  });

  it('reports the first broken link of a tampered chain: its seq, event id, action and time', async () => {
    const { db } = await testDatabase();
    const victim = chains[1] as string;
    const events = await eventsOf(victim);
    const middle = events[2];
    if (!middle) throw new Error('expected at least three events');
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(trx);
        await trx
          .updateTable('audit_events')
          .set({ data: JSON.stringify({ n: 999 }) })
          .where('id', '=', middle.id)
          .execute();
        const result = await verifyAllAuditChains(trx, { chains, pageSize: 2 });
        expect(result).toMatchObject({ chains: 3, intact: false, brokenChains: 1 });
        expect(result.broken).toEqual([
          {
            chain: victim,
            seq: middle.seq,
            eventId: middle.id,
            action: middle.action,
            occurredAt: middle.occurred_at,
            problem: 'hash',
          },
        ]);
        // The same verdict as the single-chain check.
        expect(await verifyAuditChain(trx, victim)).toMatchObject({ ok: false, brokenAtSeq: middle.seq });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect((await verifyAllAuditChains(db, { chains })).intact).toBe(true);
  });

  it('detects a removed event at the link after it', async () => {
    const { db } = await testDatabase();
    const victim = chains[2] as string;
    const events = await eventsOf(victim);
    const [removed, next] = [events[1], events[2]];
    if (!removed || !next) throw new Error('expected at least three events');
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(trx);
        await trx.deleteFrom('audit_events').where('id', '=', removed.id).execute();
        const result = await verifyAllAuditChains(trx, { chains: [victim] });
        expect(result).toMatchObject({ chains: 1, events: events.length - 1, intact: false });
        expect(result.broken).toMatchObject([{ chain: victim, seq: next.seq, problem: 'prev_hash' }]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});
