import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import type { InboundMessageRow } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { readDocumentBytes } from '../../src/modules/documents/index.ts';
import { type ReceivedEmail, type SmtpIntake, startSmtpIntake } from '../../src/modules/inbound/index.ts';
import { makeCustomer } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import {
  claimBody,
  customerWithPolicy,
  expectProblem,
  openServiceCase,
  setCaseStatus,
  uniqueSuffix,
} from './api-helpers.ts';

// Email in, end to end: a real SMTP client (nodemailer) sends real MIME messages to the intake
// server (smtp-server, started here on a free port) in front of the real database; then the rows,
// documents, work items and the triage API are checked. Every test uses its own addresses and
// Message-IDs, so the shared database's other rows never matter.

const MAX_BYTES = 2 * 1024 * 1024;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), randomBytes(200)]);

let app: FastifyInstance;
let rep: Session;
let intake: SmtpIntake;
let smtp: Transporter;
const received: ReceivedEmail[] = [];

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
  const { db } = await testDatabase();
  intake = await startSmtpIntake({
    db,
    host: '127.0.0.1',
    port: 0,
    maxBytes: MAX_BYTES,
    onReceived: (r) => received.push(r),
  });
  smtp = nodemailer.createTransport({ host: '127.0.0.1', port: intake.port, secure: false, ignoreTLS: true });
});

afterAll(async () => {
  smtp?.close();
  await intake?.close();
});

function address(tag: string): string {
  return `${tag}.${uniqueSuffix()}@example.net`;
}

function messageId(): string {
  return `<${newId()}@mail.example.net>`;
}

async function rowOf(id: string): Promise<InboundMessageRow | undefined> {
  const { db } = await testDatabase();
  return db.selectFrom('inbound_messages').selectAll().where('message_id', '=', id).executeTakeFirst();
}

async function documentsOf(entityType: 'inbound_message' | 'claim' | 'service_case', entityId: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('documents')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .execute();
}

async function registeredClaim() {
  const ctx = await customerWithPolicy();
  const res = await app.inject({
    method: 'POST',
    url: '/claims',
    headers: rep.headers,
    payload: claimBody(ctx.customer.id, ctx.policy.id),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...ctx, claim: res.json() as { id: string; claimNumber: string; version: number } };
}

async function send(mail: SendMailOptions) {
  return smtp.sendMail({ to: 'claims@claimdesk.example', ...mail });
}

describe('SMTP intake: threading', () => {
  it('a reply with the claim number in the subject threads onto the claim, with its PDF', async () => {
    const { claim } = await registeredClaim();
    const id = messageId();
    const info = await send({
      from: address('reply'),
      subject: `Re: Din skadeanmälan ${claim.claimNumber}`,
      text: 'Hej! Här kommer kvittot.',
      messageId: id,
      attachments: [{ filename: 'kvitto.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    expect(info.response).toMatch(/^250 /);
    const row = await rowOf(id);
    expect(row).toMatchObject({
      status: 'matched',
      match_rule: 'reference_in_subject',
      claim_id: claim.id,
      subject: `Re: Din skadeanmälan ${claim.claimNumber}`,
    });
    const onClaim = await documentsOf('claim', claim.id);
    expect(onClaim.map((d) => [d.filename, d.media_type, d.source])).toEqual([
      ['kvitto.pdf', 'application/pdf', 'email'],
    ]);
    const { db } = await testDatabase();
    const [stored] = onClaim;
    if (!stored) throw new Error('no document on the claim');
    expect(Buffer.from(await readDocumentBytes(db, stored))).toEqual(PDF);
    expect(await documentsOf('inbound_message', row?.id ?? '')).toHaveLength(1);
  });

  it('an email on a claim waiting for information does not answer the request: the owner is told', async () => {
    const { claim } = await registeredClaim();
    const { db } = await testDatabase();
    const asked = await app.inject({
      method: 'POST',
      url: `/claims/${claim.claimNumber}/information-requests`,
      headers: rep.headers,
      payload: { version: claim.version, items: [{ kind: 'document', document: 'receipt' }] },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const request = await db
      .selectFrom('information_requests')
      .select('id')
      .where('claim_id', '=', claim.id)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const owned = await db
      .updateTable('work_items')
      .set({ owner_id: rep.userId })
      .where('kind', '=', 'claim')
      .where('subject_id', '=', claim.id)
      .executeTakeFirst();
    expect(Number(owned.numUpdatedRows)).toBe(1);
    const id = messageId();
    await send({
      from: address('answer'),
      subject: `Kvitto till ${claim.claimNumber}`,
      text: 'Här är kvittot ni bad om.',
      messageId: id,
      attachments: [{ filename: 'kvitto.pdf', content: PDF }],
    });
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'matched', claim_id: claim.id });
    const after = await db
      .selectFrom('information_requests')
      .select('status')
      .where('id', '=', request.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('open');
    const notices = await db
      .selectFrom('notifications')
      .select(['kind', 'subject'])
      .where('user_id', '=', rep.userId)
      .where('entity_id', '=', row?.id ?? '')
      .execute();
    expect(notices).toEqual([
      { kind: 'inbound.claim_email_request_open', subject: expect.stringContaining(claim.claimNumber) },
    ]);
  });

  it('a reply with In-Reply-To one of our Message-IDs threads onto that claim', async () => {
    const { claim, customer } = await registeredClaim();
    const { db } = await testDatabase();
    const notificationId = newId();
    const ours = `<${newId()}@claimdesk.example>`;
    await db
      .insertInto('notifications')
      .values({
        id: notificationId,
        audience: 'customer',
        customer_id: customer.id,
        channel: 'email',
        kind: 'claim.decided',
        language: 'sv',
        subject: `Beslut om ${claim.claimNumber}`,
        body: 'Beslut',
        entity_type: 'claim',
        entity_id: claim.id,
        dedupe_key: `inbound-test:${notificationId}`,
      })
      .execute();
    await db
      .insertInto('deliveries')
      .values({
        id: newId(),
        notification_id: notificationId,
        customer_id: customer.id,
        channel: 'email',
        template: 'decision',
        language: 'sv',
        recipient: JSON.stringify({ email: customer.email }),
        subject: `Beslut om ${claim.claimNumber}`,
        status: 'sent',
        smtp_message_id: ours,
      })
      .execute();
    const id = messageId();
    await send({
      from: address('threaded'),
      subject: 'Re: ditt beslut',
      text: 'Jag förstår inte beslutet.',
      messageId: id,
      inReplyTo: ours,
      references: [ours],
    });
    expect(await rowOf(id)).toMatchObject({
      status: 'matched',
      match_rule: 'in_reply_to',
      claim_id: claim.id,
      customer_id: customer.id,
      in_reply_to: ours,
    });
  });

  it('a customer’s email on a case awaiting them becomes their message and puts the case back in progress', async () => {
    const { db } = await testDatabase();
    const customer = await makeCustomer(db);
    const c = await openServiceCase(rep, {
      customerId: customer.id,
      subject: 'Fråga om skydd',
      description: 'Gäller min reseförsäkring skidåkning?',
    });
    await setCaseStatus(rep, c.caseNumber, {
      to: 'awaiting_customer',
      reason: 'Asked for the ski pass receipt.',
      version: c.version,
    });
    const id = messageId();
    await send({
      from: address('case'),
      subject: `Svar: ${c.caseNumber}`,
      text: 'Här är kvittot för liftkortet.',
      messageId: id,
      attachments: [{ filename: 'liftkort.pdf', content: PDF }],
    });
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'matched', case_id: c.id, customer_id: customer.id });
    const after = await db
      .selectFrom('service_cases')
      .select('status')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('in_progress');
    const messages = await db
      .selectFrom('case_messages')
      .selectAll()
      .where('case_id', '=', c.id)
      .where('author_kind', '=', 'customer')
      .execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.body).toContain('liftkortet');
    const caseDocs = await documentsOf('service_case', c.id);
    expect(messages[0]?.document_ids).toEqual(caseDocs.map((d) => d.id));
    expect(caseDocs).toHaveLength(1);
  });

  it('decodes Swedish and Italian subjects (RFC 2047) and keeps their PDFs', async () => {
    const sv = messageId();
    const it = messageId();
    await send({
      from: address('sv'),
      subject: 'Skadeanmälan: väska försvann på Arlanda – bifogar kvitto för åtgärd',
      text: 'Hej, min väska försvann. Med vänliga hälsningar',
      messageId: sv,
      attachments: [{ filename: 'kvitto-åäö.pdf', content: PDF }],
    });
    await send({
      from: address('it'),
      subject: 'Richiesta di rimborso: è arrivata la fattura dell’ospedale',
      text: 'Buongiorno, allego la fattura per il rimborso. Cordiali saluti',
      messageId: it,
      attachments: [{ filename: 'fattura.pdf', content: PDF }],
    });
    const svRow = await rowOf(sv);
    const itRow = await rowOf(it);
    expect(svRow?.subject).toBe('Skadeanmälan: väska försvann på Arlanda – bifogar kvitto för åtgärd');
    expect(itRow?.subject).toBe('Richiesta di rimborso: è arrivata la fattura dell’ospedale');
    expect([svRow?.language, itRow?.language]).toEqual(['sv', 'it']);
    const svDocs = await documentsOf('inbound_message', svRow?.id ?? '');
    expect(svDocs.map((d) => [d.filename, d.media_type])).toEqual([['kvitto-åäö.pdf', 'application/pdf']]);
    expect(await documentsOf('inbound_message', itRow?.id ?? '')).toHaveLength(1);
  });
});

describe('SMTP intake: bad input', () => {
  it('the same message delivered twice is one row (and both deliveries get 250)', async () => {
    const id = messageId();
    const mail = { from: address('twice'), subject: 'Twice', text: 'Same message', messageId: id };
    const first = await send(mail);
    const second = await send(mail);
    expect(first.response).toMatch(/^250 /);
    expect(second.response).toMatch(/^250 .*already received/);
    const { db } = await testDatabase();
    const rows = await db.selectFrom('inbound_messages').select('id').where('message_id', '=', id).execute();
    expect(rows).toHaveLength(1);
  });

  it('a message without Message-ID gets one from its bytes: the same bytes twice are one row', async () => {
    const from = address('noid');
    const raw = `From: ${from}\r\nTo: claims@claimdesk.example\r\nSubject: No id\r\n\r\nHello\r\n`;
    await send({ envelope: { from, to: ['claims@claimdesk.example'] }, raw });
    await send({ envelope: { from, to: ['claims@claimdesk.example'] }, raw });
    const { db } = await testDatabase();
    const rows = await db
      .selectFrom('inbound_messages')
      .selectAll()
      .where('from_address', '=', from)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.message_id).toMatch(/^<[0-9a-f]{64}@sha256\.claimdesk\.invalid>$/);
  });

  it('an .exe renamed .pdf is not stored; it is listed as rejected on the kept message', async () => {
    const id = messageId();
    await send({
      from: address('exe'),
      subject: 'Invoice',
      text: 'See attached.',
      messageId: id,
      attachments: [
        { filename: 'invoice.pdf', content: EXE, contentType: 'application/pdf' },
        { filename: 'kvitto.pdf', content: PDF },
      ],
    });
    const row = await rowOf(id);
    expect(row?.status).toBe('triage');
    const docs = await documentsOf('inbound_message', row?.id ?? '');
    expect(docs.map((d) => d.filename)).toEqual(['kvitto.pdf']);
    const rejected = (row?.extracted as { rejectedAttachments?: unknown[] } | undefined)?.rejectedAttachments;
    expect(rejected).toEqual([
      expect.objectContaining({ filename: 'invoice.pdf', reason: 'type_not_allowed', sizeBytes: EXE.length }),
    ]);
    const view = await app.inject({
      method: 'GET',
      url: `/inbound-messages/${row?.id}`,
      headers: rep.headers,
    });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      rejectedAttachments: [{ filename: 'invoice.pdf', reason: 'type_not_allowed' }],
      documents: [{ filename: 'kvitto.pdf', mediaType: 'application/pdf' }],
    });
  });

  it('a message over the size limit is refused with 552 and nothing is stored', async () => {
    const id = messageId();
    const big = randomBytes(MAX_BYTES + 1024);
    const err = await send({
      from: address('big'),
      subject: 'Big',
      text: 'Large scan attached',
      messageId: id,
      attachments: [{ filename: 'scan.pdf', content: big }],
    }).then(
      () => null,
      (e: { responseCode?: number }) => e,
    );
    expect(err?.responseCode).toBe(552);
    expect(await rowOf(id)).toBeUndefined();
  });

  it('a failure before the commit answers 451, so the sender keeps the message and retries', async () => {
    // A real database the intake cannot write to: an empty one, never migrated.
    const empty = await openDatabase({ dataDir: 'memory://' });
    const broken = await startSmtpIntake({ db: empty.db, host: '127.0.0.1', port: 0, maxBytes: MAX_BYTES });
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: broken.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      const id = messageId();
      const err = await client
        .sendMail({
          from: address('retry'),
          to: 'claims@claimdesk.example',
          subject: 'Retry',
          text: 'x',
          messageId: id,
        })
        .then(
          () => null,
          (e: { responseCode?: number }) => e,
        );
      expect(err?.responseCode).toBe(451);
      // The retry, once the intake works again, is stored (once).
      await send({ from: address('retry'), subject: 'Retry', text: 'x', messageId: id });
      expect((await rowOf(id))?.status).toBe('triage');
    } finally {
      client.close();
      await broken.close();
      await empty.close();
    }
  });

  it('malformed MIME is kept as rejected with the reason, its size and its first KB', async () => {
    const from = address('broken');
    const id = messageId();
    const raw =
      `From: ${from}\r\nTo: claims@claimdesk.example\r\nSubject: Broken\r\nMessage-ID: ${id}\r\n` +
      'Content-Type: multipart/mixed\r\n\r\n--nowhere\r\nContent-Type: text/plain\r\n\r\nHello\r\n--nowhere--\r\n';
    const info = await send({ envelope: { from, to: ['claims@claimdesk.example'] }, raw });
    expect(info.response).toMatch(/^250 /);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'rejected', from_address: from, subject: 'Broken' });
    expect(row?.rejection_reason).toMatch(/boundary/);
    expect(row?.size_bytes).toBeGreaterThanOrEqual(raw.length - 2);
    expect(row?.body_text).toContain('Subject: Broken');
  });
});

describe('triage', () => {
  it('an unknown sender with no numbers becomes a triage item, listed in the triage queue', async () => {
    const id = messageId();
    await send({
      from: address('stranger'),
      subject: 'Hello',
      text: 'I would like some information.',
      messageId: id,
    });
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'triage', customer_id: null, match_rule: null });
    const { db } = await testDatabase();
    const item = await db
      .selectFrom('work_items')
      .selectAll()
      .where('kind', '=', 'triage')
      .where('subject_id', '=', row?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ open: true, customer_id: null, owner_id: null, subject_status: 'triage' });
    // The queue, oldest first: walk it until this message shows up.
    let cursor: string | null = null;
    let found = false;
    do {
      const res = await app.inject({
        method: 'GET',
        url: `/inbound-messages?status=triage&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        headers: rep.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as { items: { id: string }[]; nextCursor: string | null };
      found ||= page.items.some((m) => m.id === row?.id);
      cursor = page.nextCursor;
    } while (cursor && !found);
    expect(found).toBe(true);
  });

  it('a reply about a claim number we do not have goes to triage, with the number it named', async () => {
    const id = messageId();
    await send({
      from: address('unknown-claim'),
      subject: 'Re: CLM-2019-999999 where is my money',
      text: 'Please answer about claim CLM-2019-999999.',
      messageId: id,
    });
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: 'triage', claim_id: null, case_id: null, match_rule: null });
    expect(JSON.stringify(row?.extracted)).toContain('CLM-2019-999999');
  });

  it('an Italian email from nobody we know goes to an Italian team’s triage queue, unowned', async () => {
    const { db } = await testDatabase();
    const code = `it-triage-${uniqueSuffix()}`;
    await db
      .insertInto('teams')
      .values({ code, name: 'Triage IT', department: null, country: 'IT' })
      .execute();
    const id = messageId();
    await send({
      from: address('italiano'),
      subject: 'Informazioni',
      text: 'Buongiorno, vorrei sapere lo stato della mia pratica. Grazie e cordiali saluti',
      messageId: id,
    });
    const row = await rowOf(id);
    const item = await db
      .selectFrom('work_items')
      .innerJoin('teams', 'teams.code', 'work_items.team')
      .select(['teams.code', 'teams.country', 'work_items.language', 'work_items.owner_id'])
      .where('work_items.kind', '=', 'triage')
      .where('work_items.subject_id', '=', row?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({ country: 'IT', language: 'it', owner_id: null });
    // It shows in that team's unassigned queue, with no customer yet.
    let cursor: string | null = null;
    let queued: { kind: string; subjectId: string; customerId: string | null } | undefined;
    do {
      const res = await app.inject({
        method: 'GET',
        url: `/queues/unassigned?team=${item.code}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        headers: rep.headers,
      });
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as {
        items: { kind: string; subjectId: string; customerId: string | null }[];
        nextCursor: string | null;
      };
      queued = page.items.find((q) => q.subjectId === row?.id);
      cursor = page.nextCursor;
    } while (cursor && !queued);
    expect(queued).toMatchObject({ kind: 'triage', customerId: null });
  });

  it('the sender’s address names the customer when exactly one customer has it', async () => {
    const { db } = await testDatabase();
    const email = address('known');
    const customer = await makeCustomer(db, { email });
    const id = messageId();
    await send({
      from: email.toUpperCase(),
      subject: 'Fråga',
      text: 'Hej, jag har en fråga.',
      messageId: id,
    });
    const row = await rowOf(id);
    // Known customer, but about what is for a person to decide: triage, with the customer set.
    expect(row).toMatchObject({ status: 'triage', customer_id: customer.id, match_rule: 'sender_address' });
    const item = await db
      .selectFrom('work_items')
      .select('customer_id')
      .where('kind', '=', 'triage')
      .where('subject_id', '=', row?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(item.customer_id).toBe(customer.id);
  });

  it('assign links a triage message to a claim: documents copied, triage item closed, once', async () => {
    const { claim, customer } = await registeredClaim();
    const id = messageId();
    await send({
      from: address('assign'),
      subject: 'Receipt',
      text: 'My receipt',
      messageId: id,
      attachments: [{ filename: 'receipt.pdf', content: PDF }],
    });
    const row = await rowOf(id);
    expect(row?.status).toBe('triage');
    const url = `/inbound-messages/${row?.id}/assign`;
    const stale = await app.inject({
      method: 'POST',
      url,
      headers: rep.headers,
      payload: { customerId: customer.id, claimId: claim.id, version: 99 },
    });
    expectProblem(stale, 409, 'version_conflict');
    const other = await customerWithPolicy();
    const wrong = await app.inject({
      method: 'POST',
      url,
      headers: rep.headers,
      payload: { customerId: other.customer.id, claimId: claim.id, version: row?.version },
    });
    expectProblem(wrong, 422, 'inbound_link_invalid');
    const res = await app.inject({
      method: 'POST',
      url,
      headers: rep.headers,
      payload: { customerId: customer.id, claimId: claim.id, version: row?.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'matched',
      matchRule: 'manual',
      customerId: customer.id,
      claimId: claim.id,
      claimNumber: claim.claimNumber,
      triagedBy: rep.userId,
      triage: { open: false },
      documents: [{ filename: 'receipt.pdf', customerId: customer.id }],
    });
    expect((await documentsOf('claim', claim.id)).map((d) => d.filename)).toEqual(['receipt.pdf']);
    const again = await app.inject({
      method: 'POST',
      url,
      headers: rep.headers,
      payload: {
        customerId: customer.id,
        claimId: claim.id,
        version: (res.json() as { version: number }).version,
      },
    });
    expectProblem(again, 409, 'inbound_not_in_triage');
  });

  it('opens a claim from an email: channel email, the PDF on the claim, idempotent', async () => {
    const ctx = await customerWithPolicy();
    const id = messageId();
    await send({
      from: address('newclaim'),
      subject: 'Jag vill anmäla en skada',
      text: 'Min telefon gick sönder på semestern. Kvitto bifogat.',
      messageId: id,
      attachments: [{ filename: 'kvitto.pdf', content: PDF }],
    });
    const row = await rowOf(id);
    const body = claimBody(ctx.customer.id, ctx.policy.id);
    delete body.channel;
    delete body.customerId;
    const payload = { ...body, version: row?.version };
    const headers = { ...rep.headers, 'idempotency-key': `inbound-claim-${newId()}` };
    const url = `/inbound-messages/${row?.id}/claim`;
    const res = await app.inject({ method: 'POST', url, headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json() as {
      claim: { id: string; claimNumber: string; channel: string };
      message: {
        status: string;
        matchRule: string;
        claimId: string;
        customerId: string;
        triage: { open: boolean };
      };
    };
    expect(result.claim.channel).toBe('email');
    expect(result.message).toMatchObject({
      status: 'matched',
      matchRule: 'new_claim',
      claimId: result.claim.id,
      customerId: ctx.customer.id,
      triage: { open: false },
    });
    expect((await documentsOf('claim', result.claim.id)).map((d) => d.filename)).toEqual(['kvitto.pdf']);
    const replay = await app.inject({ method: 'POST', url, headers, payload });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(result);
  });

  it('only staff read and sort inbound messages', async () => {
    const { db } = await testDatabase();
    const customer = await makeCustomer(db);
    const portal = await signInAs('customer', { customerId: customer.id });
    const res = await app.inject({ method: 'GET', url: '/inbound-messages', headers: portal.headers });
    expectProblem(res, 403, 'forbidden');
  });
});
