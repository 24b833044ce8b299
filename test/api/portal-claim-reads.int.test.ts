import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.ts';
import { testApp } from '../support/test-app.ts';
import { expectProblem } from './api-helpers.ts';
import {
  approveAndDeliver,
  bearer,
  insuredCustomer,
  portalClaimBody,
  portalUser,
} from './portal-fixtures.ts';

// The portal's reads about a claim: the request for information (what was asked, by when) and the
// letters sent about it, whose PDF the claim's customer downloads as a document. Another customer
// is told "not found"; staff read any claim's.

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});

async function customerWithClaim(documents: string[]) {
  const ctx = await insuredCustomer('en');
  const user = await portalUser('customer', 'Emma Clarke', ctx.customer.id);
  const headers = await bearer(app, user.email);
  const res = await app.inject({
    method: 'POST',
    url: '/claims',
    headers,
    payload: portalClaimBody(ctx.customer.id, ctx.policy.id, ctx.currency, documents),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...ctx, headers, claim: res.json() as { id: string; claimNumber: string; status: string } };
}

describe('GET /claims/{ref}/information-request', () => {
  it('shows the open request the assessment made for a missing receipt, and then its answer', async () => {
    const { headers, claim } = await customerWithClaim([]);
    expect(claim.status).toBe('awaiting_information');
    const res = await app.inject({
      method: 'GET',
      url: `/claims/${claim.claimNumber}/information-request`,
      headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      claimNumber: claim.claimNumber,
      request: { status: 'open', items: [{ kind: 'document', document: 'receipt' }], answeredAt: null },
    });
    expect(body.request.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const answer = await app.inject({
      method: 'POST',
      url: `/claims/${claim.claimNumber}/information-requests/answer`,
      headers,
      payload: { documents: ['receipt'], answers: ['Attached.'] },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const after = await app.inject({
      method: 'GET',
      url: `/claims/${claim.id}/information-request`,
      headers,
    });
    expect(after.json().request).toMatchObject({ status: 'answered' });
    expect(after.json().request.answeredAt).not.toBeNull();
  });

  it('is null when nothing was asked', async () => {
    const { headers, claim } = await customerWithClaim(['receipt']);
    const res = await app.inject({ method: 'GET', url: `/claims/${claim.id}/information-request`, headers });
    expect(res.json()).toEqual({ claimNumber: claim.claimNumber, request: null });
  });
});

describe('GET /claims/{ref}/letters', () => {
  it('lists the letter of a decision sent by email; the customer downloads its PDF; others get 404', async () => {
    // A customer without a portal login hears by email, with the letter attached.
    const ctx = await insuredCustomer('en');
    const rep = await bearer(app, (await portalUser('representative', 'Rita Rep')).email);
    const filed = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep,
      payload: { ...portalClaimBody(ctx.customer.id, ctx.policy.id, ctx.currency), channel: 'phone' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const claim = filed.json() as { id: string; claimNumber: string; status: string };
    expect(claim.status).toBe('in_review');
    const empty = await app.inject({ method: 'GET', url: `/claims/${claim.id}/letters`, headers: rep });
    expect(empty.json()).toEqual({ claimNumber: claim.claimNumber, items: [] });
    await approveAndDeliver(app, rep, claim.id);
    // The customer signs up for the portal afterwards and finds the letter there.
    const headers = await bearer(app, (await portalUser('customer', 'Emma Clarke', ctx.customer.id)).email);

    const res = await app.inject({ method: 'GET', url: `/claims/${claim.claimNumber}/letters`, headers });
    expect(res.statusCode, res.body).toBe(200);
    const { items } = res.json() as { items: { documentId: string; template: string; filename: string }[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      template: 'decision_approval',
      channel: 'email',
      filename: `${claim.claimNumber}-decision_approval.pdf`,
    });
    const pdf = await app.inject({
      method: 'GET',
      url: `/documents/${items[0]?.documentId}/content`,
      headers,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // Staff read it too; another customer learns nothing, not even that the claim exists.
    const staff = await app.inject({ method: 'GET', url: `/claims/${claim.id}/letters`, headers: rep });
    expect(staff.json().items).toHaveLength(1);
    const other = await insuredCustomer('sv');
    const stranger = await bearer(app, (await portalUser('customer', 'Other', other.customer.id)).email);
    for (const url of [`/claims/${claim.id}/letters`, `/claims/${claim.claimNumber}/information-request`]) {
      expectProblem(await app.inject({ method: 'GET', url, headers: stranger }), 404, 'not_found');
    }
    expectProblem(
      await app.inject({
        method: 'GET',
        url: `/documents/${items[0]?.documentId}/content`,
        headers: stranger,
      }),
      404,
      'not_found',
    );
  });
});

describe('GET /claims/{ref}/decision-letter', () => {
  it('writes the decision letter for a customer told in the portal; the sent PDF for one told by email', async () => {
    const { headers, claim } = await customerWithClaim(['receipt']);
    const before = await app.inject({ method: 'GET', url: `/claims/${claim.id}/decision-letter`, headers });
    expectProblem(before, 404, 'not_found');
    const rep = await bearer(app, (await portalUser('representative', 'Rita Rep')).email);
    await approveAndDecideOnly(rep, claim.id);
    const res = await app.inject({
      method: 'GET',
      url: `/claims/${claim.claimNumber}/decision-letter`,
      headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    expect(res.headers['content-disposition']).toMatch(/^inline; filename=".*-decision_approval\.pdf"/);
    const text = await pdfText(new Uint8Array(res.rawPayload));
    expect(text).toContain(claim.claimNumber);
    expect(text).toContain('Emma Clarke');
    // No letter exists for the portal notice: nothing was stored or sent.
    const letters = await app.inject({ method: 'GET', url: `/claims/${claim.id}/letters`, headers });
    expect(letters.json().items).toEqual([]);
    const other = await insuredCustomer('sv');
    const stranger = await bearer(app, (await portalUser('customer', 'Other', other.customer.id)).email);
    expectProblem(
      await app.inject({ method: 'GET', url: `/claims/${claim.id}/decision-letter`, headers: stranger }),
      404,
      'not_found',
    );
  });
});

async function approveAndDecideOnly(rep: { authorization: string }, claimId: string) {
  const version = (await app.inject({ method: 'GET', url: `/claims/${claimId}`, headers: rep })).json()
    .version;
  const res = await app.inject({
    method: 'POST',
    url: `/claims/${claimId}/decision`,
    headers: { ...rep, 'idempotency-key': crypto.randomUUID() },
    payload: { version, outcome: 'approve' },
  });
  expect(res.statusCode, res.body).toBe(201);
}
