import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCustomer } from '../../../test/support/factories.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { verifyAllAuditChains } from '../audit/index.ts';
import { documentStore } from '../documents/index.ts';
import { countDueForRetention, runRetentionSweep, sweepRetentionBatch } from './retention-sweep.ts';
import { ago, NOW, storePdf } from './retention-test-fixtures.ts';

// Documents of a service case or referral, and mail not on a claim (received on a case, or never
// matched), swept (decision 0015): a case takes its documents and the mail received on it; mail on
// no claim or case goes by the service rule from when it was dealt with; a case's document left
// behind by an earlier sweep goes by its own age. Files leave the disk only when no row references
// them. A customer whose every record went, case documents and mail included, is pseudonymised.
// Back-dated rows; every sweep limited to this file's customers (the database is shared).

const seed = randomBytes(8).toString('hex');
const pdf = (s: string) =>
  new TextEncoder().encode(`%PDF-1.4\n% ${seed} ${s}\n1 0 obj\n<<>>\nendobj\n%%EOF\n`);

type Entity = 'service_case' | 'referral' | 'inbound_message' | 'scan';

async function doc(db: Kysely<DB>, customerId: string | null, on: Entity, id: string, bytes: string) {
  const stored = await storePdf(db, {
    customerId,
    entityType: on,
    entityId: id,
    filename: 'attachment.pdf',
    content: pdf(bytes),
    source: 'email',
  });
  return { id: stored.id, key: stored.storage_key as string };
}

async function serviceCase(db: Kysely<DB>, customerId: string, closedAt: Date | null) {
  const id = newId();
  await db
    .insertInto('service_cases')
    .values({
      id,
      case_number: `CASE-RM-${randomBytes(5).toString('hex')}`,
      customer_id: customerId,
      kind: 'general_inquiry',
      category: 'general_inquiry',
      status: closedAt ? 'closed' : 'open',
      subject: 'Question',
      description: 'About my policy',
      channel: 'email',
      language: 'sv',
      closed_at: closedAt,
      resolved_at: closedAt,
      status_changed_at: closedAt ?? NOW,
      created_at: closedAt ?? NOW,
    })
    .execute();
  return id;
}

async function message(
  db: Kysely<DB>,
  o: {
    customerId: string | null;
    caseId?: string;
    status: 'matched' | 'triage' | 'rejected';
    at: Date;
  },
) {
  const id = newId();
  await db
    .insertInto('inbound_messages')
    .values({
      id,
      channel: 'email',
      message_id: `<${id}@example.invalid>`,
      customer_id: o.customerId,
      case_id: o.caseId ?? null,
      match_rule: o.customerId ? 'sender_address' : null,
      status: o.status,
      from_address: 'anna@example.invalid',
      subject: 'Min adress är Storgatan 1',
      body_text: 'Hej',
      received_at: o.at,
      triaged_at: o.status === 'triage' ? null : o.at,
    })
    .execute();
  return id;
}

/** A scanned letter read into `messageId`, its image still on the scan. */
async function scan(db: Kysely<DB>, customerId: string, messageId: string) {
  const scanId = newId();
  const image = await doc(db, customerId, 'scan', scanId, `scan-${scanId}`);
  await db
    .insertInto('scans')
    .values({
      id: scanId,
      document_id: image.id,
      inbound_message_id: messageId,
      status: 'recognised',
      customer_id: customerId,
    })
    .execute();
  return { scanId, ...image };
}

async function referral(db: Kysely<DB>, caseId: string, customerId: string, userId: string) {
  const id = newId();
  await db
    .insertInto('referrals')
    .values({
      id,
      referral_number: `RFR-RM-${randomBytes(5).toString('hex')}`,
      case_id: caseId,
      customer_id: customerId,
      department: DEPARTMENT,
      question: 'Can you check?',
      urgency: 'standard',
      status: 'answered',
      referred_by: userId,
    })
    .execute();
  return id;
}

const DEPARTMENT = `rt_${seed.slice(0, 10)}`;

async function count(db: Kysely<DB>, table: 'documents' | 'inbound_messages' | 'scans', ids: string[]) {
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return rows.length;
}

describe('retention sweep: case documents and mail not on a claim', { timeout: 60_000 }, () => {
  let db: Kysely<DB>;
  let free: string; // Swedish, nothing open, younger records left: not pseudonymised
  let alone: string; // only old records, case documents and mail among them: pseudonymised
  let held: string; // an open case: legal hold
  let stranger: string; // an unmatched message with no customer (spam), received 3 years ago
  const r: Record<string, string> = {};
  const f: Record<string, { id: string; key: string }> = {};
  let scanId: string;

  beforeAll(async () => {
    db = (await testDatabase()).db;
    free = (await makeCustomer(db)).id;
    alone = (await makeCustomer(db)).id;
    held = (await makeCustomer(db)).id;
    const userId = newId();
    await db
      .insertInto('users')
      .values({
        id: userId,
        email: `rt-${seed}@example.invalid`,
        display_name: 'Retention test',
        password_hash: 'x',
        role: 'representative',
      })
      .execute();
    await db
      .insertInto('departments')
      .values({ code: DEPARTMENT, name: JSON.stringify({ sv: 'Test', it: 'Test', en: 'Test' }) as never })
      .execute();

    // free: an old case with a document, a referral with one, mail on it (an attachment, a scan).
    r.oldCase = await serviceCase(db, free, ago(3));
    f.caseDoc = await doc(db, free, 'service_case', r.oldCase, 'case');
    f.shared = await doc(db, free, 'service_case', r.oldCase, 'shared');
    r.referral = await referral(db, r.oldCase, free, userId);
    f.referralDoc = await doc(db, free, 'referral', r.referral, 'referral');
    r.caseMail = await message(db, { customerId: free, caseId: r.oldCase, status: 'matched', at: ago(3.5) });
    f.caseMailDoc = await doc(db, free, 'inbound_message', r.caseMail, 'case-mail');
    const scanned = await scan(db, free, r.caseMail);
    f.scan = scanned;
    scanId = scanned.scanId;
    // A young case: kept, and its copy of the shared bytes keeps the file.
    r.youngCase = await serviceCase(db, free, ago(1));
    f.youngDoc = await doc(db, free, 'service_case', r.youngCase, 'shared');
    // Mail on no claim or case: old (goes), young (kept), old but still in triage (kept).
    r.oldMail = await message(db, { customerId: free, status: 'matched', at: ago(2.5) });
    f.oldMailDoc = await doc(db, free, 'inbound_message', r.oldMail, 'old-mail');
    r.youngMail = await message(db, { customerId: free, status: 'matched', at: ago(1.5) });
    r.triageMail = await message(db, { customerId: free, status: 'triage', at: ago(3) });
    // A document of a case an earlier sweep took without it (the case id names nothing now).
    f.orphan = await doc(db, free, 'service_case', newId(), 'orphan');
    await db
      .updateTable('documents')
      .set({ created_at: ago(4) })
      .where('id', '=', f.orphan.id)
      .execute();

    // alone: an old case with a document and an old message: everything goes, then the identity.
    r.aloneCase = await serviceCase(db, alone, ago(2.5));
    f.aloneDoc = await doc(db, alone, 'service_case', r.aloneCase, 'alone');
    r.aloneMail = await message(db, { customerId: alone, status: 'matched', at: ago(2.2) });

    // held: an open case keeps everything, old mail and case documents too.
    await serviceCase(db, held, null);
    r.heldCase = await serviceCase(db, held, ago(5));
    f.heldDoc = await doc(db, held, 'service_case', r.heldCase, 'held');
    r.heldMail = await message(db, { customerId: held, status: 'matched', at: ago(5) });

    stranger = await message(db, { customerId: null, status: 'rejected', at: ago(3) });
    f.strangerDoc = await doc(db, null, 'inbound_message', stranger, 'spam');
  });

  const scope = () => ({ now: NOW, customerIds: [free, alone, held] });

  it('a dry run counts the case documents and mail due, without a stranger’s unless named', async () => {
    const due = await countDueForRetention(db, scope());
    expect(due).toMatchObject({ service_case: 2, case_document: 1, inbound_message: 2, identity: 0 });
    const named = await countDueForRetention(db, { ...scope(), unownedIds: [stranger] });
    expect(named.inbound_message).toBe(3);
  });

  it('a batch that fails leaves every row, file and event where it was', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        const batch = await sweepRetentionBatch(trx, scope());
        expect(batch.counts.service_case).toBe(2);
        expect(batch.fileKeys).toContain(f.caseDoc?.key);
        throw new Error('crash after the batch, before its commit');
      }),
    ).rejects.toThrow('crash');
    expect(await count(db, 'documents', [f.caseDoc?.id as string, f.orphan?.id as string])).toBe(2);
    expect(await count(db, 'inbound_messages', [r.caseMail as string, r.oldMail as string])).toBe(2);
    expect(await documentStore().has(f.caseDoc?.key as string)).toBe(true);
    const events = await db
      .selectFrom('audit_events')
      .select('id')
      .where('customer_id', 'in', [free, alone, held])
      .where('action', 'like', 'retention.%')
      .execute();
    expect(events).toEqual([]);
  });

  it('sweeps the cases with their documents and mail, unmatched mail and left-behind documents', async () => {
    const report = await runRetentionSweep(db, { ...scope(), limit: 3 });
    expect(report.counts).toMatchObject({
      service_case: 2,
      case_document: 1,
      inbound_message: 2,
      identity: 1,
    });
    expect(report.rows).toMatchObject({
      service_cases: 2,
      referrals: 1,
      inbound_messages: 3, // the case's mail, free's and alone's unmatched mail
      scans: 1,
      // case, shared, referral, case mail, scan image, old mail, orphan, alone's case document
      documents: 8,
    });
    // Every file of those rows gone but the shared one, which the young case still references.
    expect(report.files).toBe(7);
    for (const k of ['caseDoc', 'referralDoc', 'caseMailDoc', 'scan', 'oldMailDoc', 'orphan', 'aloneDoc'])
      expect(await documentStore().has(f[k]?.key as string), k).toBe(false);
    for (const k of ['shared', 'youngDoc', 'heldDoc', 'strangerDoc'])
      expect(await documentStore().has(f[k]?.key as string), k).toBe(true);
    expect(await count(db, 'documents', [f.youngDoc?.id as string, f.heldDoc?.id as string])).toBe(2);
    expect(await count(db, 'scans', [scanId])).toBe(0);
    expect(
      await count(db, 'inbound_messages', [r.caseMail as string, r.oldMail as string, r.aloneMail as string]),
    ).toBe(0);
    // Kept: young mail, mail waiting in triage, the held customer's, the stranger's (not named).
    expect(
      await count(db, 'inbound_messages', [
        r.youngMail as string,
        r.triageMail as string,
        r.heldMail as string,
        stranger,
      ]),
    ).toBe(4);

    // Nothing of `alone` left: pseudonymised; `free` keeps a young case and mail.
    const customers = await db
      .selectFrom('customers')
      .select(['id', 'given_name', 'erased_at'])
      .where('id', 'in', [free, alone, held])
      .execute();
    const byId = new Map(customers.map((c) => [c.id, c]));
    expect(byId.get(alone)).toMatchObject({ given_name: 'ERASED' });
    expect(byId.get(free)?.erased_at).toBeNull();
    expect(byId.get(held)?.erased_at).toBeNull();

    const events = await db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'data'])
      .where('customer_id', 'in', [free, alone, held])
      .where('action', 'like', 'retention.%')
      .execute();
    expect(events.map((e) => [e.action, e.entity_id]).sort()).toEqual(
      [
        ['retention.service_case_deleted', r.oldCase],
        ['retention.service_case_deleted', r.aloneCase],
        ['retention.case_document_deleted', f.orphan?.id],
        ['retention.inbound_message_deleted', r.oldMail],
        ['retention.inbound_message_deleted', r.aloneMail],
        ['retention.identity_pseudonymised', alone],
      ].sort(),
    );
    expect(JSON.stringify(events)).not.toMatch(/Storgatan|anna@/);
    expect(await verifyAllAuditChains(db, { chains: [free, alone, held] })).toMatchObject({
      intact: true,
      brokenChains: 0,
    });
  });

  it('a message with no customer goes when named, on the system chain, and a rerun finds nothing', async () => {
    const report = await runRetentionSweep(db, { ...scope(), unownedIds: [stranger] });
    expect(report.counts).toMatchObject({ inbound_message: 1, service_case: 0, identity: 0 });
    expect(report.files).toBe(1);
    expect(await documentStore().has(f.strangerDoc?.key as string)).toBe(false);
    const event = await db
      .selectFrom('audit_events')
      .select(['chain', 'data'])
      .where('entity_id', '=', stranger)
      .where('action', '=', 'retention.inbound_message_deleted')
      .executeTakeFirstOrThrow();
    expect(event.chain).toBe('system');
    expect(event.data).toMatchObject({ rule: 'service', reference: 'email' });
    const due = await countDueForRetention(db, { ...scope(), unownedIds: [stranger] });
    expect(Object.values(due).every((n) => n === 0)).toBe(true);
    expect(await verifyAllAuditChains(db, { chains: ['system'] })).toMatchObject({ intact: true });
  });
});
