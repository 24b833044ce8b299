import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordAuditEvent, recordAuditEvents, verifyAuditChain } from '../../src/modules/audit/index.ts';
import { GENESIS_HASH } from '../../src/modules/audit/record-audit-event.ts';
import { systemActor } from '../../src/modules/users/index.ts';
import { makeCustomer, makeProduct, randomPersonnummer } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, uniqueSuffix } from './api-helpers.ts';

// Each change appends an audit event in its own transaction, naming the actor, chained per
// customer; the chain verifies; and the database itself refuses to rewrite history.

let app: FastifyInstance;
let rep: Session;
let customerId: string;
let policyId: string;
let claimId: string;

beforeAll(async () => {
  app = await testApp();
  const { db } = await testDatabase();
  rep = await signInAs('representative');
  const { version } = await makeProduct(db);

  const customer = await app.inject({
    method: 'POST',
    url: '/customers',
    headers: rep.headers,
    payload: {
      givenName: 'Sven',
      familyName: 'Audit',
      preferredLanguage: 'sv',
      email: `sven.${uniqueSuffix()}@example.se`,
      country: 'SE',
      nationalId: randomPersonnummer(),
    },
  });
  expect(customer.statusCode).toBe(201);
  customerId = customer.json().id;

  const policy = await app.inject({
    method: 'POST',
    url: '/policies',
    headers: rep.headers,
    payload: {
      customerId,
      productVersionId: version.id,
      startsOn: '2026-01-01',
      endsOn: '2027-01-01',
      premiumSchedule: { frequency: 'monthly', amountMinor: 19_900 },
    },
  });
  expect(policy.statusCode).toBe(201);
  policyId = policy.json().id;

  const claim = await app.inject({
    method: 'POST',
    url: '/claims',
    headers: rep.headers,
    payload: claimBody(customerId, policyId),
  });
  expect(claim.statusCode).toBe(201);
  claimId = claim.json().id;
});

/** What registering a claim that needs a person appends after claim.assessed (see claims/route-assessed-claim.ts). */
const LIFECYCLE_EVENTS = [
  ['claim.status_changed', 'system'], // registered → in_review
  ['work_item.opened', 'representative'], // no team configured here: it waits unassigned
  ['deadline.started', 'representative'], // internal.first_contact
  ['deadline.started', 'representative'], // se.fal.claim_payment
];

async function chainOf(chain: string) {
  const { db } = await testDatabase();
  return db.selectFrom('audit_events').selectAll().where('chain', '=', chain).orderBy('seq').execute();
}

describe('audit trail', () => {
  it('registering a customer, a policy and a claim appends one event each (and one for the assessment), naming the actor', async () => {
    const events = await chainOf(customerId);
    expect(
      events.slice(0, 4).map((e) => ({
        action: e.action,
        entityType: e.entity_type,
        entityId: e.entity_id,
        actorId: e.actor_id,
        actorRole: e.actor_role,
        customerId: e.customer_id,
      })),
    ).toEqual([
      {
        action: 'customer.created',
        entityType: 'customer',
        entityId: customerId,
        actorId: rep.userId,
        actorRole: 'representative',
        customerId,
      },
      {
        action: 'policy.issued',
        entityType: 'policy',
        entityId: policyId,
        actorId: rep.userId,
        actorRole: 'representative',
        customerId,
      },
      {
        action: 'claim.registered',
        entityType: 'claim',
        entityId: claimId,
        actorId: rep.userId,
        actorRole: 'representative',
        customerId,
      },
      // The assessment runs in the registering transaction, by the system.
      {
        action: 'claim.assessed',
        entityType: 'claim',
        entityId: claimId,
        actorId: null,
        actorRole: 'system',
        customerId,
      },
    ]);
    expect(events[2]?.data).toMatchObject({ channel: 'phone', totalClaimedMinor: 125_000, currency: 'SEK' });
    // Then, in the same transaction, the claim goes to a person's queue with its clocks started.
    expect(events.slice(4).map((e) => [e.action, e.actor_role])).toEqual(LIFECYCLE_EVENTS);
  });

  it('the events form one hash chain for the customer, starting at the genesis hash', async () => {
    const events = await chainOf(customerId);
    expect(events).toHaveLength(4 + LIFECYCLE_EVENTS.length);
    expect(events[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) {
      expect(events[i]?.prev_hash).toBe(events[i - 1]?.hash);
      expect(Number(events[i]?.seq)).toBeGreaterThan(Number(events[i - 1]?.seq));
    }
    for (const e of events) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(events.map((e) => e.hash)).size).toBe(events.length);
  });

  it('verifyAuditChain accepts the chain', async () => {
    const { db } = await testDatabase();
    expect(await verifyAuditChain(db, customerId)).toEqual({
      chain: customerId,
      events: 4 + LIFECYCLE_EVENTS.length,
      ok: true,
    });
  });

  it('verifyAuditChain detects an altered event (tampered with the guard lifted, then rolled back)', async () => {
    const { db } = await testDatabase();
    const events = await chainOf(customerId);
    const middle = events[1];
    if (!middle) throw new Error('expected three events');
    const rollback = new Error('roll back the tampering');
    await expect(
      db.transaction().execute(async (trx) => {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(trx);
        await trx
          .updateTable('audit_events')
          .set({ data: JSON.stringify({ ...(middle.data as object), endsOn: '2099-01-01' }) })
          .where('id', '=', middle.id)
          .execute();
        expect(await verifyAuditChain(trx, customerId)).toEqual({
          chain: customerId,
          events: 4 + LIFECYCLE_EVENTS.length,
          ok: false,
          brokenAtSeq: middle.seq,
        });
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    // Rolled back: the trigger is back and the chain verifies again.
    expect(await verifyAuditChain(db, customerId)).toMatchObject({
      ok: true,
      events: 4 + LIFECYCLE_EVENTS.length,
    });
  });

  it('a refused request appends nothing to the chain', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep.headers,
      payload: claimBody(customerId, policyId, { incidentDate: '2999-12-31' }),
    });
    expect(res.statusCode).toBe(422);
    expect(await chainOf(customerId)).toHaveLength(4 + LIFECYCLE_EVENTS.length);
  });
});

describe('audit_events is append-only in the database', () => {
  it('UPDATE is refused', async () => {
    const { db } = await testDatabase();
    const [first] = await chainOf(customerId);
    if (!first) throw new Error('expected an event');
    await expect(
      db.updateTable('audit_events').set({ reason: 'rewritten' }).where('id', '=', first.id).execute(),
    ).rejects.toThrow(/append-only \(UPDATE refused\)/);
    const [after] = await chainOf(customerId);
    expect(after).toEqual(first);
  });

  it('DELETE is refused', async () => {
    const { db } = await testDatabase();
    await expect(db.deleteFrom('audit_events').where('chain', '=', customerId).execute()).rejects.toThrow(
      /append-only \(DELETE refused\)/,
    );
    expect(await chainOf(customerId)).toHaveLength(4 + LIFECYCLE_EVENTS.length);
  });

  it('TRUNCATE is refused', async () => {
    const { db } = await testDatabase();
    // Inside a transaction that is rolled back either way, so a missing guard cannot wipe the table.
    const outcome = await db
      .transaction()
      .execute(async (trx) => {
        await sql`TRUNCATE audit_events`.execute(trx);
        throw new Error('TRUNCATE was allowed');
      })
      .catch((error: Error) => error.message);
    expect(outcome).toMatch(/append-only \(TRUNCATE refused\)/);
    expect(await chainOf(customerId)).toHaveLength(4 + LIFECYCLE_EVENTS.length);
  });
});

describe('recordAuditEvents (bulk append)', () => {
  it('appends a batch in order onto the existing chain, and the chain still verifies', async () => {
    const { db } = await testDatabase();
    const customer = await makeCustomer(db);
    const actor = systemActor('audit-batch-test');
    const event = (n: number) => ({
      actor,
      action: 'test.batch',
      entityType: 'customer',
      entityId: customer.id,
      customerId: customer.id,
      data: { n },
    });
    const ids = await db
      .transaction()
      .execute((trx) => recordAuditEvents(trx, customer.id, [event(1), event(2), event(3)]));
    await db.transaction().execute((trx) => recordAuditEvent(trx, event(4)));
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain', '=', customer.id)
      .orderBy('seq')
      .execute();
    // customer.created, then the batch, then the single event
    expect(rows.map((r) => (r.data as { n?: number }).n ?? 0)).toEqual([0, 1, 2, 3, 4]);
    expect(rows.slice(1, 4).map((r) => r.id)).toEqual(ids);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(await verifyAuditChain(db, customer.id)).toMatchObject({ ok: true, events: 5 });
  });

  it('refuses events that belong to another chain', async () => {
    const { db } = await testDatabase();
    const a = await makeCustomer(db);
    const b = await makeCustomer(db);
    const actor = systemActor('audit-batch-test');
    await expect(
      db
        .transaction()
        .execute((trx) =>
          recordAuditEvents(trx, a.id, [
            { actor, action: 'x', entityType: 'customer', entityId: b.id, customerId: b.id },
          ]),
        ),
    ).rejects.toThrow(/every event must belong to chain/);
  });
});
