import { describe, expect, it } from 'vitest';
import { makeCustomer } from '../../../test/support/factories.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import { systemActor } from '../users/index.ts';
import { type AuditInput, appendAuditEvents, recordAuditEvent, verifyAuditChain } from './index.ts';

// The multi-chain bulk append used by bulk intake: one lock statement, one head query, one INSERT
// for events of many chains, each chain still a valid hash chain in its own order.

const actor = systemActor('audit-bulk-test');

describe('appendAuditEvents', () => {
  it('appends interleaved events of several chains in one call, each chain in order and valid', async () => {
    const { db } = await testDatabase();
    const customers = [await makeCustomer(db), await makeCustomer(db), await makeCustomer(db)];
    const event = (c: { id: string }, n: number): AuditInput => ({
      actor,
      action: 'test.bulk',
      entityType: 'customer',
      entityId: c.id,
      customerId: c.id,
      data: { n },
    });
    const inputs = [0, 1, 2, 3].flatMap((n) => customers.map((c) => event(c, n)));
    const ids = await db.transaction().execute((trx) => appendAuditEvents(trx, inputs));
    expect(ids).toHaveLength(12);
    // A later single append links onto the bulk-appended head.
    await db.transaction().execute((trx) => recordAuditEvent(trx, event(customers[0] as { id: string }, 4)));

    for (const [i, c] of customers.entries()) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('chain', '=', c.id)
        .orderBy('seq')
        .execute();
      // customer.created first, then the bulk events in their order.
      expect(rows.map((r) => (r.data as { n?: number }).n ?? null)).toEqual(
        i === 0 ? [null, 0, 1, 2, 3, 4] : [null, 0, 1, 2, 3],
      );
      expect(rows.slice(1, 5).map((r) => r.id)).toEqual([0, 1, 2, 3].map((n) => ids[n * 3 + i]));
      expect(await verifyAuditChain(db, c.id)).toMatchObject({ ok: true, events: rows.length });
    }
  });

  it('appends nothing for no events', async () => {
    const { db } = await testDatabase();
    expect(await db.transaction().execute((trx) => appendAuditEvents(trx, []))).toEqual([]);
  });
});
