import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberYear } from '../../src/db/number-year.ts';
import { nextNumber } from '../../src/db/numbers.ts';
import { newId } from '../../src/lib/ids.ts';
import { recordAuditEvents } from '../../src/modules/audit/index.ts';
import {
  configureDocumentStore,
  type DocumentStore,
  documentStore,
  LocalDiskStore,
  readDocumentBytes,
  setDocumentStore,
  sha256Hex,
  storageKeyOf,
  storeDocument,
} from '../../src/modules/documents/index.ts';
import { systemActor } from '../../src/modules/users/index.ts';
import { makeCustomer } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import {
  claimBody,
  countRows,
  customerWithPolicy,
  expectProblem,
  fieldErrors,
  PAST_DATE,
} from './api-helpers.ts';

// Documents over HTTP: multipart upload with the type decided by the bytes, the 10 MiB limit, one
// document per file and record, customers confined to their own records, and a download that
// returns exactly what was uploaded, as an attachment a browser will not run.

let app: FastifyInstance;
let rep: Session;

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(120)]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');

type FilePart = { filename: string; type: string; content: Buffer };

/** A multipart/form-data body as a browser sends it. */
function form(fields: Record<string, string>, file?: FilePart) {
  const boundary = `----claimdesk${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.type}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(
  who: Session,
  target: { entityType: string; entityId: string },
  file: FilePart,
  headers: Record<string, string> = {},
  fields: Record<string, string> = {},
) {
  const body = form({ ...target, ...fields }, file);
  return app.inject({
    method: 'POST',
    url: '/documents',
    headers: { ...who.headers, ...headers, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/** A customer with a portal login and an open service case (written directly). */
async function customerWithCase() {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  const serviceCase = await db.transaction().execute(async (trx) =>
    trx
      .insertInto('service_cases')
      .values({
        id: newId(),
        case_number: await nextNumber(trx, 'CASE', numberYear()),
        customer_id: customer.id,
        kind: 'general_inquiry',
        category: 'general_inquiry',
        status: 'open',
        subject: 'Receipt for my claim',
        description: 'Sending the receipt you asked for.',
        channel: 'portal',
        language: 'sv',
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
  const portal = await signInAs('customer', { customerId: customer.id });
  return { customer, serviceCase, portal, target: { entityType: 'service_case', entityId: serviceCase.id } };
}

/** A department of this file's own, for a referral written directly. */
async function ensureDepartment() {
  const { db } = await testDatabase();
  const code = `d_${newId().slice(-12).replace(/-/g, '')}`;
  return db
    .insertInto('departments')
    .values({
      id: newId(),
      code,
      name: JSON.stringify({ sv: 'Test', it: 'Test', en: 'Test' }),
      supervisor_id: null,
    })
    .returning('code')
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
});

describe('POST /documents', () => {
  it('stores a PDF and a PNG with the type read from their bytes, audited without their content', async () => {
    const { portal, target, customer } = await customerWithCase();
    const pdf = await upload(portal, target, {
      filename: 'kvitto.pdf',
      type: 'application/pdf',
      content: PDF,
    });
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({
      customerId: customer.id,
      entityType: 'service_case',
      entityId: target.entityId,
      filename: 'kvitto.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      source: 'portal',
      uploadedBy: portal.userId,
    });
    // A PNG sent with no useful type (as some mail clients do) is still a PNG.
    const png = await upload(rep, target, {
      filename: 'photo',
      type: 'application/octet-stream',
      content: PNG,
    });
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ mediaType: 'image/png', source: 'staff', filename: 'photo' });

    const { db } = await testDatabase();
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'data'])
      .where('customer_id', '=', customer.id)
      .where('action', '=', 'document.uploaded')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual([pdf.json().id, png.json().id]);
    expect(audit[0]?.data).toEqual({
      documentId: pdf.json().id,
      sha256: pdf.json().sha256,
      sizeBytes: PDF.length,
      mediaType: 'application/pdf',
      entityType: 'service_case',
      entityId: target.entityId,
    });
    const listed = await app.inject({
      method: 'GET',
      url: `/documents?entityType=service_case&entityId=${target.entityId}`,
      headers: portal.headers,
    });
    expect(listed.json().items.map((d: { id: string }) => d.id)).toEqual([pdf.json().id, png.json().id]);
  });

  it('refuses an executable, HTML and a type the bytes contradict with 415', async () => {
    const { portal, target, customer } = await customerWithCase();
    const elf = expectProblem(
      await upload(portal, target, { filename: 'invoice.pdf', type: 'application/pdf', content: ELF }),
      415,
      'document_type_not_allowed',
    );
    expect(elf.detail).toContain('application/x-elf');
    expect(fieldErrors(elf)).toEqual([{ path: ['file'], pointer: '/file', code: 'type_not_allowed' }]);
    expectProblem(
      await upload(portal, target, {
        filename: 'setup.exe',
        type: 'application/octet-stream',
        content: Buffer.concat([Buffer.from('MZ'), randomBytes(200)]),
      }),
      415,
      'document_type_not_allowed',
    );
    for (const type of ['text/html', 'text/plain']) {
      expectProblem(
        await upload(portal, target, { filename: 'page.html', type, content: HTML }),
        415,
        'document_type_not_allowed',
      );
    }
    expectProblem(
      await upload(portal, target, { filename: 'scan.pdf', type: 'application/pdf', content: PNG }),
      415,
      'document_type_not_allowed',
    );
    expect(await countRows('documents', { column: 'customer_id', value: customer.id })).toBe(0);
  });

  it('accepts plain UTF-8 text', async () => {
    const { portal, target } = await customerWithCase();
    const res = await upload(portal, target, {
      filename: 'anteckning.txt',
      type: 'text/plain',
      content: Buffer.from('Kontonummer ändrat 3 mars — se bifogat.\n'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mediaType).toBe('text/plain');
  });

  it('refuses a file over 10 MiB with 413, whether or not the length was declared up front', async () => {
    const { portal, target, customer } = await customerWithCase();
    const justOver = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    const problem = expectProblem(
      await upload(portal, target, { filename: 'big.pdf', type: 'application/pdf', content: justOver }),
      413,
      'payload_too_large',
    );
    expect(problem.detail).toContain('10 MiB');
    const wayOver = Buffer.concat([PDF, Buffer.alloc(12 * 1024 * 1024, 0x20)]);
    expectProblem(
      await upload(portal, target, { filename: 'huge.pdf', type: 'application/pdf', content: wayOver }),
      413,
      'payload_too_large',
    );
    expect(await countRows('documents', { column: 'customer_id', value: customer.id })).toBe(0);
  });

  it('the same file twice on the same record is one document (200, same id)', async () => {
    const { portal, target, customer } = await customerWithCase();
    const first = await upload(portal, target, {
      filename: 'kvitto.pdf',
      type: 'application/pdf',
      content: PDF,
    });
    const again = await upload(portal, target, {
      filename: 'kvitto (1).pdf',
      type: 'application/pdf',
      content: PDF,
    });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    // The same bytes on another record of the customer are a document of that record.
    const other = await upload(
      portal,
      { entityType: 'customer', entityId: customer.id },
      {
        filename: 'kvitto.pdf',
        type: 'application/pdf',
        content: PDF,
      },
    );
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
    expect(await countRows('documents', { column: 'customer_id', value: customer.id })).toBe(2);
    // A retry with an Idempotency-Key replays the first response.
    const key = { 'idempotency-key': `doc-${newId()}` };
    const keyed = await upload(rep, target, { filename: 'p.png', type: 'image/png', content: PNG }, key);
    const replay = await upload(rep, target, { filename: 'p.png', type: 'image/png', content: PNG }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(keyed.json());
  });

  it('a customer uploads only to their own records (404 otherwise); staff to any', async () => {
    const mine = await customerWithCase();
    const theirs = await customerWithCase();
    const file = { filename: 'kvitto.pdf', type: 'application/pdf', content: PDF };
    expectProblem(await upload(mine.portal, theirs.target, file), 404, 'not_found');
    expectProblem(
      await upload(mine.portal, { entityType: 'customer', entityId: theirs.customer.id }, file),
      404,
      'not_found',
    );
    expectProblem(
      await upload(mine.portal, { entityType: 'service_case', entityId: newId() }, file),
      404,
      'not_found',
    );
    expect(await countRows('documents', { column: 'customer_id', value: theirs.customer.id })).toBe(0);
    // Referrals are internal: not even the customer's own.
    const { db } = await testDatabase();
    const referral = await db
      .insertInto('referrals')
      .values({
        id: newId(),
        referral_number: `RFR-1999-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
        case_id: mine.serviceCase.id,
        customer_id: mine.customer.id,
        department: (await ensureDepartment()).code,
        question: 'Internal question',
        urgency: 'standard',
        status: 'open',
        referred_by: rep.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expectProblem(
      await upload(mine.portal, { entityType: 'referral', entityId: referral.id }, file),
      404,
      'not_found',
    );
    expect((await upload(rep, { entityType: 'referral', entityId: referral.id }, file)).statusCode).toBe(201);
    expect((await upload(rep, theirs.target, file)).statusCode).toBe(201);
    // …and they cannot read the other customer's document either.
    const doc = (
      await upload(theirs.portal, theirs.target, { ...file, content: PNG, type: 'image/png' })
    ).json();
    expectProblem(
      await app.inject({ method: 'GET', url: `/documents/${doc.id}`, headers: mine.portal.headers }),
      404,
      'not_found',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: `/documents/${doc.id}/content`, headers: mine.portal.headers }),
      404,
      'not_found',
    );
  });

  it('refuses a form without a file, without its fields, or not multipart at all', async () => {
    const { portal, target } = await customerWithCase();
    const noFile = form(target);
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/documents',
        headers: { ...portal.headers, 'content-type': noFile.contentType },
        payload: noFile.payload,
      }),
      400,
      'validation_failed',
    );
    const missing = expectProblem(
      await upload(portal, { entityType: 'policy', entityId: 'x' } as never, {
        filename: 'a.pdf',
        type: 'application/pdf',
        content: PDF,
      }),
      400,
      'validation_failed',
    );
    expect(fieldErrors(missing).map((e) => e.path)).toEqual([['entityType'], ['entityId']]);
    expectProblem(
      await app.inject({ method: 'POST', url: '/documents', headers: portal.headers, payload: target }),
      415,
      'unsupported_media_type',
    );
  });
});

describe('GET /documents/{id}/content', () => {
  it('returns the identical bytes as an attachment with the stored type and nosniff', async () => {
    const { portal, target } = await customerWithCase();
    const content = Buffer.concat([PNG, randomBytes(0)]);
    const doc = (
      await upload(portal, target, { filename: '../../etc/fö\u0007to\u202E.png', type: 'image/png', content })
    ).json();
    expect(doc.filename).toBe('föto.png');
    for (const who of [portal, rep]) {
      const res = await app.inject({
        method: 'GET',
        url: `/documents/${doc.id}/content`,
        headers: who.headers,
      });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(content)).toBe(true);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="f_to.png"; filename*=UTF-8\'\'f%C3%B6to.png',
      );
    }
    const big = Buffer.concat([PDF, randomBytes(2 * 1024 * 1024)]);
    const pdf = (
      await upload(rep, target, { filename: 'scan.pdf', type: 'application/pdf', content: big })
    ).json();
    const res = await app.inject({
      method: 'GET',
      url: `/documents/${pdf.id}/content`,
      headers: portal.headers,
    });
    expect(res.rawPayload.equals(big)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    const meta = await app.inject({ method: 'GET', url: `/documents/${pdf.id}`, headers: portal.headers });
    expect(meta.json()).toMatchObject({ id: pdf.id, sizeBytes: big.length, mediaType: 'application/pdf' });
  });
});

describe('the document store', () => {
  let dir: string;
  let previous: DocumentStore;

  beforeAll(async () => {
    // A directory of this file's own, so that "the file is on disk" is checked where it must be.
    previous = documentStore();
    dir = await mkdtemp(path.join(os.tmpdir(), 'claimdesk-documents-test-'));
    configureDocumentStore({ documentsDir: dir });
  });
  afterAll(async () => {
    setDocumentStore(previous);
    await rm(dir, { recursive: true, force: true });
  });

  const fileOf = (sha256: string) => path.join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  const system = systemActor('documents-test');

  it('stores bytes once per record (dedupe), reads them back identical, and audits only the first', async () => {
    const { db } = await testDatabase();
    const { customer } = await customerWithCase();
    const bytes = Buffer.concat([PDF, randomBytes(64)]);
    const store = (filename: string) =>
      db.transaction().execute(async (trx) => {
        const stored = await storeDocument(trx, {
          customerId: customer.id,
          entityType: 'customer',
          entityId: customer.id,
          filename,
          content: bytes,
          source: 'letter',
          uploadedBy: null,
          actor: system,
        });
        await recordAuditEvents(trx, customer.id, stored.events);
        return stored;
      });
    const first = await store('brev.pdf');
    const again = await store('brev (kopia).pdf');
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.document.id).toBe(first.document.id);
    expect(first.events.map((e) => e.action)).toEqual(['document.stored']);
    expect(first.events[0]?.data).toMatchObject({ source: 'letter', sizeBytes: bytes.length });
    expect(again.events).toEqual([]);
    expect(first.document).toMatchObject({
      content: null,
      storage_key: storageKeyOf(first.document.sha256),
      media_type: 'application/pdf',
      filename: 'brev.pdf',
    });
    expect((await readFile(fileOf(first.document.sha256))).equals(bytes)).toBe(true);
    const read = await readDocumentBytes(db, first.document);
    expect(Buffer.from(read).equals(bytes)).toBe(true);
    // The type still comes from the bytes: an executable is refused before anything is written.
    await expect(
      db.transaction().execute((trx) =>
        storeDocument(trx, {
          customerId: customer.id,
          entityType: 'customer',
          entityId: customer.id,
          filename: 'x.pdf',
          content: ELF,
          source: 'email',
          uploadedBy: null,
          actor: system,
        }),
      ),
    ).rejects.toMatchObject({ code: 'document_type_not_allowed' });
  });

  it('a rolled-back transaction leaves no row; its file is an orphan the next store reuses', async () => {
    const { db } = await testDatabase();
    const { customer } = await customerWithCase();
    const bytes = Buffer.from(`Kvitto ${newId()}\n`);
    const options = {
      customerId: customer.id,
      entityType: 'customer' as const,
      entityId: customer.id,
      filename: 'kvitto.txt',
      content: bytes,
      source: 'staff' as const,
      uploadedBy: null,
      actor: system,
    };
    let sha = '';
    await expect(
      db.transaction().execute(async (trx) => {
        sha = (await storeDocument(trx, options)).document.sha256;
        throw new Error('the caller fails after storing');
      }),
    ).rejects.toThrow('the caller fails');
    expect(await countRows('documents', { column: 'customer_id', value: customer.id })).toBe(0);
    expect(existsSync(fileOf(sha))).toBe(true);
    const stored = await db.transaction().execute((trx) => storeDocument(trx, options));
    expect(stored.created).toBe(true);
    expect(stored.document.storage_key).toBe(storageKeyOf(sha));
    expect(await countRows('documents', { column: 'customer_id', value: customer.id })).toBe(1);
  });

  it('trusted code names the type of what it generated', async () => {
    const { db } = await testDatabase();
    const { customer } = await customerWithCase();
    const stored = await db.transaction().execute((trx) =>
      storeDocument(trx, {
        customerId: customer.id,
        entityType: 'customer',
        entityId: customer.id,
        filename: 'letter',
        content: Buffer.from(`%PDF-1.7 generated ${newId()}`),
        source: 'generated',
        uploadedBy: null,
        mediaType: 'application/pdf',
        actor: system,
      }),
    );
    expect(stored.document).toMatchObject({
      media_type: 'application/pdf',
      filename: 'letter',
      source: 'generated',
    });
  });

  it('refuses keys that are not content addresses, and bytes that do not match their key', async () => {
    const store = new LocalDiskStore(dir);
    for (const key of [
      '../../etc/passwd',
      'ab/cd/../../x',
      `aa/bb/${'c'.repeat(64)}`,
      `/${'a'.repeat(64)}`,
    ]) {
      await expect(store.get(key)).rejects.toThrow('Not a document store key');
      await expect(store.has(key)).rejects.toThrow('Not a document store key');
    }
    const key = storageKeyOf(sha256Hex(Buffer.from('a')));
    await expect(store.put(key, Buffer.from('b'))).rejects.toThrow('do not match');
    expect(await store.has(key)).toBe(false);
  });

  it('reads rows written before the store, with their bytes in the row', async () => {
    const { db } = await testDatabase();
    const { customer, portal } = await customerWithCase();
    const legacy = Buffer.concat([PNG, randomBytes(16)]);
    const row = await db
      .insertInto('documents')
      .values({
        id: newId(),
        customer_id: customer.id,
        entity_type: 'customer',
        entity_id: customer.id,
        filename: 'old.png',
        media_type: 'image/png',
        size_bytes: legacy.length,
        sha256: sha256Hex(legacy),
        content: legacy,
        source: 'portal',
        uploaded_by: null,
      })
      .returning(['id', 'storage_key'])
      .executeTakeFirstOrThrow();
    expect(row.storage_key).toBeNull();
    const res = await app.inject({
      method: 'GET',
      url: `/documents/${row.id}/content`,
      headers: portal.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(legacy)).toBe(true);
    const read = await readDocumentBytes(db, { id: row.id, content: null, storage_key: null });
    expect(Buffer.from(read).equals(legacy)).toBe(true);
  });

  it('an upload through the API lands on disk (not in the row), byte for byte', async () => {
    const { portal, target } = await customerWithCase();
    const content = Buffer.concat([PDF, randomBytes(4096)]);
    const res = await upload(portal, target, { filename: 'intyg.pdf', type: 'application/pdf', content });
    expect(res.statusCode, res.body).toBe(201);
    const { db } = await testDatabase();
    const row = await db
      .selectFrom('documents')
      .select(['content', 'storage_key', 'sha256'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row.content).toBeNull();
    expect(row.storage_key).toBe(storageKeyOf(row.sha256));
    expect((await readFile(fileOf(row.sha256))).equals(content)).toBe(true);
    const down = await app.inject({
      method: 'GET',
      url: `/documents/${res.json().id}/content`,
      headers: portal.headers,
    });
    expect(down.rawPayload.equals(content)).toBe(true);
  });
});

describe('GET /claims/{ref}/documents/checklist', () => {
  it('lists what the product requires for the claim, what is missing, and what arrived how', async () => {
    const { customer, policy } = await customerWithPolicy();
    const claim = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep.headers,
      payload: claimBody(customer.id, policy.id, {
        documents: ['receipt'],
        lines: [
          {
            benefitCode: 'MEDICAL_EXPENSES',
            description: 'Clinic visit',
            serviceDate: PAST_DATE,
            amountMinor: 125_000,
            currency: 'SEK',
          },
          {
            benefitCode: 'LUGGAGE_DELAY',
            description: 'Toothbrush and a shirt',
            serviceDate: PAST_DATE,
            amountMinor: 40_000,
            currency: 'SEK',
          },
        ],
      }),
    });
    expect(claim.statusCode, claim.body).toBe(201);
    const { claimNumber, id: claimId } = claim.json();
    const portal = await signInAs('customer', { customerId: customer.id });
    const checklist = async (who: Session, ref = claimNumber) =>
      app.inject({ method: 'GET', url: `/claims/${ref}/documents/checklist`, headers: who.headers });

    const before = await checklist(portal);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({
      claimId,
      claimNumber,
      complete: false,
      recorded: ['receipt'],
      documents: [],
      items: [
        {
          kind: 'receipt',
          requiredFor: [
            { benefitCode: 'MEDICAL_EXPENSES', clause: '§4.1' },
            { benefitCode: 'LUGGAGE_DELAY', clause: '§6.2' },
          ],
          arrived: true,
          via: ['recorded'],
          documentIds: [],
        },
        { kind: 'travel_booking', arrived: false, via: [], documentIds: [] },
      ],
    });

    // The customer uploads the booking, saying what it is; and a photo without a kind.
    const booking = await upload(
      portal,
      { entityType: 'claim', entityId: claimId },
      { filename: 'bokning.pdf', type: 'application/pdf', content: Buffer.concat([PDF, randomBytes(8)]) },
      {},
      { kind: 'travel_booking' },
    );
    expect(booking.statusCode, booking.body).toBe(201);
    expect(booking.json().kind).toBe('travel_booking');
    const photo = await upload(
      rep,
      { entityType: 'claim', entityId: claimId },
      { filename: 'photo.png', type: 'image/png', content: PNG },
    );
    expect(photo.json().kind).toBeNull();

    const after = (await checklist(rep, claimId)).json();
    expect(after.complete).toBe(true);
    expect(after.items[1]).toEqual({
      kind: 'travel_booking',
      requiredFor: [{ benefitCode: 'LUGGAGE_DELAY', clause: '§6.2' }],
      arrived: true,
      via: ['uploaded'],
      documentIds: [booking.json().id],
    });
    expect(after.documents.map((d: { id: string }) => d.id)).toEqual([booking.json().id, photo.json().id]);

    // An unknown kind is a field error; another customer's claim is not found.
    const bad = expectProblem(
      await upload(
        portal,
        { entityType: 'claim', entityId: claimId },
        { filename: 'x.pdf', type: 'application/pdf', content: PDF },
        {},
        { kind: 'horoscope' },
      ),
      400,
      'validation_failed',
    );
    expect(fieldErrors(bad).map((e) => e.path)).toEqual([['kind']]);
    const stranger = await customerWithCase();
    expectProblem(await checklist(stranger.portal), 404, 'not_found');
    expectProblem(await checklist(rep, 'CLM-1999-999999'), 404, 'not_found');
  });
});
