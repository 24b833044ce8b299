import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, expectProblem, uniqueSuffix } from './api-helpers.ts';

// Decisions by people: authority limits, four-eyes, escalations to a supervisor and back, races,
// idempotent retries, appeals that supersede a decision and withdrawal. Claims land in review by
// being above the product's straight-through limit (5 000 SEK) with every document received.
// Authority rows are for this file's products only, so other files' rows never interfere.

let app: FastifyInstance;
let clerk: Session; // registers claims, so that the deciding representative did not
let rep: Session;
let sup: Session;
let sup2: Session;

const REP_MAX = 900_000; // 9 000 SEK
const REP_OWN_MAX = 300_000; // 3 000 SEK
const SUP_MAX = 5_000_000;

beforeAll(async () => {
  app = await testApp();
  [clerk, rep, sup, sup2] = await Promise.all([
    signInAs('representative'),
    signInAs('representative'),
    signInAs('supervisor'),
    signInAs('supervisor'),
  ]);
  const { db } = await testDatabase();
  await db
    .updateTable('users')
    .set({ manager_id: sup.userId })
    .where('id', 'in', [rep.userId, clerk.userId])
    .execute();
});

/** A customer with a paid-up policy on a fresh product whose limits are set for this file's roles. */
async function insured(opts: { repMax?: number } = {}) {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  await db
    .insertInto('authority_limits')
    .values([
      {
        id: newId(),
        role: 'representative',
        user_id: null,
        product_code: product.code,
        currency: 'SEK',
        max_amount_minor: opts.repMax ?? REP_MAX,
        own_registration_max_minor: REP_OWN_MAX,
        causes: null,
      },
      {
        id: newId(),
        role: 'supervisor',
        user_id: null,
        product_code: product.code,
        currency: 'SEK',
        max_amount_minor: SUP_MAX,
        own_registration_max_minor: SUP_MAX,
        causes: null,
      },
    ])
    .execute();
  return { customer, product, policy };
}

type Line = { amountMinor: number };

async function claimInReview(opts: { lines?: Line[]; by?: Session } = {}) {
  const ctx = await insured();
  const lines = (opts.lines ?? [{ amountMinor: 800_000 }]).map((l, i) => ({
    benefitCode: 'MEDICAL_EXPENSES',
    description: `Clinic visit ${i + 1}`,
    serviceDate: '2026-02-15',
    amountMinor: l.amountMinor,
    currency: 'SEK',
  }));
  const res = await app.inject({
    method: 'POST',
    url: '/claims',
    headers: (opts.by ?? clerk).headers,
    payload: claimBody(ctx.customer.id, ctx.policy.id, { cause: 'illness', documents: ['receipt'], lines }),
  });
  expect(res.statusCode, res.body).toBe(201);
  const claim = res.json();
  expect(claim.status).toBe('in_review');
  return { ...ctx, claim: claim as { id: string; claimNumber: string; version: number } };
}

function decide(session: Session, ref: string, payload: Record<string, unknown>, key?: string) {
  return app.inject({
    method: 'POST',
    url: `/claims/${ref}/decision`,
    headers: { ...session.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });
}

function post(session: Session, url: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url, headers: session.headers, payload });
}

async function claimRow(id: string) {
  const { db } = await testDatabase();
  return db.selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function decisionsOf(claimId: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('claim_decisions')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('decision_no')
    .execute();
}

async function escalationsOf(claimId: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('claim_escalations')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('created_at')
    .execute();
}

async function notices(opts: { kind: string; userId?: string; customerId?: string }) {
  const { db } = await testDatabase();
  let q = db.selectFrom('notifications').selectAll().where('kind', '=', opts.kind);
  if (opts.userId) q = q.where('user_id', '=', opts.userId);
  if (opts.customerId) q = q.where('customer_id', '=', opts.customerId);
  return q.execute();
}

async function used(policyId: string): Promise<number> {
  const { db } = await testDatabase();
  const rows = await db
    .selectFrom('benefit_accumulators')
    .select(['key', 'used'])
    .where('policy_id', '=', policyId)
    .where('key', 'like', 'limit_year|%')
    .execute();
  return rows.reduce((sum, r) => sum + r.used, 0);
}

describe('deciding within authority', () => {
  it('approves with the assessment amounts, updates accumulators and tells the customer', async () => {
    const { claim, policy, customer } = await claimInReview();
    const res = await decide(rep, claim.id, {
      version: claim.version,
      outcome: 'approve',
      comment: 'All in order',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      result: 'decided',
      escalation: null,
      claim: { status: 'approved' },
      decision: {
        outcome: 'approved',
        amountMinor: 800_000,
        decisionNo: 1,
        decidedBy: rep.userId,
        straightThrough: false,
      },
    });
    expect(body.decision.lines).toEqual([{ lineNo: 1, payableMinor: 800_000 }]);
    expect(await used(policy.id)).toBe(800_000);
    const [notice] = await notices({ kind: 'claim.decided', customerId: customer.id });
    expect(notice).toMatchObject({
      audience: 'customer',
      channel: 'email',
      dedupe_key: `decided:${body.decision.id}`,
    });
  });

  it('partially approves with per-line amounts; accumulators count only what is paid', async () => {
    const { claim, policy } = await claimInReview({
      lines: [{ amountMinor: 600_000 }, { amountMinor: 300_000 }],
    });
    const res = await decide(rep, claim.claimNumber, {
      version: claim.version,
      outcome: 'partial',
      lines: [{ lineNo: 1, payableMinor: 400_000 }],
      reasonCodes: ['not_medically_necessary'],
      clause: '§4.1',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      claim: { status: 'partially_approved' },
      decision: {
        outcome: 'partially_approved',
        amountMinor: 400_000,
        lines: [
          { lineNo: 1, payableMinor: 400_000 },
          { lineNo: 2, payableMinor: 0 },
        ],
        clauses: ['§4.1'],
      },
    });
    expect(await used(policy.id)).toBe(400_000);
  });

  it('refuses to pay more than the assessment allows for a line (422, field path)', async () => {
    const { claim } = await claimInReview();
    const res = await decide(rep, claim.id, {
      version: claim.version,
      outcome: 'partial',
      lines: [{ lineNo: 1, payableMinor: 800_001 }],
    });
    const problem = expectProblem(res, 422, 'decision_amount_invalid');
    expect(problem.errors?.[0]).toMatchObject({ path: ['lines', 0, 'payableMinor'], code: 'above_claimed' });
    const unknown = await decide(rep, claim.id, {
      version: claim.version,
      outcome: 'partial',
      lines: [{ lineNo: 7, payableMinor: 1 }],
    });
    expect(expectProblem(unknown, 422, 'decision_amount_invalid').errors?.[0]).toMatchObject({
      path: ['lines', 0, 'lineNo'],
      code: 'unknown_line',
    });
    expect((await claimRow(claim.id)).status).toBe('in_review');
  });

  it('a denial needs reason codes; with them it pays nothing and adds nothing', async () => {
    const { claim, policy } = await claimInReview();
    const bad = await decide(rep, claim.id, { version: claim.version, outcome: 'deny' });
    const problem = expectProblem(bad, 400, 'validation_failed');
    expect(problem.errors?.map((e) => e.path)).toContainEqual(['reasonCodes']);
    const res = await decide(rep, claim.id, {
      version: claim.version,
      outcome: 'deny',
      reasonCodes: ['excluded_activity'],
      clause: '§7.2',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().decision).toMatchObject({
      outcome: 'denied',
      amountMinor: 0,
      reasonCodes: ['excluded_activity'],
    });
    expect(await used(policy.id)).toBe(0);
  });
});

describe('escalation', () => {
  it('above authority escalates automatically; the supervisor sees it and decides', async () => {
    const { claim, policy } = await claimInReview({ lines: [{ amountMinor: 1_200_000 }] });
    const res = await decide(rep, claim.id, {
      version: claim.version,
      outcome: 'approve',
      comment: 'Looks right',
    });
    expect(res.statusCode, res.body).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({
      result: 'escalated',
      decision: null,
      claim: { status: 'escalated' },
      escalation: {
        reason: 'above_authority',
        status: 'open',
        escalatedBy: rep.userId,
        escalatedTo: sup.userId,
        proposal: { outcome: 'approve', amountMinor: 1_000_000, comment: 'Looks right' },
      },
    });
    // 1 200 000 claimed, 1 000 000 allowed by the yearly limit (§4.3): the proposal carries that.
    expect(await decisionsOf(claim.id)).toHaveLength(0);
    expect(await notices({ kind: 'claim.escalated', userId: sup.userId })).toHaveLength(1);
    // The customer is told a senior colleague decides, never why.
    const { db } = await testDatabase();
    const told = await db
      .selectFrom('notifications')
      .select(['body', 'audience'])
      .where('kind', '=', 'claim.escalated_to_senior')
      .where('entity_id', '=', claim.id)
      .execute();
    expect(told).toHaveLength(1);
    expect(told[0]?.audience).toBe('customer');
    expect(told[0]?.body).not.toMatch(/authority|befogenhet limit|above_authority/);

    const desk = await app.inject({ method: 'GET', url: '/escalations?limit=200', headers: sup.headers });
    expect(desk.statusCode).toBe(200);
    expect(desk.json().items.map((e: { claimId: string }) => e.claimId)).toContain(claim.id);

    // The representative may not decide it any more; the supervisor does.
    const version = (await claimRow(claim.id)).version;
    expectProblem(await decide(rep, claim.id, { version, outcome: 'approve' }), 403, 'forbidden');
    const decided = await decide(sup, claim.id, { version, outcome: 'approve', comment: 'Agreed' });
    expect(decided.statusCode, decided.body).toBe(201);
    expect(decided.json()).toMatchObject({
      claim: { status: 'approved' },
      decision: { decidedBy: sup.userId, amountMinor: 1_000_000, escalationId: body.escalation.id },
      escalation: { status: 'decided', resolvedBy: sup.userId },
    });
    expect(await used(policy.id)).toBe(1_000_000);
    const history = await app.inject({
      method: 'GET',
      url: `/claims/${claim.id}/escalations`,
      headers: rep.headers,
    });
    expect(history.json().items).toHaveLength(1);
  });

  it('four-eyes: a representative cannot decide a claim they registered above the amount', async () => {
    const { claim } = await claimInReview({ by: rep });
    const res = await decide(rep, claim.id, { version: claim.version, outcome: 'approve' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().escalation).toMatchObject({ reason: 'four_eyes_own_registration' });
  });

  it('four-eyes: a related customer is always escalated, whatever the amount', async () => {
    const { claim, customer } = await claimInReview({ lines: [{ amountMinor: 510_000 }] });
    const { db } = await testDatabase();
    await db
      .updateTable('customers')
      .set({ related_staff_user_ids: [rep.userId] })
      .where('id', '=', customer.id)
      .execute();
    const res = await decide(rep, claim.id, {
      version: claim.version,
      outcome: 'partial',
      lines: [{ lineNo: 1, payableMinor: 100 }],
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().escalation).toMatchObject({ reason: 'four_eyes_related_customer' });
  });

  it('the supervisor returns the claim with a comment; the representative is told', async () => {
    const { claim } = await claimInReview();
    const escalated = await post(rep, `/claims/${claim.id}/escalation`, {
      reason: 'Unusual clinic',
      version: claim.version,
    });
    expect(escalated.statusCode, escalated.body).toBe(201);
    expect(escalated.json().escalation).toMatchObject({
      reason: 'manual',
      comment: 'Unusual clinic',
      proposal: null,
    });

    const version = (await claimRow(claim.id)).version;
    expect(escalated.json().escalation.claimVersion).toBe(version);
    expectProblem(await post(sup, `/claims/${claim.id}/escalation/return`, {}), 400, 'validation_failed');
    expectProblem(
      await post(rep, `/claims/${claim.id}/escalation/return`, { comment: 'x', version }),
      403,
      'forbidden',
    );
    const res = await post(sup, `/claims/${claim.id}/escalation/return`, {
      comment: 'Call the clinic first',
      version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      claim: { status: 'in_review' },
      escalation: { status: 'returned', resolutionComment: 'Call the clinic first' },
    });
    const [notice] = await notices({ kind: 'escalation.returned', userId: rep.userId });
    expect(notice?.body).toContain('Call the clinic first');
    // Returning again: the claim is no longer escalated.
    expectProblem(
      await post(sup, `/claims/${claim.id}/escalation/return`, {
        comment: 'again',
        version: (await claimRow(claim.id)).version,
      }),
      409,
      'claim_transition_not_allowed',
    );
  });

  it('two supervisors deciding the same escalation: exactly one wins, the other gets 409', async () => {
    const { claim } = await claimInReview({ lines: [{ amountMinor: 1_200_000 }] });
    expect((await decide(rep, claim.id, { version: claim.version, outcome: 'approve' })).statusCode).toBe(
      202,
    );
    const version = (await claimRow(claim.id)).version;
    const results = await Promise.all([
      decide(sup, claim.id, { version, outcome: 'approve' }),
      decide(sup2, claim.id, { version, outcome: 'partial', lines: [{ lineNo: 1, payableMinor: 500_000 }] }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.statusCode === 409);
    if (loser) expect(['claim_already_decided', 'version_conflict']).toContain(loser.json().code);
    expect((await decisionsOf(claim.id)).filter((d) => d.superseded_at === null)).toHaveLength(1);
    expect((await escalationsOf(claim.id)).map((e) => e.status)).toEqual(['decided']);
  });
});

describe('concurrency and retries', () => {
  it('a stale version is refused with 409 and changes nothing', async () => {
    const { claim } = await claimInReview();
    expectProblem(
      await decide(rep, claim.id, { version: claim.version + 5, outcome: 'approve' }),
      409,
      'version_conflict',
    );
    expect(await decisionsOf(claim.id)).toHaveLength(0);
  });

  it('an idempotent retry returns the same decision and writes nothing new', async () => {
    const { claim } = await claimInReview();
    const key = `decide-${uniqueSuffix()}`;
    const payload = { version: claim.version, outcome: 'approve' };
    const first = await decide(rep, claim.id, payload, key);
    expect(first.statusCode, first.body).toBe(201);
    const { db } = await testDatabase();
    const eventsAfterFirst = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_id', '=', claim.id)
      .executeTakeFirstOrThrow();
    const retry = await decide(rep, claim.id, payload, key);
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().decision.id).toBe(first.json().decision.id);
    expect(await decisionsOf(claim.id)).toHaveLength(1);
    const eventsAfterRetry = await db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_id', '=', claim.id)
      .executeTakeFirstOrThrow();
    expect(Number(eventsAfterRetry.n)).toBe(Number(eventsAfterFirst.n));
    // The same key with another request body is a client bug.
    expectProblem(
      await decide(rep, claim.id, { ...payload, comment: 'other' }, key),
      409,
      'idempotency_key_reused',
    );
    // Without a key, a second decision finds the claim decided.
    expectProblem(await decide(rep, claim.id, payload), 409, 'claim_already_decided');
  });
});

describe('appeal and withdrawal', () => {
  it('an appeal reopens the claim; the new decision supersedes the old, accumulators reversed and re-applied', async () => {
    const { claim, policy, customer } = await claimInReview();
    expect((await decide(rep, claim.id, { version: claim.version, outcome: 'approve' })).statusCode).toBe(
      201,
    );
    expect(await used(policy.id)).toBe(800_000);

    const owner = await signInAs('customer', { customerId: customer.id });
    expectProblem(await post(owner, `/claims/${claim.id}/appeal`, {}), 400, 'validation_failed');
    const appealed = await post(owner, `/claims/${claim.id}/appeal`, {
      reason: 'The second invoice was missed',
      version: (await claimRow(claim.id)).version,
    });
    expect(appealed.statusCode, appealed.body).toBe(200);
    expect(appealed.json().status).toBe('appealed');
    const [first] = await decisionsOf(claim.id);
    expect(first?.superseded_at).toBeNull(); // stays current until the new decision
    // Appealing twice: already appealed.
    expectProblem(
      await post(owner, `/claims/${claim.id}/appeal`, {
        reason: 'again',
        version: (await claimRow(claim.id)).version,
      }),
      409,
      'claim_transition_not_allowed',
    );

    const version = (await claimRow(claim.id)).version;
    const res = await decide(rep, claim.id, {
      version,
      outcome: 'partial',
      lines: [{ lineNo: 1, payableMinor: 500_000 }],
      comment: 'On appeal',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().decision).toMatchObject({ decisionNo: 2, amountMinor: 500_000, supersededAt: null });
    const [old, current] = await decisionsOf(claim.id);
    expect(old?.superseded_at).not.toBeNull();
    expect(old?.amount_minor).toBe(800_000);
    expect(current?.superseded_at).toBeNull();
    expect(await used(policy.id)).toBe(500_000);
    expect((await claimRow(claim.id)).status).toBe('partially_approved');
  });

  it('the customer withdraws an undecided claim; it can no longer be decided', async () => {
    const { claim, customer } = await claimInReview();
    const owner = await signInAs('customer', { customerId: customer.id });
    const res = await post(owner, `/claims/${claim.id}/withdrawal`, {
      reason: 'Paid it myself',
      version: claim.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    const version = (await claimRow(claim.id)).version;
    expectProblem(
      await decide(rep, claim.id, { version, outcome: 'approve' }),
      409,
      'claim_transition_not_allowed',
    );
    expectProblem(
      await post(owner, `/claims/${claim.id}/withdrawal`, { reason: 'again', version }),
      409,
      'claim_transition_not_allowed',
    );
  });

  it('a decided claim cannot be withdrawn', async () => {
    const { claim } = await claimInReview();
    expect((await decide(rep, claim.id, { version: claim.version, outcome: 'approve' })).statusCode).toBe(
      201,
    );
    expectProblem(
      await post(rep, `/claims/${claim.id}/withdrawal`, {
        reason: 'x',
        version: (await claimRow(claim.id)).version,
      }),
      409,
      'claim_already_decided',
    );
  });
});

describe('who may do what', () => {
  it('a customer cannot decide (403) nor appeal or withdraw another customer’s claim (404)', async () => {
    const { claim, customer } = await claimInReview();
    const owner = await signInAs('customer', { customerId: customer.id });
    expectProblem(
      await decide(owner, claim.id, { version: claim.version, outcome: 'approve' }),
      403,
      'forbidden',
    );
    const { db } = await testDatabase();
    const other = await makeCustomer(db);
    const stranger = await signInAs('customer', { customerId: other.id });
    const { version } = claim;
    expectProblem(
      await post(stranger, `/claims/${claim.id}/appeal`, { reason: 'mine?', version }),
      404,
      'not_found',
    );
    expectProblem(
      await post(stranger, `/claims/${claim.id}/withdrawal`, { reason: 'mine?', version }),
      404,
      'not_found',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: `/claims/${claim.id}/escalations`, headers: owner.headers }),
      403,
      'forbidden',
    );
    expectProblem(
      await app.inject({ method: 'GET', url: '/escalations', headers: rep.headers }),
      403,
      'forbidden',
    );
  });

  it('no authority row at all escalates with "no authority limit configured"', async () => {
    const { claim } = await claimInReview();
    const { db } = await testDatabase();
    const [row] = await db.selectFrom('claims').select('policy_id').where('id', '=', claim.id).execute();
    const product = await db
      .selectFrom('policies')
      .innerJoin('products', 'products.id', 'policies.product_id')
      .select('products.code')
      .where('policies.id', '=', row?.policy_id ?? '')
      .executeTakeFirstOrThrow();
    await db
      .deleteFrom('authority_limits')
      .where('product_code', '=', product.code)
      .where('role', '=', 'representative')
      .execute();
    const res = await decide(rep, claim.id, { version: claim.version, outcome: 'approve' });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().escalation.proposal.detail).toBe('no authority limit configured');
  });
});
