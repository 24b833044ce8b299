import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimBody, customerWithPolicy } from '../../../test/api/api-helpers.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  randomCodiceFiscale,
} from '../../../test/support/factories.ts';
import { runCli, type ScratchDatabase, scratchDatabase } from '../../../test/support/scratch-database.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import { migrate } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { createWorker } from '../../jobs/worker.ts';
import { newId } from '../../lib/ids.ts';
import { verifyAllAuditChains } from '../audit/index.ts';
import { registerClaim } from '../claims/index.ts';
import { systemActor } from '../users/actor.ts';
import { countDueForRetention, runRetentionSweep } from './retention-sweep.ts';
import { RETENTION_SWEEP_JOB, retentionSweepJob } from './retention-sweep-job.ts';
import { ago, NOW } from './retention-test-fixtures.ts';

// Records back-dated past their retention (inserted in SQL), swept: what is past its rule and not
// under a legal hold is gone, the rest is kept, every deletion has its audit event, the chains
// verify, and a rerun finds nothing. Every sweep here is limited to this file's customers: the
// test database is shared with other files.

const silent = { debug() {}, info() {}, warn() {}, error() {} };
/** The kinds this file's records are not of (the claim file's are in retention-sweep-claims.int.test.ts). */
const NONE = {
  payment: 0,
  recovery: 0,
  claim_file: 0,
  letter: 0,
  webhook_delivery: 0,
  case_document: 0,
  inbound_message: 0,
  print_batch: 0,
  payment_batch: 0,
  identity: 0,
};

async function serviceCase(
  db: Kysely<DB>,
  customerId: string,
  opts: { status: 'open' | 'closed' | 'resolved'; closedAt: Date | null; complaint?: boolean },
) {
  const id = newId();
  await db
    .insertInto('service_cases')
    .values({
      id,
      case_number: `CASE-RT-${randomBytes(5).toString('hex')}`,
      customer_id: customerId,
      kind: opts.complaint ? 'complaint' : 'general_inquiry',
      category: opts.complaint ? 'complaint' : 'general_inquiry',
      status: opts.status,
      subject: 'Question',
      description: 'About my policy',
      channel: 'phone',
      language: 'sv',
      closed_at: opts.closedAt,
      resolved_at: opts.closedAt,
      status_changed_at: opts.closedAt ?? NOW,
      created_at: opts.closedAt ?? NOW,
    })
    .execute();
  await db
    .insertInto('case_messages')
    .values({
      id: newId(),
      case_id: id,
      customer_id: customerId,
      author_kind: 'customer',
      visibility: 'customer',
      body: 'My new address is Storgatan 1',
    })
    .execute();
  if (opts.complaint) {
    await db
      .insertInto('complaints')
      .values({
        case_id: id,
        customer_id: customerId,
        jurisdiction: 'SE',
        cause_category: 'claims_handling',
        requested_remedy: 'Pay',
        received_at: opts.closedAt ?? NOW,
      })
      .execute();
  }
  return id;
}

async function call(db: Kysely<DB>, customerId: string | null, endedAt: Date, caseId: string | null = null) {
  const id = newId();
  await db
    .insertInto('calls')
    .values({
      id,
      customer_id: customerId,
      direction: 'inbound',
      phone_number: '+46701234567',
      started_at: new Date(endedAt.getTime() - 60_000),
      ended_at: endedAt,
      outcome: 'answered',
      notes: 'Asked about the claim',
      case_id: caseId,
    })
    .execute();
  return id;
}

async function contactChange(db: Kysely<DB>, customerId: string, at: Date) {
  const id = newId();
  await db
    .insertInto('customer_contact_history')
    .values({
      id,
      customer_id: customerId,
      field: 'phone',
      old_value: JSON.stringify('+46700000000'),
      new_value: JSON.stringify('+46701111111'),
      changed_at: at,
    })
    .execute();
  return id;
}

async function notification(db: Kysely<DB>, customerId: string, at: Date) {
  const id = newId();
  await db
    .insertInto('notifications')
    .values({
      id,
      audience: 'customer',
      customer_id: customerId,
      channel: 'portal',
      kind: 'claim.registered',
      language: 'sv',
      subject: 'Vi har tagit emot din anmälan',
      body: 'Hej',
      created_at: at,
    })
    .execute();
  return id;
}

async function exists(
  db: Kysely<DB>,
  table: 'service_cases' | 'calls' | 'customer_contact_history' | 'notifications',
  id: string,
) {
  const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

describe('retention sweep', () => {
  let db: Kysely<DB>;
  let free: string; // a Swedish customer with nothing open
  let held: string; // an Italian customer with an open case: under legal hold
  const r: Record<string, string> = {};

  beforeAll(async () => {
    db = (await testDatabase()).db;
    free = (await makeCustomer(db)).id;
    held = (await makeCustomer(db, { country: 'IT', nationalId: randomCodiceFiscale() })).id;
    r.oldCase = await serviceCase(db, free, { status: 'closed', closedAt: ago(3) });
    r.youngCase = await serviceCase(db, free, { status: 'resolved', closedAt: ago(1) });
    r.oldComplaint = await serviceCase(db, free, { status: 'closed', closedAt: ago(3), complaint: true });
    r.ancientComplaint = await serviceCase(db, free, {
      status: 'closed',
      closedAt: ago(10.2),
      complaint: true,
    });
    // A recent call about the old case: kept, but loses its link to the deleted case.
    r.youngCallOnOldCase = await call(db, free, ago(1), r.oldCase);
    r.oldCall = await call(db, free, ago(2.5));
    r.oldChange = await contactChange(db, free, ago(3));
    r.youngChange = await contactChange(db, free, ago(0.5));
    r.oldNotice = await notification(db, free, ago(4));
    r.youngNotice = await notification(db, free, ago(1.9));
    // Policies: created as the factories do, then back-dated (ended 10.5 and 9 years ago).
    const { version } = await makeProduct(db);
    for (const [key, years] of [
      ['ancientPolicy', 10.5],
      ['oldPolicy', 9],
    ] as const) {
      const policy = await makePolicy(db, { customerId: free, productVersionId: version.id });
      const ends = ago(years).toISOString().slice(0, 10);
      await db
        .updateTable('policies')
        .set({
          starts_on: ago(years + 1)
            .toISOString()
            .slice(0, 10),
          ends_on: ends,
        })
        .where('id', '=', policy.id)
        .execute();
      r[key] = policy.id;
    }
    await payPremiums(db, {
      policyId: r.ancientPolicy as string,
      amountMinor: 19_900,
      paidOn: ['2026-01-15'],
    });
    r.heldOpenCase = await serviceCase(db, held, { status: 'open', closedAt: null });
    r.heldOldCase = await serviceCase(db, held, { status: 'closed', closedAt: ago(5) });
    r.heldOldCall = await call(db, held, ago(5));
  });

  it('a dry run counts what is due per kind and changes nothing', async () => {
    const before = await db
      .selectFrom('audit_events')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const report = await runRetentionSweep(db, { now: NOW, dryRun: true, customerIds: [free, held] });
    expect(report).toMatchObject({
      dryRun: true,
      counts: {
        ...NONE,
        service_case: 1,
        complaint: 1,
        policy: 1,
        call: 1,
        contact_history: 1,
        notification: 1,
      },
      batches: 0,
    });
    expect(await exists(db, 'service_cases', r.oldCase as string)).toBe(true);
    const after = await db
      .selectFrom('audit_events')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBeGreaterThanOrEqual(Number(before.n));
    const mine = await db
      .selectFrom('audit_events')
      .select('id')
      .where('customer_id', 'in', [free, held])
      .where('action', 'like', 'retention.%')
      .execute();
    expect(mine).toEqual([]);
  });

  it('deletes what is past retention, keeps the rest and what is on hold, and the chains verify', async () => {
    // Batches of 2: the sweep must carry on to the end over several transactions.
    const report = await runRetentionSweep(db, { now: NOW, limit: 2, customerIds: [free, held] });
    expect(report.counts).toEqual({
      ...NONE,
      service_case: 1,
      complaint: 1,
      policy: 1,
      call: 1,
      contact_history: 1,
      notification: 1,
    });
    expect(report.batches).toBe(3);
    expect(report.rows).toMatchObject({
      policies: 1,
      premium_payments: 1,
      service_cases: 2,
      complaints: 1,
      case_messages: 2,
      calls: 1,
      notifications: 1,
    });

    // Gone.
    expect(await exists(db, 'service_cases', r.oldCase as string)).toBe(false);
    expect(await exists(db, 'service_cases', r.ancientComplaint as string)).toBe(false);
    expect(
      await db
        .selectFrom('complaints')
        .select('case_id')
        .where('case_id', '=', r.ancientComplaint as string)
        .execute(),
    ).toEqual([]);
    expect(await exists(db, 'calls', r.oldCall as string)).toBe(false);
    const policies = await db.selectFrom('policies').select('id').where('customer_id', '=', free).execute();
    expect(policies.map((p) => p.id)).toEqual([r.oldPolicy]);
    const premiums = await db
      .selectFrom('premium_payments')
      .select('id')
      .where('policy_id', '=', r.ancientPolicy as string)
      .execute();
    expect(premiums).toEqual([]);
    expect(await exists(db, 'customer_contact_history', r.oldChange as string)).toBe(false);
    expect(await exists(db, 'notifications', r.oldNotice as string)).toBe(false);
    const messages = await db
      .selectFrom('case_messages')
      .select('id')
      .where('case_id', '=', r.oldCase as string)
      .execute();
    expect(messages).toEqual([]);
    // Kept: within retention, a complaint (its own rule), a customer with an open matter.
    for (const id of [r.youngCase, r.oldComplaint, r.heldOpenCase, r.heldOldCase])
      expect(await exists(db, 'service_cases', id as string)).toBe(true);
    for (const id of [r.youngCallOnOldCase, r.heldOldCall])
      expect(await exists(db, 'calls', id as string)).toBe(true);
    expect(await exists(db, 'customer_contact_history', r.youngChange as string)).toBe(true);
    expect(await exists(db, 'notifications', r.youngNotice as string)).toBe(true);
    const kept = await db
      .selectFrom('calls')
      .select('case_id')
      .where('id', '=', r.youngCallOnOldCase as string)
      .executeTakeFirstOrThrow();
    expect(kept.case_id).toBeNull();

    // One audit event per deletion, on the customer's chain, naming no personal data.
    const events = await db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'actor_role', 'data'])
      .where('customer_id', 'in', [free, held])
      .where('action', 'like', 'retention.%')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.action, e.entity_id]).sort()).toEqual(
      [
        ['retention.call_deleted', r.oldCall],
        ['retention.complaint_deleted', r.ancientComplaint],
        ['retention.policy_deleted', r.ancientPolicy],
        ['retention.contact_history_deleted', r.oldChange],
        ['retention.notification_deleted', r.oldNotice],
        ['retention.service_case_deleted', r.oldCase],
      ].sort(),
    );
    expect(events.every((e) => e.actor_role === 'system')).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/Storgatan|\+4670/);
    const verdict = await verifyAllAuditChains(db, { chains: [free, held] });
    expect(verdict).toMatchObject({ intact: true, brokenChains: 0 });
    expect(verdict.chains).toBe(2);
  });

  it('a rerun finds nothing and writes nothing', async () => {
    expect(await countDueForRetention(db, { now: NOW, customerIds: [free, held] })).toEqual({
      ...NONE,
      service_case: 0,
      complaint: 0,
      policy: 0,
      call: 0,
      contact_history: 0,
      notification: 0,
    });
    const report = await runRetentionSweep(db, { now: NOW, customerIds: [free, held] });
    expect(report.batches).toBe(0);
    const events = await db
      .selectFrom('audit_events')
      .select('id')
      .where('customer_id', 'in', [free, held])
      .where('action', 'like', 'retention.%')
      .execute();
    expect(events).toHaveLength(6);
  });

  it('once the hold ends, the held customer’s old records go too', async () => {
    await db
      .updateTable('service_cases')
      .set({ status: 'closed', closed_at: ago(2.1), status_changed_at: ago(2.1) })
      .where('id', '=', r.heldOpenCase as string)
      .execute();
    const report = await runRetentionSweep(db, { now: NOW, customerIds: [held] });
    // Italy keeps service records 2 years too: both cases (5 and 2.1 years) and the call go.
    expect(report.counts).toMatchObject({ service_case: 2, call: 1 });
    expect(await verifyAllAuditChains(db, { chains: [held] })).toMatchObject({ intact: true });
  });

  it('keeps an ended policy that has a claim: it goes with the claim file', async () => {
    const { customer, policy } = await customerWithPolicy();
    const { claim } = await registerClaim({
      db,
      actor: systemActor('retention-test'),
      input: claimBody(customer.id, policy.id) as never,
    });
    // Closed (no hold), and the policy ended 10.5 years ago.
    await db.updateTable('claims').set({ status: 'closed' }).where('id', '=', claim.id).execute();
    await db
      .updateTable('policies')
      .set({ starts_on: ago(11.5).toISOString().slice(0, 10), ends_on: ago(10.5).toISOString().slice(0, 10) })
      .where('id', '=', policy.id)
      .execute();
    const report = await runRetentionSweep(db, { now: NOW, customerIds: [customer.id] });
    expect(report.counts.policy).toBe(0);
    expect(await db.selectFrom('policies').select('id').where('id', '=', policy.id).execute()).toHaveLength(
      1,
    );
  });

  it('runs as a job, a batch per job, continuing until a batch is short', async () => {
    const c = (await makeCustomer(db)).id;
    const calls = [await call(db, c, ago(3)), await call(db, c, ago(3.5)), await call(db, c, ago(4))];
    // A recent call keeps the customer (and so their identity, which would otherwise be a fourth record).
    await call(db, c, ago(1));
    await enqueueJob(db, { kind: RETENTION_SWEEP_JOB, payload: { customerIds: [c] } });
    const worker = createWorker({
      db,
      handlers: { [RETENTION_SWEEP_JOB]: retentionSweepJob(2) },
      kinds: [RETENTION_SWEEP_JOB],
      log: silent,
    });
    let ran = 0;
    for (let i = 0; i < 4; i++) ran += await worker.runOnce();
    await worker.stop();
    // 2 + 1: the second job's batch is short, so no third.
    expect(ran).toBe(2);
    for (const id of calls) expect(await exists(db, 'calls', id)).toBe(false);
    const jobs = await db
      .selectFrom('jobs')
      .select(['status'])
      .where('kind', '=', RETENTION_SWEEP_JOB)
      .where('payload', '@>', JSON.stringify({ customerIds: [c] }) as never)
      .execute();
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done']);
    expect(await verifyAllAuditChains(db, { chains: [c] })).toMatchObject({ intact: true, events: 4 }); // created + 3 calls
  });
});

// The command as a child process, then `claimdesk audit verify` as another. On PostgreSQL only: on
// PGlite each child boots and checks a database directory of its own (over 45 s for the two on a
// loaded machine); the sweep and the chain verification they call are tested above on both engines.
describe.runIf(process.env.DATABASE_URL)('claimdesk retention sweep (CLI)', { timeout: 60_000 }, () => {
  let scratch: ScratchDatabase | undefined;
  afterAll(() => scratch?.drop());

  it('deletes what is due, and claimdesk audit verify passes after it', async () => {
    scratch = await scratchDatabase();
    const database = await scratch.open();
    let oldCall: string;
    let youngCall: string;
    try {
      await migrate(database);
      const customer = (await makeCustomer(database.db)).id;
      oldCall = await call(database.db, customer, ago(3));
      youngCall = await call(database.db, customer, ago(1));
      await call(database.db, null, ago(3)); // an unidentified caller's
    } finally {
      await database.close();
    }
    // (The dry run is counted in-process above: each child process boots the database again.)
    const swept = await runCli(['retention', 'sweep', '--json'], scratch.env);
    expect(swept.code, swept.stderr).toBe(0);
    expect(JSON.parse(swept.stdout)).toMatchObject({
      dryRun: false,
      counts: { call: 2 },
      rows: { calls: 2 },
    });
    const verified = await runCli(['audit', 'verify'], scratch.env);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('audit trail intact');
    const check = await scratch.open();
    try {
      const left = await check.db.selectFrom('calls').select('id').execute();
      expect(left.map((c) => c.id)).toEqual([youngCall]);
      expect(left.map((c) => c.id)).not.toContain(oldCall);
    } finally {
      await check.close();
    }
  });
});
