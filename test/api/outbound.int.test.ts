import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address, Language } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { readDocumentBytes } from '../../src/modules/documents/index.ts';
import { DELIVERY_JOB, type NoticeKind, notify } from '../../src/modules/notifications/index.ts';
import { type MailSettings, retryJobKey, sendDeliveryJob } from '../../src/modules/outbound/index.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  randomCodiceFiscale,
} from '../support/factories.ts';
import { pdfText as readPdfText } from '../support/pdf-text.ts';
import { runJob } from '../support/run-job.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, expectProblem, uniqueSuffix } from './api-helpers.ts';

// Outbound email and letters end to end: a decision made through the API writes its notice, the
// notice's delivery job (run here as a worker would) writes the letter in the customer's language,
// stores its PDF and sends the email over a REAL SMTP exchange to an smtp-server started by this
// file. PDFs are read back with a text extractor. Jobs are run one by one with runJob (not by a
// worker): on PostgreSQL every test file shares the jobs table, and a worker would take theirs.

const MAIL_FROM = 'Claimdesk <claims@claimdesk.example>';
const OUTBOX: MailSettings = { smtpUrl: undefined, mailFrom: MAIL_FROM };

/** Deductible 500 per claim, a 10 % co-payment and a yearly limit: every column of the table means something. */
const LETTER_CONFIG = {
  covers: [
    {
      benefitCode: 'MEDICAL_EXPENSES',
      name: { sv: 'Vårdkostnader', it: 'Spese mediche', en: 'Medical expenses' },
      clause: '§4.1',
      requiredDocuments: ['receipt'],
      coPayment: { sharePermille: 100, clause: '§4.2' },
      limits: { perYearMinor: 5_000_000, per: 'insured_person', clause: '§4.3' },
    },
  ],
  deductible: { amountMinor: 50_000, per: 'claim', clause: '§3.1' },
  premiumTerms: { graceDays: 14, lapseAfterDays: 60 },
};

type Received = { raw: Buffer; rcptTo: string[]; mail: ParsedMail };

let app: FastifyInstance;
let rep: Session;
let smtp: SMTPServer;
let smtpPort: number;
const received: Received[] = [];

function startSmtp(port = 0): Promise<{ server: SMTPServer; port: number }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            received.push({ raw, rcptTo: session.envelope.rcptTo.map((r) => r.address), mail });
            callback();
          })
          .catch(callback);
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({ server, port: (server.server.address() as AddressInfo).port }),
    );
  });
}

function closeSmtp(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function smtpSettings(port: number): MailSettings {
  return { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: MAIL_FROM };
}

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
  ({ server: smtp, port: smtpPort } = await startSmtp());
});

afterAll(async () => {
  await closeSmtp(smtp);
});

// ---- helpers ---------------------------------------------------------------------------------

const COUNTRY: Record<Language, 'SE' | 'IT'> = { sv: 'SE', it: 'IT', en: 'SE' };

function addressIn(country: 'SE' | 'IT'): Address {
  return country === 'IT'
    ? { street: 'Via Roma 12', postalCode: '20121', city: 'Milano', country: 'IT' }
    : { street: 'Storgatan 1', postalCode: '111 22', city: 'Stockholm', country: 'SE' };
}

async function customerFor(language: Language, opts: { email?: boolean } = {}) {
  const { db } = await testDatabase();
  const country = COUNTRY[language];
  const suffix = uniqueSuffix();
  return makeCustomer(db, {
    givenName: language === 'it' ? 'Giulia' : language === 'sv' ? 'Åsa' : 'Emma',
    familyName: language === 'it' ? 'Esposito' : language === 'sv' ? 'Öberg' : 'Clarke',
    preferredLanguage: language,
    country,
    ...(country === 'IT' ? { nationalId: randomCodiceFiscale(), phone: '+390212345678' } : {}),
    email: opts.email === false ? undefined : `letters.${suffix}@example.com`,
    address: addressIn(country),
  });
}

/** A paid-up policy on a fresh product of the customer's country, and the representative's authority on it. */
async function insured(language: Language, opts: { email?: boolean } = {}) {
  const { db } = await testDatabase();
  const customer = await customerFor(language, opts);
  const country = COUNTRY[language];
  const currency = country === 'IT' ? 'EUR' : 'SEK';
  const { product, version } = await makeProduct(db, { config: LETTER_CONFIG, country, currency });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, currency, paidOn: ['2026-01-01'] });
  await db
    .insertInto('authority_limits')
    .values({
      id: newId(),
      role: 'representative',
      user_id: null,
      product_code: product.code,
      currency,
      max_amount_minor: 100_000_000,
      own_registration_max_minor: 100_000_000,
      causes: null,
    })
    .execute();
  return { customer, policy, currency };
}

async function claimInReview(language: Language, amounts: number[], opts: { email?: boolean } = {}) {
  const ctx = await insured(language, opts);
  const res = await app.inject({
    method: 'POST',
    url: '/claims',
    headers: rep.headers,
    payload: claimBody(ctx.customer.id, ctx.policy.id, {
      cause: 'illness',
      documents: ['receipt'],
      lines: amounts.map((amountMinor, i) => ({
        benefitCode: 'MEDICAL_EXPENSES',
        description: ['Läkarbesök', 'Medicin'][i] ?? `Item ${i + 1}`,
        serviceDate: '2026-02-15',
        amountMinor,
        currency: ctx.currency,
      })),
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const claim = res.json() as { id: string; claimNumber: string; version: number; status: string };
  expect(claim.status).toBe('in_review');
  return { ...ctx, claim };
}

async function decide(claim: { id: string; version: number }, payload: Record<string, unknown>) {
  const res = await app.inject({
    method: 'POST',
    url: `/claims/${claim.id}/decision`,
    headers: rep.headers,
    payload: { version: claim.version, ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
}

/** The notice's delivery job as notify() enqueued it (kind, payload), found by its unique key. */
async function deliveryJobOf(entityId: string, kind: string) {
  const { db } = await testDatabase();
  const notice = await db
    .selectFrom('notifications')
    .select(['id', 'channel'])
    .where('entity_id', '=', entityId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  const job = await db
    .selectFrom('jobs')
    .select(['kind', 'payload', 'status'])
    .where('unique_key', '=', `${DELIVERY_JOB}:${notice.id}`)
    .executeTakeFirstOrThrow();
  expect(job).toMatchObject({ kind: DELIVERY_JOB, status: 'queued' });
  return { notificationId: notice.id, channel: notice.channel, payload: job.payload };
}

async function deliver(payload: Record<string, unknown>, settings: MailSettings = OUTBOX) {
  await runJob(sendDeliveryJob(settings), DELIVERY_JOB, payload);
}

async function deliveryOf(notificationId: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('deliveries')
    .selectAll()
    .where('notification_id', '=', notificationId)
    .executeTakeFirstOrThrow();
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  const text = await readPdfText(bytes);
  // The extractor returns no-break spaces (Swedish thousands) as they are; compare on plain spaces.
  return text.replace(/[\s\u00a0\u202f]+/g, ' ');
}

async function documentText(documentId: string | null): Promise<string> {
  expect(documentId).toEqual(expect.any(String));
  const { db } = await testDatabase();
  const doc = await db
    .selectFrom('documents')
    .select(['id', 'content', 'storage_key', 'media_type', 'entity_type', 'source'])
    .where('id', '=', documentId as string)
    .executeTakeFirstOrThrow();
  expect(doc).toMatchObject({ media_type: 'application/pdf', entity_type: 'letter', source: 'generated' });
  return pdfText(await readDocumentBytes(db, doc));
}

/** A customer notice written the way the use cases write them (notify in a transaction). */
async function writeNotice(opts: {
  customerId: string;
  channel: 'email' | 'letter';
  kind: NoticeKind;
  language: Language;
  params: Record<string, string | number>;
  recipient?: { email?: string; address?: Address };
}) {
  const { db } = await testDatabase();
  const entityId = newId();
  await db.transaction().execute((trx) =>
    notify(trx, {
      audience: 'customer',
      customerId: opts.customerId,
      channel: opts.channel,
      kind: opts.kind,
      language: opts.language,
      params: opts.params,
      entityType: 'service_case',
      entityId,
      dedupeKey: `outbound-test:${entityId}`,
      ...(opts.recipient ? { recipient: opts.recipient } : {}),
    }),
  );
  return deliveryJobOf(entityId, opts.kind);
}

const receivedWith = (messageId: string | null) => received.filter((r) => r.mail.messageId === messageId);

// ---- decision letters --------------------------------------------------------------------------

type Expectation = { amounts: string[]; words: string[] };

/**
 * The same three decisions in each language. Claim: line 1 8 000, line 2 2 000; deductible 500 per
 * claim (on line 1), then 10 % co-payment: line 1 (8 000 − 500) → 750 co-payment, 6 750 payable;
 * line 2 → 200 co-payment, 1 800 payable.
 */
const DECISIONS: Record<Language, Record<'approve' | 'partial' | 'deny', Expectation>> = {
  sv: {
    approve: {
      amounts: ['8 550,00 kr', '6 750,00 kr', '500,00 kr'],
      words: ['godkänner', 'Självrisk', 'Egen andel', '§3.1', '§4.2'],
    },
    partial: {
      amounts: ['10 000,00 kr', '5 000,00 kr', '8 000,00 kr'],
      words: ['delvis', 'Utbetalas', '§3.1', 'omprövning', 'Allmänna reklamationsnämnden (ARN)'],
    },
    deny: {
      amounts: [],
      words: [
        'Skadan omfattas inte av försäkringen',
        '§2.4',
        'omprövning',
        'Allmänna reklamationsnämnden (ARN)',
        'Konsumenternas Försäkringsbyrå',
      ],
    },
  },
  it: {
    approve: {
      amounts: ['8.550,00 €', '6.750,00 €', '500,00 €'],
      words: ['accogliamo', 'Franchigia', 'Scoperto', '§3.1', '§4.2'],
    },
    partial: {
      amounts: ['10.000,00 €', '5.000,00 €', '8.000,00 €'],
      words: ['accolta in parte', 'Liquidato', '§3.1', 'riesaminare', 'IVASS', 'Arbitro Assicurativo'],
    },
    deny: {
      amounts: [],
      words: [
        'Il sinistro non è coperto dalla polizza',
        '§2.4',
        'riesaminare',
        'IVASS',
        'Arbitro Assicurativo',
      ],
    },
  },
  en: {
    approve: {
      amounts: ['SEK 8,550.00', 'SEK 6,750.00', 'SEK 500.00'],
      words: ['approve it', 'Deductible', 'Co-payment', '§3.1', '§4.2'],
    },
    partial: {
      amounts: ['SEK 10,000.00', 'SEK 5,000.00', 'SEK 8,000.00'],
      words: ['approve it in part', 'Payable', '§3.1', 'review the decision', 'Allmänna reklamationsnämnden'],
    },
    deny: {
      amounts: [],
      words: [
        'The loss is not covered by the policy',
        '§2.4',
        'review the decision',
        'Allmänna reklamationsnämnden',
      ],
    },
  },
};

const DECISION_PAYLOAD = {
  approve: { outcome: 'approve' },
  partial: {
    outcome: 'partial',
    lines: [{ lineNo: 1, payableMinor: 500_000 }],
    reasonCodes: ['insufficient_evidence'],
  },
  deny: { outcome: 'deny', reasonCodes: ['not_covered'], clause: '§2.4' },
} as const;

describe('decision letters as PDF, read back', () => {
  for (const language of ['sv', 'it', 'en'] as const) {
    for (const outcome of ['approve', 'partial', 'deny'] as const) {
      it(`${outcome} in ${language}: amounts in the locale, clauses and appeal rights`, async () => {
        // No email address: the decision goes by letter (record-decision picks the channel).
        const { claim, customer } = await claimInReview(language, [800_000, 200_000], { email: false });
        await decide(claim, DECISION_PAYLOAD[outcome]);
        const job = await deliveryJobOf(claim.id, 'claim.decided');
        expect(job.channel).toBe('letter');
        await deliver(job.payload);

        const delivery = await deliveryOf(job.notificationId);
        expect(delivery).toMatchObject({
          channel: 'letter',
          status: 'pending',
          language,
          template: { approve: 'decision_approval', partial: 'decision_partial', deny: 'decision_denial' }[
            outcome
          ],
          customer_id: customer.id,
        });
        expect(delivery.recipient).toMatchObject({ address: addressIn(COUNTRY[language]) });
        const text = await documentText(delivery.document_id);
        const expected = DECISIONS[language][outcome];
        for (const amount of expected.amounts) expect(text).toContain(amount);
        for (const word of expected.words) expect(text).toContain(word);
        // The letterhead, the window address, the claim number and a page number.
        expect(text).toContain(claim.claimNumber);
        expect(text).toContain(addressIn(COUNTRY[language]).street);
        expect(text).toMatch({ sv: /Sida 1 av \d/, it: /Pagina 1 di \d/, en: /Page 1 of \d/ }[language]);
        expect(text).toContain(
          COUNTRY[language] === 'IT' ? 'Claimdesk Assicurazioni S.p.A.' : 'Claimdesk Försäkring AB',
        );
        expect(delivery.body).toContain(claim.claimNumber);
      });
    }
  }
});

// ---- email over SMTP ----------------------------------------------------------------------------

describe('email through a real SMTP exchange', () => {
  it('sends the decision with our Message-ID, a UTF-8 subject and body, and the letter attached', async () => {
    const { claim, customer } = await claimInReview('sv', [800_000]);
    await decide(claim, { outcome: 'approve' });
    const job = await deliveryJobOf(claim.id, 'claim.decided');
    expect(job.channel).toBe('email');
    await deliver(job.payload, smtpSettings(smtpPort));

    const delivery = await deliveryOf(job.notificationId);
    expect(delivery).toMatchObject({ channel: 'email', status: 'sent', attempts: 1, last_error: null });
    expect(delivery.smtp_message_id).toMatch(/^<delivery\.[0-9a-f-]+@claimdesk\.example>$/);
    const [message] = receivedWith(delivery.smtp_message_id);
    expect(message).toBeDefined();
    const mail = (message as Received).mail;
    expect(mail.subject).toBe(`Beslut om skadeanmälan ${claim.claimNumber}: godkänd`);
    expect(delivery.subject).toBe(mail.subject);
    expect((message as Received).rcptTo).toEqual([customer.email]);
    expect(mail.from?.text).toContain('claims@claimdesk.example');
    expect(mail.headers.get('x-claimdesk-delivery')).toBe(delivery.id);
    // The subject travels RFC 2047-encoded; the body is UTF-8.
    expect((message as Received).raw.toString('latin1')).toMatch(/^Subject: =\?UTF-8\?/im);
    expect(mail.text).toContain('Hej Åsa Öberg,');
    expect(mail.text?.replace(/\u00a0/g, ' ')).toContain('6 750,00 kr');
    const pdf = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf?.filename).toBe(`${claim.claimNumber}-decision_approval.pdf`);
    expect(await pdfText(new Uint8Array(pdf?.content ?? []))).toContain('6 750,00 kr');
  });

  it('SMTP down: the attempt is recorded and retried with backoff; sent once the server is back', async () => {
    const { server: probe, port } = await startSmtp();
    await closeSmtp(probe); // a port where nothing listens now
    const customer = await customerFor('it');
    const job = await writeNotice({
      customerId: customer.id,
      channel: 'email',
      kind: 'case.resolved',
      language: 'it',
      params: { reference: `CASE-2026-${uniqueSuffix()}`, resolution: 'Pagamento effettuato' },
    });
    await deliver(job.payload, smtpSettings(port));
    const failed = await deliveryOf(job.notificationId);
    expect(failed).toMatchObject({ channel: 'email', status: 'pending', attempts: 1 });
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);

    const { db } = await testDatabase();
    const retry = await db
      .selectFrom('jobs')
      .selectAll()
      .where('unique_key', '=', retryJobKey(job.notificationId, 2))
      .executeTakeFirstOrThrow();
    expect(retry).toMatchObject({ kind: DELIVERY_JOB, status: 'queued' });
    expect(retry.run_at.getTime()).toBeGreaterThan(Date.now() + 20_000);

    const { server: back } = await startSmtp(port);
    try {
      await deliver(retry.payload, smtpSettings(port));
    } finally {
      await closeSmtp(back);
    }
    const sent = await deliveryOf(job.notificationId);
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(receivedWith(sent.smtp_message_id)).toHaveLength(1);
    expect(receivedWith(sent.smtp_message_id)[0]?.mail.subject).toContain('risolta');
  });

  it('the same job twice sends one email', async () => {
    const customer = await customerFor('en');
    const job = await writeNotice({
      customerId: customer.id,
      channel: 'email',
      kind: 'case.message',
      language: 'en',
      params: { reference: `CASE-2026-${uniqueSuffix()}`, excerpt: 'We have paid.' },
    });
    await deliver(job.payload, smtpSettings(smtpPort));
    await deliver(job.payload, smtpSettings(smtpPort));
    const delivery = await deliveryOf(job.notificationId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1 });
    expect(receivedWith(delivery.smtp_message_id)).toHaveLength(1);
    const { db } = await testDatabase();
    const rows = await db
      .selectFrom('deliveries')
      .select('id')
      .where('notification_id', '=', job.notificationId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('a notice to an explicit recipient goes there, not to the current address', async () => {
    const customer = await customerFor('sv');
    const old = `old.${uniqueSuffix()}@example.se`;
    const job = await writeNotice({
      customerId: customer.id,
      channel: 'email',
      kind: 'account_change.email_changed',
      language: 'sv',
      params: { date: '2026-03-01', reference: `CASE-2026-${uniqueSuffix()}`, phone: '+46 8 465 004 00' },
      recipient: { email: old },
    });
    await deliver(job.payload, smtpSettings(smtpPort));
    const delivery = await deliveryOf(job.notificationId);
    expect(delivery).toMatchObject({ status: 'sent', recipient: { email: old } });
    const [message] = receivedWith(delivery.smtp_message_id);
    expect(message?.rcptTo).toEqual([old]);
    expect(message?.rcptTo).not.toContain(customer.email);
    expect(message?.mail.text).toContain('1 mars 2026');

    // An old postal address: a letter to it.
    const oldAddress = { street: 'Gamla vägen 2', postalCode: '222 33', city: 'Lund', country: 'SE' };
    const letterJob = await writeNotice({
      customerId: customer.id,
      channel: 'letter',
      kind: 'account_change.address_changed',
      language: 'sv',
      params: { date: '2026-03-01', reference: `CASE-2026-${uniqueSuffix()}`, phone: '+46 8 465 004 00' },
      recipient: { address: oldAddress },
    });
    await deliver(letterJob.payload);
    const letter = await deliveryOf(letterJob.notificationId);
    expect(letter).toMatchObject({
      channel: 'letter',
      status: 'pending',
      recipient: { address: oldAddress },
    });
    expect(await documentText(letter.document_id)).toContain('Gamla vägen 2');
  });
});

// ---- outbox, fallbacks, failures ------------------------------------------------------------

describe('without SMTP, and when a letter cannot be sent as asked', () => {
  it('no SMTP URL: the email waits in the outbox, which staff read newest first with its text', async () => {
    const customer = await customerFor('it');
    const reference = `CASE-2026-${uniqueSuffix()}`;
    const job = await writeNotice({
      customerId: customer.id,
      channel: 'email',
      kind: 'case.opened',
      language: 'it',
      params: { reference, subject: 'Ritardo nel pagamento', answerBy: '2026-04-02' },
    });
    const before = received.length;
    await deliver(job.payload, OUTBOX);
    const delivery = await deliveryOf(job.notificationId);
    expect(delivery).toMatchObject({ channel: 'email', status: 'outbox', attempts: 0 });
    expect(received.length).toBe(before);

    const res = await app.inject({ method: 'GET', url: '/outbox?limit=200', headers: rep.headers });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: { id: string; body: string; subject: string; status: string }[] };
    const mine = page.items.find((i) => i.id === delivery.id);
    expect(mine).toMatchObject({
      status: 'outbox',
      subject: `Abbiamo ricevuto la Vostra richiesta ${reference}`,
    });
    expect(mine?.body).toContain('2 aprile 2026');
    const ids = page.items.map((i) => i.id);
    expect(ids).toEqual([...ids].sort().reverse());

    const customerSession = await signInAs('customer', { customerId: customer.id });
    expectProblem(
      await app.inject({ method: 'GET', url: '/outbox', headers: customerSession.headers }),
      403,
      'forbidden',
    );
  });

  it('an email notice to a customer without an email address goes as a letter, and says so', async () => {
    const customer = await customerFor('sv', { email: false });
    const job = await writeNotice({
      customerId: customer.id,
      channel: 'email',
      kind: 'case.question',
      language: 'sv',
      params: { reference: `CASE-2026-${uniqueSuffix()}`, excerpt: 'Vilket datum reste du?' },
    });
    await deliver(job.payload, smtpSettings(smtpPort));
    const delivery = await deliveryOf(job.notificationId);
    expect(delivery).toMatchObject({ channel: 'letter', status: 'pending' });
    expect(delivery.note).toMatch(/no email address/);
    const res = await app.inject({
      method: 'GET',
      url: `/deliveries/${delivery.id}/pdf`,
      headers: rep.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(new Uint8Array(res.rawPayload))).toContain('Vilket datum reste du?');
  });

  it('a notice missing a parameter the letter needs is a failed delivery, never a letter with a hole', async () => {
    const customer = await customerFor('en');
    const job = await writeNotice({
      customerId: customer.id,
      channel: 'email',
      kind: 'case.resolved',
      language: 'en',
      params: { reference: `CASE-2026-${uniqueSuffix()}`, resolution: 'Paid' },
    });
    await deliver({ ...job.payload, params: { reference: 'CASE-2026-000000' } }, smtpSettings(smtpPort));
    const delivery = await deliveryOf(job.notificationId);
    expect(delivery).toMatchObject({ status: 'failed', body: null, smtp_message_id: null });
    expect(delivery.last_error).toMatch(/resolution/);
    const res = await app.inject({ method: 'GET', url: `/deliveries/${delivery.id}`, headers: rep.headers });
    expect(res.json()).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/resolution/) });
  });
});

// ---- print batches -------------------------------------------------------------------------------

describe('print batches', () => {
  it('collects the letters not yet printed into one PDF and marks them printed', async () => {
    const letters = [];
    for (const language of ['sv', 'it'] as const) {
      const customer = await customerFor(language, { email: false });
      const reference = `CASE-2026-${uniqueSuffix()}`;
      const job = await writeNotice({
        customerId: customer.id,
        channel: 'letter',
        kind: 'case.withdrawn',
        language,
        params: { reference, reason: language === 'sv' ? 'Kunden återkallade' : 'Ritirata dal cliente' },
      });
      await deliver(job.payload);
      letters.push({ reference, delivery: await deliveryOf(job.notificationId) });
    }
    const key = `print-${uniqueSuffix()}`;
    const res = await app.inject({
      method: 'POST',
      url: '/print-batches',
      headers: { ...rep.headers, 'idempotency-key': key },
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(201);
    const batch = res.json() as { id: string; letters: number; documentId: string; deliveryIds: string[] };
    for (const l of letters) expect(batch.deliveryIds).toContain(l.delivery.id);
    expect(batch.letters).toBe(batch.deliveryIds.length);

    const pdf = await app.inject({
      method: 'GET',
      url: `/print-batches/${batch.id}/pdf`,
      headers: rep.headers,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(pdf.rawPayload));
    for (const l of letters) expect(text).toContain(l.reference);
    expect(text).toContain('Kunden återkallade');
    expect(text).toContain('Ritirata dal cliente');

    const { db } = await testDatabase();
    const rows = await db
      .selectFrom('deliveries')
      .select(['status', 'print_batch_id', 'printed_at'])
      .where(
        'id',
        'in',
        letters.map((l) => l.delivery.id),
      )
      .execute();
    for (const row of rows)
      expect(row).toMatchObject({
        status: 'printed',
        print_batch_id: batch.id,
        printed_at: expect.any(Date),
      });

    // A retry with the same key is the same batch; a new batch has nothing left to print.
    const again = await app.inject({
      method: 'POST',
      url: '/print-batches',
      headers: { ...rep.headers, 'idempotency-key': key },
      payload: {},
    });
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(batch);
    expectProblem(
      await app.inject({ method: 'POST', url: '/print-batches', headers: rep.headers, payload: {} }),
      409,
      'nothing_to_print',
    );
    const view = await app.inject({ method: 'GET', url: `/print-batches/${batch.id}`, headers: rep.headers });
    expect(view.json()).toMatchObject({ id: batch.id, documentId: batch.documentId });
  });

  it('customers may not print or read batches', async () => {
    const customer = await customerFor('sv');
    const session = await signInAs('customer', { customerId: customer.id });
    expectProblem(
      await app.inject({ method: 'POST', url: '/print-batches', headers: session.headers, payload: {} }),
      403,
      'forbidden',
    );
  });
});
