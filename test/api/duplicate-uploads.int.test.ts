import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { claimBody, countRows, customerWithPolicy } from './api-helpers.ts';

// The same bytes uploaded again to a claim are not a second document: the answer is the earlier
// one with 200 and `alreadyOnFile: true`, and what this upload said (name, kind), so the uploader
// can be told "already on the claim as <name>, <date>" — and that its kind differs, if it does.

let app: FastifyInstance;
let rep: Session;

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
});

function pdf(): Buffer {
  // Unique bytes per test: the same content on another record is another document anyway.
  return Buffer.from(
    `%PDF-1.4\n% ${newId()}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
  );
}

async function upload(claimId: string, filename: string, content: Buffer, kind?: string, key?: string) {
  const boundary = `----w2${randomBytes(8).toString('hex')}`;
  const fields: Record<string, string> = {
    entityType: 'claim',
    entityId: claimId,
    ...(kind ? { kind } : {}),
  };
  const payload = Buffer.concat([
    ...Object.entries(fields).map(([name, value]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: '/documents',
    headers: {
      ...rep.headers,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload,
  });
}

async function claimId(): Promise<string> {
  const ctx = await customerWithPolicy();
  const res = await app.inject({
    method: 'POST',
    url: '/claims',
    headers: rep.headers,
    payload: claimBody(ctx.customer.id, ctx.policy.id),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('POST /documents with bytes already on the claim', () => {
  it('answers 201 alreadyOnFile false the first time, then 200 with the earlier document and alreadyOnFile true', async () => {
    const id = await claimId();
    const bytes = pdf();
    const first = await upload(id, 'kvitto.pdf', bytes, 'receipt');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      filename: 'kvitto.pdf',
      kind: 'receipt',
      alreadyOnFile: false,
      requestedFilename: 'kvitto.pdf',
      requestedKind: 'receipt',
    });
    const again = await upload(id, 'scan-0001.pdf', bytes, 'receipt');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      id: first.json().id,
      filename: 'kvitto.pdf',
      kind: 'receipt',
      createdAt: first.json().createdAt,
      alreadyOnFile: true,
      requestedFilename: 'scan-0001.pdf',
      requestedKind: 'receipt',
    });
    expect(await countRows('documents', { column: 'entity_id', value: id })).toBe(1);
  });

  it('says which kind this upload named when it differs from the kind on file', async () => {
    const id = await claimId();
    const bytes = pdf();
    await upload(id, 'kvitto.pdf', bytes, 'receipt');
    const again = await upload(id, 'intyg.pdf', bytes, 'medical_certificate');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      alreadyOnFile: true,
      kind: 'receipt',
      requestedKind: 'medical_certificate',
    });
    // The document on file keeps its kind: a repeated upload changes nothing.
    const list = await app.inject({
      method: 'GET',
      url: `/documents?entityType=claim&entityId=${id}`,
      headers: rep.headers,
    });
    expect(list.json().items.map((d: { kind: string }) => d.kind)).toEqual(['receipt']);
  });

  it('a retry with the same Idempotency-Key replays the first answer (200, marked; decision 0005)', async () => {
    const id = await claimId();
    const bytes = pdf();
    const key = `w2-${newId()}`;
    const first = await upload(id, 'a.pdf', bytes, undefined, key);
    const replay = await upload(id, 'a.pdf', bytes, undefined, key);
    expect(first.statusCode).toBe(201);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect(replay.json().alreadyOnFile).toBe(false);
  });
});
