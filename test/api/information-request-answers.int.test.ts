import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { claimBody, customerWithPolicy, expectProblem } from './api-helpers.ts';

// Staff read what the customer answered to a request for information: GET
// /claims/{ref}/information-requests returns each request with the written answers, the kinds of
// document the customer said they sent, and the files that reached the claim meanwhile. Whoever
// may read the claim may read it; another customer gets 404.

let app: FastifyInstance;
let rep: Session;

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
});

function multipart(fields: Record<string, string>, file: { filename: string; content: Buffer }) {
  const boundary = `----w2${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function claimWithRequest() {
  const ctx = await customerWithPolicy();
  const created = await app.inject({
    method: 'POST',
    url: '/claims',
    headers: rep.headers,
    payload: claimBody(ctx.customer.id, ctx.policy.id),
  });
  expect(created.statusCode, created.body).toBe(201);
  const claim = created.json() as { id: string; claimNumber: string; version: number };
  const asked = await app.inject({
    method: 'POST',
    url: `/claims/${claim.claimNumber}/information-requests`,
    headers: rep.headers,
    payload: {
      version: claim.version,
      items: [
        { kind: 'document', document: 'medical_certificate' },
        { kind: 'question', text: 'Which hospital treated you?' },
      ],
    },
  });
  expect(asked.statusCode, asked.body).toBe(201);
  const portal = await signInAs('customer', { customerId: ctx.customer.id });
  return { ...ctx, claim, portal };
}

describe('GET /claims/{ref}/information-requests', () => {
  it('shows staff the open request, then the customer’s written answer and the file they sent', async () => {
    const { claim, portal } = await claimWithRequest();
    const before = await app.inject({
      method: 'GET',
      url: `/claims/${claim.claimNumber}/information-requests`,
      headers: rep.headers,
    });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().items).toMatchObject([
      {
        status: 'open',
        items: [
          { kind: 'document', document: 'medical_certificate' },
          { kind: 'question', text: 'Which hospital treated you?' },
        ],
        answeredAt: null,
        answer: null,
        documents: [],
      },
    ]);

    // The portal's answer flow: the file first, then the answer naming its kind and the text.
    const body = multipart(
      { entityType: 'claim', entityId: claim.id, kind: 'medical_certificate' },
      { filename: 'intyg.pdf', content: PDF },
    );
    const uploaded = await app.inject({
      method: 'POST',
      url: '/documents',
      headers: { ...portal.headers, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const answered = await app.inject({
      method: 'POST',
      url: `/claims/${claim.claimNumber}/information-requests/answer`,
      headers: portal.headers,
      payload: {
        channel: 'portal',
        documents: ['medical_certificate'],
        answers: ['Södersjukhuset, 12–14 February.\nI was admitted through the emergency room.'],
      },
    });
    expect(answered.statusCode, answered.body).toBe(200);

    const after = await app.inject({
      method: 'GET',
      url: `/claims/${claim.id}/information-requests`,
      headers: rep.headers,
    });
    expect(after.statusCode, after.body).toBe(200);
    const [request] = after.json().items;
    expect(request).toMatchObject({
      status: 'answered',
      answerChannel: 'portal',
      answer: {
        answers: ['Södersjukhuset, 12–14 February.\nI was admitted through the emergency room.'],
        documentKinds: ['medical_certificate'],
        note: null,
      },
      documents: [
        {
          id: uploaded.json().id,
          filename: 'intyg.pdf',
          kind: 'medical_certificate',
          mediaType: 'application/pdf',
          source: 'portal',
        },
      ],
    });
    expect(Date.parse(request.answeredAt)).toBeGreaterThanOrEqual(Date.parse(request.createdAt));

    // The customer reads their own; the work view is staff's, but this is the claim's own record.
    const own = await app.inject({
      method: 'GET',
      url: `/claims/${claim.claimNumber}/information-requests`,
      headers: portal.headers,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().items[0].answer.answers).toHaveLength(1);
  });

  it('is scoped like the claim: 404 for another customer and for an unknown claim; 401 without a session', async () => {
    const { claim } = await claimWithRequest();
    const other = await customerWithPolicy();
    const stranger = await signInAs('customer', { customerId: other.customer.id });
    expectProblem(
      await app.inject({
        method: 'GET',
        url: `/claims/${claim.claimNumber}/information-requests`,
        headers: stranger.headers,
      }),
      404,
      'not_found',
    );
    expectProblem(
      await app.inject({
        method: 'GET',
        url: '/claims/CLM-2026-999999/information-requests',
        headers: rep.headers,
      }),
      404,
      'not_found',
    );
    const anonymous = await app.inject({
      method: 'GET',
      url: `/claims/${claim.claimNumber}/information-requests`,
    });
    expect(anonymous.statusCode).toBe(401);
    const auditor = await signInAs('auditor');
    const read = await app.inject({
      method: 'GET',
      url: `/claims/${claim.claimNumber}/information-requests`,
      headers: auditor.headers,
    });
    expect(read.statusCode, read.body).toBe(200);
  });

  it('is an empty list for a claim nobody asked anything', async () => {
    const ctx = await customerWithPolicy();
    const created = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep.headers,
      payload: claimBody(ctx.customer.id, ctx.policy.id),
    });
    const res = await app.inject({
      method: 'GET',
      url: `/claims/${created.json().claimNumber}/information-requests`,
      headers: rep.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [] });
  });
});
