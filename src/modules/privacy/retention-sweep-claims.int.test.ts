import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimBody, customerWithPolicy } from '../../../test/api/api-helpers.ts';
import { makeCustomer, makePolicy, makeProduct } from '../../../test/support/factories.ts';
import { runCli, type ScratchDatabase, scratchDatabase } from '../../../test/support/scratch-database.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import { migrate } from '../../db/migrate.ts';
import type { DB } from '../../db/schema.ts';
import { createWorker } from '../../jobs/worker.ts';
import { newId } from '../../lib/ids.ts';
import { verifyAllAuditChains } from '../audit/index.ts';
import { registerClaim } from '../claims/index.ts';
import { type DocumentStore, documentStore, LocalDiskStore, setDocumentStore } from '../documents/index.ts';
import { eraseCustomer } from './erase-customer.ts';
import { countDueForRetention, runRetentionSweep } from './retention-sweep.ts';
import { RETENTION_FILES_JOB, removeUnreferencedFiles, retentionFilesJob } from './retention-sweep-files.ts';
import {
  retentionActor as actor,
  ago,
  day,
  decisionWithAccount,
  insertPaymentBatch,
  insertSettledPayment,
  NOW,
  printedLetterRows,
  storePdf,
} from './retention-test-fixtures.ts';

// The claim file, its payments and the identity (issue 9 §4), on back-dated rows: a claim closed
// 10.5 years ago with a payment settled 7.5 years ago (Sweden: 7 years) goes with everything under
// it, its document files leave the disk unless another record still references the same bytes,
// then its policy, then — nothing being left — the customer's identity is pseudonymised. A
// customer with an open claim keeps everything. Sweeps are limited to this file's customers.

/** A customer with a policy on this database (customerWithPolicy uses the shared test database). */
async function customerWithPolicyOn(db: Kysely<DB>) {
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { currency: 'SEK' });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  return { customer, product, version, policy };
}

/** A small PDF whose bytes are unique unless `seed` is shared. */
const pdf = (seed: string) => new TextEncoder().encode(`%PDF-1.4\n% ${seed}\n1 0 obj\n<<>>\nendobj\n%%EOF\n`);

async function closedClaim(
  db: Kysely<DB>,
  opts: {
    finishedYearsAgo: number;
    status?: 'closed' | 'in_review';
    owner?: Awaited<ReturnType<typeof customerWithPolicy>>;
  },
) {
  const { customer, policy, version } = opts.owner ?? (await customerWithPolicy());
  const { claim } = await registerClaim({ db, actor, input: claimBody(customer.id, policy.id) as never });
  await db
    .updateTable('claims')
    .set({ status: opts.status ?? 'closed', status_changed_at: ago(opts.finishedYearsAgo) })
    .where('id', '=', claim.id)
    .execute();
  await db
    .updateTable('policies')
    .set({ starts_on: day(ago(opts.finishedYearsAgo + 2)), ends_on: day(ago(opts.finishedYearsAgo)) })
    .where('id', '=', policy.id)
    .execute();
  return { customer, policy, claim, version };
}

async function attach(
  db: Kysely<DB>,
  customerId: string,
  claimId: string,
  bytes: Uint8Array,
  entityType: 'claim' | 'service_case' = 'claim',
) {
  return storePdf(db, {
    customerId,
    entityType,
    entityId: claimId,
    filename: 'receipt.pdf',
    content: bytes,
    source: 'staff',
  });
}

/** A decision and a settled payment on the claim (rows as the payments module leaves them). */
async function settledPayment(db: Kysely<DB>, c: Awaited<ReturnType<typeof closedClaim>>, settled: Date) {
  const { decisionId, accountId } = await decisionWithAccount(db, {
    claimId: c.claim.id,
    customerId: c.customer.id,
    productVersionId: c.version.id,
  });
  const batchId = await insertPaymentBatch(db, { numberPrefix: 'BATCH-RT', executionDate: settled });
  const paymentId = await insertSettledPayment(
    db,
    { claimId: c.claim.id, customerId: c.customer.id, decisionId, accountId },
    { settled, batchId, principalMinor: 125_000 },
  );
  await db
    .insertInto('payment_status_changes')
    .values({
      id: newId(),
      payment_id: paymentId,
      customer_id: c.customer.id,
      from_status: 'sent',
      to_status: 'settled',
      source: 'bank_file',
      at: settled,
    } as never)
    .execute();
  return paymentId;
}

/** A letter sent about the claim: notification, delivery and its PDF (a file in the store). */
async function letterAbout(
  db: Kysely<DB>,
  customerId: string,
  claimId: string,
  bytes: Uint8Array,
  about: { entityType: string; createdAt: Date } = { entityType: 'claim', createdAt: ago(10.6) },
) {
  const deliveryId = newId();
  const doc = await storePdf(db, {
    customerId,
    entityType: 'letter',
    entityId: deliveryId,
    filename: 'letter.pdf',
    content: bytes,
    source: 'generated',
  });
  const { notificationId } = await printedLetterRows(db, {
    customerId,
    kind: 'claim.decided',
    subject: 'Beslut',
    entityType: about.entityType,
    entityId: claimId,
    at: about.createdAt,
    delivery: { id: deliveryId, document_id: doc.id },
  });
  return { notificationId, deliveryId, doc };
}

describe('retention sweep: the claim file, payments and the identity', { timeout: 60_000 }, () => {
  let db: Kysely<DB>;
  let gone: Awaited<ReturnType<typeof closedClaim>>; // closed 10.5 years ago: everything goes
  let young: Awaited<ReturnType<typeof closedClaim>>; // closed 3 years ago: kept
  let held: Awaited<ReturnType<typeof closedClaim>>; // closed 11 years ago, but the customer has an open claim
  let heldOpenClaim: string;
  let paymentId: string;
  const keys: Record<string, string> = {};
  const docs: Record<string, string> = {};
  let scope: string[];

  beforeAll(async () => {
    db = (await testDatabase()).db;
    gone = await closedClaim(db, { finishedYearsAgo: 10.5 });
    young = await closedClaim(db, { finishedYearsAgo: 3 });
    held = await closedClaim(db, { finishedYearsAgo: 11 });
    const open = await registerClaim({
      db,
      actor,
      input: claimBody(held.customer.id, held.policy.id) as never,
    });
    heldOpenClaim = open.claim.id;
    scope = [gone.customer.id, young.customer.id, held.customer.id];

    paymentId = await settledPayment(db, gone, ago(7.5));
    const seed = randomBytes(8).toString('hex');
    const own = await attach(db, gone.customer.id, gone.claim.id, pdf(`own-${seed}`));
    // The same bytes on the young claim: one file, two rows.
    const shared = await attach(db, gone.customer.id, gone.claim.id, pdf(`shared-${seed}`));
    const sharedYoung = await attach(db, young.customer.id, young.claim.id, pdf(`shared-${seed}`));
    const letter = await letterAbout(db, gone.customer.id, gone.claim.id, pdf(`letter-${seed}`));
    const heldDoc = await attach(db, held.customer.id, held.claim.id, pdf(`held-${seed}`));
    for (const [k, d] of Object.entries({ own, shared, sharedYoung, letter: letter.doc, heldDoc })) {
      keys[k] = d.storage_key as string;
      docs[k] = d.id;
    }
    expect(keys.shared).toBe(keys.sharedYoung);
    for (const k of Object.values(keys)) expect(await documentStore().has(k)).toBe(true);
  });

  it('a dry run counts what is due now and changes nothing', async () => {
    const report = await runRetentionSweep(db, { now: NOW, dryRun: true, customerIds: scope });
    // The claim waits for its payment, the policy for its claim, the identity for everything:
    // a dry run counts the first step (the sweep itself does all of them in one run).
    expect(report.counts).toMatchObject({ payment: 1, claim_file: 0, policy: 0, identity: 0 });
    expect(
      await db.selectFrom('payment_orders').select('id').where('id', '=', paymentId).execute(),
    ).toHaveLength(1);
  });

  it('deletes the claim file with its payment, letter and files, then the policy, then pseudonymises', async () => {
    const report = await runRetentionSweep(db, { now: NOW, customerIds: scope });
    expect(report.counts).toMatchObject({ payment: 1, claim_file: 1, policy: 1, letter: 0, identity: 1 });
    expect(report.rows).toMatchObject({
      payment_orders: 1,
      payment_status_changes: 1,
      claims: 1,
      claim_lines: 1,
      claim_decisions: 1,
      documents: 3,
      deliveries: 1,
      notifications: 2, // the registration's notice and the letter
      policies: 1,
      customer_bank_accounts: 1,
    });
    // Two files gone (its own and the letter's); the shared one is still referenced by the young claim.
    expect(report.files).toBe(2);
    expect(await documentStore().has(keys.own as string)).toBe(false);
    expect(await documentStore().has(keys.letter as string)).toBe(false);
    expect(await documentStore().has(keys.shared as string)).toBe(true);
    expect(await documentStore().has(keys.heldDoc as string)).toBe(true);

    // (raw SQL: the table and column vary; both are literals of this test)
    const left = async (
      table: 'claims' | 'policies' | 'claim_lines' | 'work_items',
      column: string,
      id: string,
    ) => {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}
        WHERE ${sql.ref(column)} = ${id}`.execute(db);
      return Number(rows[0]?.n);
    };
    expect(await left('claims', 'id', gone.claim.id)).toBe(0);
    expect(await left('claim_lines', 'claim_id', gone.claim.id)).toBe(0);
    expect(await left('work_items', 'subject_id', gone.claim.id)).toBe(0);
    expect(await left('policies', 'id', gone.policy.id)).toBe(0);
    expect(
      await db
        .selectFrom('documents')
        .select('id')
        .where('id', 'in', [docs.own, docs.shared, docs.letter] as string[])
        .execute(),
    ).toEqual([]);
    // Kept: the young claim (and its copy of the shared bytes), the held customer's old claim.
    expect(await left('claims', 'id', young.claim.id)).toBe(1);
    expect(await left('claims', 'id', held.claim.id)).toBe(1);
    expect(await left('claims', 'id', heldOpenClaim)).toBe(1);
    expect(
      await db
        .selectFrom('documents')
        .select('id')
        .where('id', '=', docs.sharedYoung as string)
        .execute(),
    ).toHaveLength(1);

    // The identity: pseudonymised as an erasure does; the others untouched.
    const customers = await db
      .selectFrom('customers')
      .select(['id', 'given_name', 'national_id', 'erased_at', 'email'])
      .where('id', 'in', scope)
      .execute();
    const byId = new Map(customers.map((c) => [c.id, c]));
    expect(byId.get(gone.customer.id)).toMatchObject({ given_name: 'ERASED', email: null });
    expect(byId.get(gone.customer.id)?.erased_at).not.toBeNull();
    expect(byId.get(young.customer.id)?.erased_at).toBeNull();
    expect(byId.get(held.customer.id)?.erased_at).toBeNull();

    const events = await db
      .selectFrom('audit_events')
      .select(['action', 'entity_id'])
      .where('customer_id', 'in', scope)
      .where('action', 'like', 'retention.%')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'retention.payment_deleted',
      'retention.claim_file_deleted',
      'retention.policy_deleted',
      'retention.identity_pseudonymised',
    ]);
    // The files' removal is also queued, durable across a crash after the commit.
    const jobs = await db
      .selectFrom('jobs')
      .select('payload')
      .where('kind', '=', RETENTION_FILES_JOB)
      .where('payload', '@>', JSON.stringify({ keys: [keys.own] }) as never)
      .execute();
    expect(jobs).toHaveLength(1);
    const verdict = await verifyAllAuditChains(db, { chains: scope });
    expect(verdict).toMatchObject({ intact: true, brokenChains: 0 });
  });

  it('a rerun finds nothing, and the queued file job is harmless', async () => {
    const due = await countDueForRetention(db, { now: NOW, customerIds: scope });
    expect(Object.values(due).every((n) => n === 0)).toBe(true);
    const report = await runRetentionSweep(db, { now: NOW, customerIds: scope });
    expect(report.batches).toBe(0);
    expect(await removeUnreferencedFiles(db, [keys.own as string, keys.shared as string])).toEqual([]);
    expect(await documentStore().has(keys.shared as string)).toBe(true);
    // The queued job, run by a worker: nothing left to remove, the shared file still there.
    const worker = createWorker({
      db,
      handlers: { [RETENTION_FILES_JOB]: retentionFilesJob() },
      kinds: [RETENTION_FILES_JOB],
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    for (let i = 0; i < 5 && (await worker.runOnce()) > 0; i++);
    await worker.stop();
    const job = await db
      .selectFrom('jobs')
      .select('status')
      .where('kind', '=', RETENTION_FILES_JOB)
      .where('payload', '@>', JSON.stringify({ keys: [keys.own] }) as never)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
    expect(await documentStore().has(keys.shared as string)).toBe(true);
    // An erasure request after the sweep finds the identity already erased.
    const erasure = await eraseCustomer({
      db,
      actor,
      customerId: gone.customer.id,
      reason: 'request',
    });
    expect(erasure.alreadyErased).toBe(true);
  });

  it('once the hold ends, the held customer’s old claim goes too, keeping the younger one', async () => {
    await db
      .updateTable('claims')
      .set({ status: 'closed', status_changed_at: ago(1) })
      .where('id', '=', heldOpenClaim)
      .execute();
    const report = await runRetentionSweep(db, { now: NOW, customerIds: [held.customer.id] });
    expect(report.counts).toMatchObject({ claim_file: 1, identity: 0 });
    expect(report.files).toBe(1);
    expect(await documentStore().has(keys.heldDoc as string)).toBe(false);
    // The policy is named by the younger claim: it stays.
    expect(
      await db.selectFrom('claims').select('id').where('customer_id', '=', held.customer.id).execute(),
    ).toEqual([{ id: heldOpenClaim }]);
    expect(await verifyAllAuditChains(db, { chains: [held.customer.id] })).toMatchObject({ intact: true });
  });
});

async function webhookDelivery(
  db: Kysely<DB>,
  customerId: string,
  at: Date,
  status: 'delivered' | 'pending',
) {
  const subscriptionId = newId();
  await db
    .insertInto('webhook_subscriptions')
    .values({
      id: subscriptionId,
      url: 'https://example.invalid/hook',
      events: ['claim.registered'],
      secret: randomBytes(16).toString('hex'),
    } as never)
    .execute();
  const id = newId();
  await db
    .insertInto('webhook_deliveries')
    .values({
      id,
      subscription_id: subscriptionId,
      event_id: newId(),
      event_kind: 'claim.registered',
      customer_id: customerId,
      payload: JSON.stringify({ claimId: newId() }),
      status,
      attempts: 1,
      attempt_limit: 5,
      created_at: at,
      updated_at: at,
      delivered_at: status === 'delivered' ? at : null,
    } as never)
    .execute();
  await db
    .insertInto('webhook_delivery_attempts')
    .values({
      id: newId(),
      delivery_id: id,
      attempt: 1,
      started_at: at,
      duration_ms: 12,
      outcome: status === 'delivered' ? 'delivered' : 'failed',
    } as never)
    .execute();
  return id;
}

describe('retention sweep: letters and webhook deliveries by their own age', () => {
  it('deletes an old letter about a service case (and its file) and an old webhook delivery; keeps a pending one', async () => {
    const { db } = await testDatabase();
    const { customer } = await customerWithPolicy();
    const caseLetter = await letterAbout(
      db,
      customer.id,
      newId(),
      pdf(`case-${randomBytes(8).toString('hex')}`),
      {
        entityType: 'service_case',
        createdAt: ago(10.2),
      },
    );
    const youngLetter = await letterAbout(
      db,
      customer.id,
      newId(),
      pdf(`young-${randomBytes(8).toString('hex')}`),
      {
        entityType: 'service_case',
        createdAt: ago(9),
      },
    );
    const oldHook = await webhookDelivery(db, customer.id, ago(2.5), 'delivered');
    const pendingHook = await webhookDelivery(db, customer.id, ago(2.5), 'pending');
    const youngHook = await webhookDelivery(db, customer.id, ago(1), 'delivered');
    const report = await runRetentionSweep(db, { now: NOW, customerIds: [customer.id] });
    expect(report.counts).toMatchObject({ letter: 1, webhook_delivery: 1, notification: 0 });
    expect(report.rows).toMatchObject({
      webhook_delivery_attempts: 1,
      webhook_deliveries: 1,
      deliveries: 1,
      documents: 1,
    });
    expect(await documentStore().has(caseLetter.doc.storage_key as string)).toBe(false);
    expect(await documentStore().has(youngLetter.doc.storage_key as string)).toBe(true);
    const hooks = await db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('id', 'in', [oldHook, pendingHook, youngHook])
      .orderBy('id')
      .execute();
    expect(hooks.map((h) => h.id)).toEqual([pendingHook, youngHook].sort());
    expect(await verifyAllAuditChains(db, { chains: [customer.id] })).toMatchObject({ intact: true });
  });
});

// The command as a child process on its own database and documents directory, then
// `claimdesk audit verify`. On PostgreSQL only, like the sweep's other CLI test (each child boots
// the database again; on PGlite that is too slow for a test).
describe.runIf(process.env.DATABASE_URL)(
  'claimdesk retention sweep of the claim file (CLI)',
  { timeout: 60_000 },
  () => {
    let scratch: ScratchDatabase | undefined;
    let dir: string | undefined;
    let previous: DocumentStore | undefined;
    afterAll(async () => {
      if (previous) setDocumentStore(previous);
      await scratch?.drop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('deletes the claim file and its files, pseudonymises, and the audit trail verifies', async () => {
      scratch = await scratchDatabase();
      dir = await mkdtemp(path.join(os.tmpdir(), 'claimdesk-retention-docs-'));
      previous = documentStore();
      setDocumentStore(new LocalDiskStore(dir));
      const database = await scratch.open();
      let key: string;
      let customerId: string;
      try {
        await migrate(database);
        const store = database.db;
        const owner = await customerWithPolicyOn(store);
        const c = await closedClaim(store, { finishedYearsAgo: 10.5, owner });
        customerId = c.customer.id;
        key = (await attach(store, c.customer.id, c.claim.id, pdf(`cli-${randomBytes(8).toString('hex')}`)))
          .storage_key as string;
      } finally {
        await database.close();
      }
      expect(await documentStore().has(key)).toBe(true);
      const env = { ...scratch.env, CLAIMDESK_DOCUMENTS_DIR: dir };
      const swept = await runCli(['retention', 'sweep', '--json'], env);
      expect(swept.code, swept.stderr).toBe(0);
      expect(JSON.parse(swept.stdout)).toMatchObject({
        dryRun: false,
        counts: { claim_file: 1, policy: 1, identity: 1 },
        rows: { claims: 1, documents: 1 },
        files: 1,
      });
      expect(await documentStore().has(key)).toBe(false);
      const verified = await runCli(['audit', 'verify'], env);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect(verified.stdout).toContain('audit trail intact');
      const check = await scratch.open();
      try {
        const row = await check.db
          .selectFrom('customers')
          .select(['given_name', 'erased_at'])
          .where('id', '=', customerId)
          .executeTakeFirstOrThrow();
        expect(row.given_name).toBe('ERASED');
        expect(await check.db.selectFrom('claims').select('id').execute()).toEqual([]);
      } finally {
        await check.close();
      }
    });
  },
);
