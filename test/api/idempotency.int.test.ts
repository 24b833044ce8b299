import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import {
  auditEventsBy,
  claimBody,
  countRows,
  customerWithPolicy,
  expectProblem,
  uniqueSuffix,
} from './api-helpers.ts';

// A retried claim registration (timeout, double click, resent import) never registers twice:
// the Idempotency-Key (per actor) and the sender's externalRef (global) both replay the first.

const CLAIM_NUMBER = /^CLM-\d{4}-\d{6}$/;

let app: FastifyInstance;
let rep: Session;

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
});

function postClaim(body: Record<string, unknown>, key?: string, session: Session = rep) {
  return app.inject({
    method: 'POST',
    url: '/claims',
    headers: { ...session.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });
}

const claimsOf = (customerId: string) => countRows('claims', { column: 'customer_id', value: customerId });

describe('Idempotency-Key', () => {
  it('a retry with the same key and body → 200 replay of the same claim, one row', async () => {
    const { customer, policy } = await customerWithPolicy();
    const body = claimBody(customer.id, policy.id);
    const key = `key-${uniqueSuffix()}`;

    const first = await postClaim(body, key);
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const claim = first.json();
    expect(claim.claimNumber).toMatch(CLAIM_NUMBER);
    expect(claim).toMatchObject({ customerId: customer.id, policyId: policy.id, totalClaimedMinor: 125_000 });
    const audit = await auditEventsBy(rep.userId);

    const second = await postClaim(body, key);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(claim);

    expect(await claimsOf(customer.id)).toBe(1);
    expect(await countRows('claim_lines', { column: 'customer_id', value: customer.id })).toBe(1);
    expect(await auditEventsBy(rep.userId)).toBe(audit);
  });

  it('the same key with a different body → 409 idempotency_key_reused, nothing written', async () => {
    const { customer, policy } = await customerWithPolicy();
    const key = `key-${uniqueSuffix()}`;
    expect((await postClaim(claimBody(customer.id, policy.id), key)).statusCode).toBe(201);

    const changed = claimBody(customer.id, policy.id, { description: 'A different story' });
    const res = await postClaim(changed, key);
    const problem = expectProblem(res, 409, 'idempotency_key_reused');
    expect(problem.detail).toContain(key);
    expect(await claimsOf(customer.id)).toBe(1);
  });

  it('keys are per actor: another representative with the same key registers their own claim', async () => {
    const { customer, policy } = await customerWithPolicy();
    const other = await signInAs('representative');
    const key = `key-${uniqueSuffix()}`;
    const a = await postClaim(claimBody(customer.id, policy.id), key);
    const b = await postClaim(claimBody(customer.id, policy.id), key, other);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json().id).not.toBe(a.json().id);
    expect(await claimsOf(customer.id)).toBe(2);
  });

  it('a too short key → 400 validation_failed in headers', async () => {
    const { customer, policy } = await customerWithPolicy();
    const res = await postClaim(claimBody(customer.id, policy.id), 'short');
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.[0]).toMatchObject({ in: 'headers', path: ['idempotency-key'] });
    expect(await claimsOf(customer.id)).toBe(0);
  });

  it('five concurrent identical requests → one claim, one 201 and four replays', async () => {
    const { customer, policy } = await customerWithPolicy();
    const body = claimBody(customer.id, policy.id);
    const key = `key-${uniqueSuffix()}`;
    const responses = await Promise.all(Array.from({ length: 5 }, () => postClaim(body, key)));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(responses.map((r) => r.json().id));
    const numbers = new Set(responses.map((r) => r.json().claimNumber));
    expect(ids.size).toBe(1);
    expect(numbers.size).toBe(1);
    expect([...numbers][0]).toMatch(CLAIM_NUMBER);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    expect(await claimsOf(customer.id)).toBe(1);
    // claim.registered, claim.assessed and claim.status_changed (→ in_review), once.
    expect(await countRows('audit_events', { column: 'entity_id', value: [...ids][0] })).toBe(3);
  });
});

describe('externalRef', () => {
  it('the same externalRef under two different keys → one claim, the second a replay', async () => {
    const { customer, policy } = await customerWithPolicy();
    const body = claimBody(customer.id, policy.id, { externalRef: `EXT-${uniqueSuffix()}` });
    const keyA = `key-a-${uniqueSuffix()}`;
    const keyB = `key-b-${uniqueSuffix()}`;

    const first = await postClaim(body, keyA);
    expect(first.statusCode).toBe(201);
    const second = await postClaim(body, keyB);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(await claimsOf(customer.id)).toBe(1);

    // Retrying the second request again must replay the same claim too (its key must not be left
    // behind as an empty placeholder).
    const third = await postClaim(body, keyB);
    expect(third.statusCode).toBe(200);
    expect(third.json()).toEqual(first.json());
    expect(await claimsOf(customer.id)).toBe(1);
  });

  it('the same externalRef without any key → one claim', async () => {
    const { customer, policy } = await customerWithPolicy();
    const body = claimBody(customer.id, policy.id, { externalRef: `EXT-${uniqueSuffix()}` });
    const first = await postClaim(body);
    const second = await postClaim(body);
    expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
    expect(second.json().claimNumber).toBe(first.json().claimNumber);
    expect(first.json().externalRef).toBe(body.externalRef);
    expect(await claimsOf(customer.id)).toBe(1);
  });

  it('the same externalRef with a different body → 409 external_ref_exists at externalRef, nothing written', async () => {
    const { customer, policy } = await customerWithPolicy();
    const body = claimBody(customer.id, policy.id, { externalRef: `EXT-${uniqueSuffix()}` });
    expect((await postClaim(body)).statusCode).toBe(201);
    const res = await postClaim({ ...body, description: 'A different claim reusing the reference' });
    const problem = expectProblem(res, 409, 'external_ref_exists');
    expect(problem.errors?.[0]?.path).toEqual(['externalRef']);
    expect(await claimsOf(customer.id)).toBe(1);
  });

  it('concurrent requests with one externalRef and different keys → one claim', async () => {
    const { customer, policy } = await customerWithPolicy();
    const body = claimBody(customer.id, policy.id, { externalRef: `EXT-${uniqueSuffix()}` });
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) => postClaim(body, `key-${i}-${uniqueSuffix()}`)),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    expect(await claimsOf(customer.id)).toBe(1);
  });
});

describe('claim numbers', () => {
  it('are CLM-YYYY-NNNNNN, distinct, and readable back by number', async () => {
    const { customer, policy } = await customerWithPolicy();
    const a = (await postClaim(claimBody(customer.id, policy.id))).json();
    const b = (await postClaim(claimBody(customer.id, policy.id, { description: 'Second' }))).json();
    expect(a.claimNumber).toMatch(CLAIM_NUMBER);
    expect(b.claimNumber).toMatch(CLAIM_NUMBER);
    expect(b.claimNumber).not.toBe(a.claimNumber);
    const byNumber = await app.inject({
      method: 'GET',
      url: `/claims/${b.claimNumber}`,
      headers: rep.headers,
    });
    expect(byNumber.statusCode).toBe(200);
    expect(byNumber.json().id).toBe(b.id);
  });
});
