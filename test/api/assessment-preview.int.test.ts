import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, countRows, expectProblem, fieldErrors } from './api-helpers.ts';

// POST /claims/assessment-preview: the assessment a claim draft would get if registered now,
// with nothing written — no claim, no number, no assessment row, no audit event, no accumulator.
// It must agree with what registering the same draft then produces.

let app: FastifyInstance;
let rep: Session;

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
});

async function insured() {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  const { version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  return { customer, policy };
}

function preview(body: unknown, session: Session = rep) {
  return app.inject({
    method: 'POST',
    url: '/claims/assessment-preview',
    headers: session.headers,
    payload: body as Record<string, unknown>,
  });
}

/** Everything a preview could conceivably write, counted for this test's customer and actor. */
async function footprint(customerId: string, policyId: string, userId: string) {
  return {
    claims: await countRows('claims', { column: 'customer_id', value: customerId }),
    lines: await countRows('claim_lines', { column: 'customer_id', value: customerId }),
    auditOfCustomer: await countRows('audit_events', { column: 'customer_id', value: customerId }),
    auditByActor: await countRows('audit_events', { column: 'actor_id', value: userId }),
    accumulators: await countRows('benefit_accumulators', { column: 'policy_id', value: policyId }),
    workItems: await countRows('work_items', { column: 'customer_id', value: customerId }),
  };
}

describe('POST /claims/assessment-preview', () => {
  it('assesses a clean draft as registration would, writing nothing', async () => {
    const { customer, policy } = await insured();
    const body = claimBody(customer.id, policy.id, {
      cause: 'illness',
      incidentCountry: 'ES',
      documents: ['receipt'],
    });
    const before = await footprint(customer.id, policy.id, rep.userId);
    const res = await preview(body);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      saved: false,
      recommendation: 'approve',
      straightThrough: true,
      currency: 'SEK',
      language: 'sv',
      totals: { submittedMinor: 125_000, benefitMinor: 125_000 },
      missing: [],
    });
    expect(p.lines).toHaveLength(1);
    expect(p.explanation.length).toBeGreaterThan(0);
    // Twice, for good measure: a preview is repeatable and leaves no trace.
    expect((await preview(body)).json()).toEqual(p);
    expect(await footprint(customer.id, policy.id, rep.userId)).toEqual(before);

    // Registering the same draft gets the same assessment.
    const registered = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep.headers,
      payload: body,
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const a = registered.json().assessment;
    expect({
      recommendation: p.recommendation,
      straightThrough: p.straightThrough,
      totals: p.totals,
      lines: p.lines,
      missing: p.missing,
      explanation: p.explanation,
      productVersionId: p.productVersionId,
    }).toEqual({
      recommendation: a.recommendation,
      straightThrough: a.straightThrough,
      totals: a.totals,
      lines: a.lines,
      missing: a.missing,
      explanation: a.explanation,
      productVersionId: a.productVersionId,
    });
  });

  it('names the documents still missing, and sees the claims on file', async () => {
    const { customer, policy } = await insured();
    const body = claimBody(customer.id, policy.id, { cause: 'illness', incidentCountry: 'ES' });
    const res = await preview(body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      recommendation: 'request_information',
      straightThrough: false,
      missing: [{ document: 'receipt', benefitCode: 'MEDICAL_EXPENSES' }],
    });
    // Once the same claim is on file, a second draft of it is flagged as its duplicate.
    const first = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep.headers,
      payload: { ...body, documents: ['receipt'] },
    });
    expect(first.statusCode, first.body).toBe(201);
    const again = (await preview({ ...body, documents: ['receipt'] })).json();
    expect(again.riskFlags.map((f: { claimNumber: string }) => f.claimNumber)).toContain(
      first.json().claimNumber,
    );
    expect(again.straightThrough).toBe(false);
  });

  it('refuses a malformed draft with 400 and the field paths, and an impossible one with 422', async () => {
    const { customer, policy } = await insured();
    const before = await footprint(customer.id, policy.id, rep.userId);
    const bad = await preview(
      claimBody(customer.id, policy.id, {
        incidentDate: 'yesterday',
        lines: [
          { benefitCode: 'MEDICAL_EXPENSES', description: '', serviceDate: '2026-02-15', currency: 'SEK' },
        ],
      }),
    );
    const problem = expectProblem(bad, 400, 'validation_failed');
    const paths = fieldErrors(problem).map((e) => e.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['incidentDate', 'lines.0.description', 'lines.0.amountMinor']),
    );
    const future = await preview(claimBody(customer.id, policy.id, { incidentDate: '2999-01-01' }));
    expect(fieldErrors(expectProblem(future, 422, 'claim_date_invalid')).map((e) => e.path)).toContainEqual([
      'incidentDate',
    ]);
    const other = await insured();
    const wrongPolicy = await preview(claimBody(customer.id, other.policy.id));
    expect(fieldErrors(expectProblem(wrongPolicy, 422, 'policy_not_of_customer'))[0]?.path).toEqual([
      'policyId',
    ]);
    expect(await footprint(customer.id, policy.id, rep.userId)).toEqual(before);
  });

  it('lets whoever may register a claim preview it: a customer only their own, an auditor not at all', async () => {
    const { customer, policy } = await insured();
    const other = await insured();
    const self = await signInAs('customer', { customerId: customer.id });
    const own = await preview(claimBody(customer.id, policy.id, { documents: ['receipt'] }), self);
    expect(own.statusCode, own.body).toBe(200);
    expectProblem(
      await preview(claimBody(other.customer.id, other.policy.id), self),
      422,
      'customer_not_found',
    );
    expectProblem(await preview(claimBody(customer.id, other.policy.id), self), 422, 'policy_not_found');
    const auditor = await signInAs('auditor');
    expectProblem(await preview(claimBody(customer.id, policy.id), auditor), 403, 'forbidden');
  });
});
