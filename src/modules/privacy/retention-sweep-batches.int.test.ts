import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimBody, customerWithPolicy } from '../../../test/api/api-helpers.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { verifyAllAuditChains } from '../audit/index.ts';
import { registerClaim } from '../claims/index.ts';
import { documentStore } from '../documents/index.ts';
import { countDueForRetention, runRetentionSweep } from './retention-sweep.ts';
import {
  retentionActor as actor,
  ago,
  decisionWithAccount,
  insertPaymentBatch,
  insertSettledPayment,
  NOW,
  printedLetterRows,
  storePdf,
} from './retention-test-fixtures.ts';

// Print batches (one PDF with many customers' letters) and payment batches (the bank file names the
// creditors) have no customer: swept by age under the longest period of what they hold (10 years
// from printing; 10 years from execution, Italy's accounting period), and only once no kept letter
// or payment names them (decision 0015). Back-dated rows; the sweep is limited to this file's
// customer and, for records without a customer, to the ids named in `unownedIds`.

const seed = randomBytes(8).toString('hex');
const pdf = (s: string) =>
  new TextEncoder().encode(`%PDF-1.4\n% ${seed} ${s}\n1 0 obj\n<<>>\nendobj\n%%EOF\n`);

async function document(
  db: Kysely<DB>,
  o: { customerId: string | null; entityType: 'letter' | 'service_case'; entityId: string; bytes: string },
) {
  const { bytes, ...on } = o;
  const stored = await storePdf(db, {
    ...on,
    content: pdf(bytes),
    filename: 'batch.pdf',
    source: 'generated',
  });
  return { id: stored.id, key: stored.storage_key as string };
}

async function printBatch(db: Kysely<DB>, printed: Date, bytes: string) {
  const id = newId();
  const doc = await document(db, { customerId: null, entityType: 'letter', entityId: id, bytes });
  await db
    .insertInto('print_batches')
    .values({ id, letters: 1, document_id: doc.id, created_at: printed })
    .execute();
  return { id, docId: doc.id, key: doc.key };
}

/** A letter about a service case, made `at`, printed in `batchId`. */
async function printedLetter(db: Kysely<DB>, customerId: string, at: Date, batchId: string) {
  const { notificationId } = await printedLetterRows(db, {
    customerId,
    kind: 'case.answered',
    subject: 'Svar',
    entityType: 'service_case',
    entityId: newId(),
    at,
    delivery: { print_batch_id: batchId, created_at: at },
  });
  return notificationId;
}

async function paymentBatch(db: Kysely<DB>, released: Date | null) {
  return insertPaymentBatch(db, {
    numberPrefix: 'PBT-RT',
    executionDate: released ?? NOW,
    columns: {
      status: released ? 'released' : 'approved',
      released_at: released,
      file_xml: released ? '<Document><Cdtr><Nm>Anna Andersson</Nm></Cdtr></Document>' : null,
      created_at: released ?? NOW,
    },
  });
}

/** A closed claim (3 years ago: kept) with a decision its payments can name. */
async function claimWithDecision(db: Kysely<DB>) {
  const { customer, policy, version } = await customerWithPolicy();
  const { claim } = await registerClaim({ db, actor, input: claimBody(customer.id, policy.id) as never });
  await db
    .updateTable('claims')
    .set({ status: 'closed', status_changed_at: ago(3) })
    .where('id', '=', claim.id)
    .execute();
  const { decisionId, accountId } = await decisionWithAccount(db, {
    claimId: claim.id,
    customerId: customer.id,
    productVersionId: version.id,
  });
  return { customerId: customer.id, claimId: claim.id, decisionId, accountId };
}

async function settledPayment(
  db: Kysely<DB>,
  c: Awaited<ReturnType<typeof claimWithDecision>>,
  o: { instalment: number; settled: Date; batchId: string },
) {
  return insertSettledPayment(db, c, { ...o, principalMinor: 62_500 });
}

async function left(db: Kysely<DB>, table: 'print_batches' | 'payment_batches', ids: string[]) {
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id).sort();
}

describe('retention sweep: print batches and payment batches', { timeout: 60_000 }, () => {
  let db: Kysely<DB>;
  let owner: Awaited<ReturnType<typeof claimWithDecision>>;
  const p: Record<string, { id: string; docId: string; key: string }> = {};
  const b: Record<string, string> = {};
  let sharedCopy: { id: string; key: string };
  let duePayment: string;
  let keptPayment: string;
  let unowned: string[];

  beforeAll(async () => {
    db = (await testDatabase()).db;
    owner = await claimWithDecision(db);
    // Printed 10.5 years ago, no letter in it kept: goes (and its file).
    p.old = await printBatch(db, ago(10.5), 'old');
    // Printed 10.5 years ago; its only letter (10.2 years old, about a case) goes in the same run.
    p.withOldLetter = await printBatch(db, ago(10.5), 'with-old-letter');
    await printedLetter(db, owner.customerId, ago(10.2), p.withOldLetter.id);
    // Printed 10.5 years ago, but a letter in it is kept (9 years old): kept.
    p.withYoungLetter = await printBatch(db, ago(10.5), 'with-young-letter');
    await printedLetter(db, owner.customerId, ago(9), p.withYoungLetter.id);
    // Printed 9 years ago: within the claim-file period.
    p.young = await printBatch(db, ago(9), 'young');
    // Old, but its bytes are also a document of a record still kept: the row goes, the file stays.
    p.shared = await printBatch(db, ago(10.5), 'shared');
    sharedCopy = await document(db, {
      customerId: owner.customerId,
      entityType: 'service_case',
      entityId: newId(),
      bytes: 'shared',
    });

    b.old = await paymentBatch(db, ago(10.5)); // no payment left: goes
    b.withDuePayment = await paymentBatch(db, ago(10.5)); // its payment (settled 10.4 years ago) goes first
    duePayment = await settledPayment(db, owner, {
      instalment: 1,
      settled: ago(10.4),
      batchId: b.withDuePayment,
    });
    b.withKeptPayment = await paymentBatch(db, ago(10.5)); // a payment settled 3 years ago names it: kept
    keptPayment = await settledPayment(db, owner, {
      instalment: 2,
      settled: ago(3),
      batchId: b.withKeptPayment,
    });
    b.young = await paymentBatch(db, ago(8)); // past Sweden's 7 years, not Italy's 10: kept
    b.unreleased = await paymentBatch(db, null); // still being approved: kept
    await db
      .updateTable('payment_batches')
      .set({ created_at: ago(11) })
      .where('id', '=', b.unreleased)
      .execute();
    unowned = [...Object.values(p).map((x) => x.id), ...Object.values(b)];
  });

  const scope = () => ({ now: NOW, customerIds: [owner.customerId], unownedIds: unowned });

  it('a dry run counts the batches due now (not those waiting for their letter or payment)', async () => {
    const due = await countDueForRetention(db, scope());
    expect(due).toMatchObject({ print_batch: 2, payment_batch: 1, letter: 1, payment: 1 });
    // Not named: a run limited to customers takes no record without one.
    const unnamed = await countDueForRetention(db, { now: NOW, customerIds: [owner.customerId] });
    expect(unnamed).toMatchObject({ print_batch: 0, payment_batch: 0 });
  });

  it('deletes the old batches nothing kept names, after the letters and payments in them', async () => {
    const report = await runRetentionSweep(db, scope());
    expect(report.counts).toMatchObject({ letter: 1, payment: 1, print_batch: 3, payment_batch: 2 });
    expect(report.rows).toMatchObject({ print_batches: 3, payment_batches: 2, payment_orders: 1 });
    expect(
      await left(
        db,
        'print_batches',
        Object.values(p).map((x) => x.id),
      ),
    ).toEqual([p.withYoungLetter?.id, p.young?.id].sort());
    expect(await left(db, 'payment_batches', Object.values(b))).toEqual(
      [b.withKeptPayment, b.young, b.unreleased].sort(),
    );
    expect(
      await db
        .selectFrom('payment_orders')
        .select('id')
        .where('id', 'in', [duePayment, keptPayment])
        .execute(),
    ).toEqual([{ id: keptPayment }]);
    // The PDFs of the deleted batches leave the disk, except bytes a kept document still has.
    expect(await documentStore().has(p.old?.key as string)).toBe(false);
    expect(await documentStore().has(p.withOldLetter?.key as string)).toBe(false);
    expect(await documentStore().has(p.shared?.key as string)).toBe(true);
    expect(await documentStore().has(p.withYoungLetter?.key as string)).toBe(true);
    expect(
      await db.selectFrom('documents').select('id').where('id', '=', sharedCopy.id).execute(),
    ).toHaveLength(1);
    expect(
      await db
        .selectFrom('documents')
        .select('id')
        .where('id', 'in', [p.old?.docId, p.withOldLetter?.docId, p.shared?.docId] as string[])
        .execute(),
    ).toEqual([]);

    // One event per batch on the system chain, a non-personal reference, nothing of the bank file.
    const events = await db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'chain', 'data'])
      .where('entity_id', 'in', unowned)
      .where('action', 'like', 'retention.%')
      .execute();
    expect(events.map((e) => [e.action, e.entity_id]).sort()).toEqual(
      [
        ['retention.print_batch_deleted', p.old?.id],
        ['retention.print_batch_deleted', p.withOldLetter?.id],
        ['retention.print_batch_deleted', p.shared?.id],
        ['retention.payment_batch_deleted', b.old],
        ['retention.payment_batch_deleted', b.withDuePayment],
      ].sort(),
    );
    expect(events.every((e) => e.chain === 'system')).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/Anna|Storgatan|SE35/);
    expect(events.find((e) => e.entity_id === b.old)?.data).toMatchObject({ rule: 'payments' });
    expect(await verifyAllAuditChains(db, { chains: ['system', owner.customerId] })).toMatchObject({
      intact: true,
      brokenChains: 0,
    });
  });

  it('a rerun finds nothing; once the last payment goes, its batch goes too', async () => {
    const due = await countDueForRetention(db, scope());
    expect(Object.values(due).every((n) => n === 0)).toBe(true);
    await db.deleteFrom('payment_status_changes').where('payment_id', '=', keptPayment).execute();
    await db.deleteFrom('payment_orders').where('id', '=', keptPayment).execute();
    const report = await runRetentionSweep(db, scope());
    expect(report.counts).toMatchObject({ payment_batch: 1, print_batch: 0 });
    expect(await left(db, 'payment_batches', [b.withKeptPayment as string])).toEqual([]);
  });
});
