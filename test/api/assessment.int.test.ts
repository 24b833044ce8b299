import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { accumulatorKey } from '../../src/modules/assessment/accumulator-keys.ts';
import type { Assessment, AssessmentInput } from '../../src/modules/assessment/assessment-types.ts';
import { assessClaim } from '../../src/modules/assessment/index.ts';
import { loadAssessmentContext } from '../../src/modules/assessment-store/index.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  makeProductVersion,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, countRows, expectProblem, uniqueSuffix } from './api-helpers.ts';

// Intake wiring: every registration is assessed in its own transaction; clean claims under the
// product's threshold are decided straight through (accumulators updated with the decision),
// everything else waits in the queue with the recommendation. Each run is stored with its input,
// engine version and product version, so that it can be re-explained exactly.

let app: FastifyInstance;
let rep: Session;

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
});

const MEDICAL = 'MEDICAL_EXPENSES';

/** A customer with a policy on a product with the given config, premium paid for the year. */
async function insured(opts: { config?: unknown; paid?: boolean } = {}) {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { config: opts.config ?? STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  if (opts.paid !== false) {
    await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  }
  const holderId = policy.insuredPersons[0]?.id ?? '';
  return { customer, product, version, policy, holderId };
}

function medicalClaim(
  customerId: string,
  policyId: string,
  opts: { amountMinor: number; incidentDate?: string; documents?: string[] },
) {
  const incidentDate = opts.incidentDate ?? '2026-02-15';
  return claimBody(customerId, policyId, {
    incidentDate,
    cause: 'illness',
    incidentCountry: 'ES',
    ...(opts.documents ? { documents: opts.documents } : {}),
    lines: [
      {
        benefitCode: MEDICAL,
        description: 'Clinic visit',
        serviceDate: incidentDate,
        amountMinor: opts.amountMinor,
        currency: 'SEK',
      },
    ],
  });
}

async function register(body: Record<string, unknown>, key?: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/claims',
    headers: { ...rep.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res;
}

function documentsReceived(ref: string, payload: Record<string, unknown>, session: Session = rep) {
  return app.inject({
    method: 'POST',
    url: `/claims/${ref}/documents-received`,
    headers: session.headers,
    payload,
  });
}

async function assessmentsOf(claimId: string) {
  const { db } = await testDatabase();
  return db
    .selectFrom('claim_assessments')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('seq')
    .execute();
}

async function decisionsOf(claimId: string) {
  const { db } = await testDatabase();
  return db.selectFrom('claim_decisions').selectAll().where('claim_id', '=', claimId).execute();
}

async function accumulatorsOf(policyId: string): Promise<Record<string, number>> {
  const { db } = await testDatabase();
  const rows = await db
    .selectFrom('benefit_accumulators')
    .select(['key', 'used'])
    .where('policy_id', '=', policyId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.used]));
}

async function claimRow(claimId: string) {
  const { db } = await testDatabase();
  return db.selectFrom('claims').selectAll().where('id', '=', claimId).executeTakeFirstOrThrow();
}

function yearKey(policyId: string, personId: string, benefitCode = MEDICAL): string {
  return accumulatorKey('limit_year', {
    policyId,
    insuredPersonId: personId,
    benefitCode,
    periodStart: '2026-01-01',
  });
}

/** The context as it would be loaded now, inside a (read-only, rolled back) transaction. */
async function contextNow(claimId: string): Promise<AssessmentInput> {
  const { db } = await testDatabase();
  return db.transaction().execute((trx) => loadAssessmentContext(trx, claimId));
}

describe('straight-through', () => {
  it('a clean small claim on a paid-up policy is approved at registration, with its decision and accumulators', async () => {
    const { customer, policy, version, holderId } = await insured();
    const res = await register(
      medicalClaim(customer.id, policy.id, { amountMinor: 125_000, documents: ['receipt'] }),
    );
    expect(res.statusCode).toBe(201);
    const claim = res.json();
    expect(claim).toMatchObject({
      status: 'approved',
      cause: 'illness',
      incidentCountry: 'ES',
      preExistingCondition: false,
      documents: ['receipt'],
      version: 1,
      assessment: {
        seq: 1,
        trigger: 'registration',
        recommendation: 'approve',
        straightThrough: true,
        productVersionId: version.id,
        engineVersion: expect.any(String),
        totals: { submittedMinor: 125_000, benefitMinor: 125_000 },
        missing: [],
        riskFlags: [],
      },
      decision: {
        outcome: 'approved',
        amountMinor: 125_000,
        currency: 'SEK',
        decidedBy: null,
        straightThrough: true,
      },
    });
    expect(claim.lines[0]).toMatchObject({ days: null, amountMinor: 125_000 });
    expect(claim.assessment.explanation.length).toBeGreaterThan(0);
    expect(claim.assessment.reasons.map((r: { code: string }) => r.code)).toContain('straight_through');

    const [stored] = await assessmentsOf(claim.id);
    expect(stored).toMatchObject({
      seq: 1,
      trigger: 'registration',
      recommendation: 'approve',
      straight_through: true,
      benefit_minor: 125_000,
      product_version_id: version.id,
      engine_version: claim.assessment.engineVersion,
    });
    const result = stored?.result as Assessment;
    expect(result.engineVersion).toBe(stored?.engine_version);
    const decisions = await decisionsOf(claim.id);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      outcome: 'approved',
      amount_minor: 125_000,
      decided_by: null,
      straight_through: true,
      assessment_id: stored?.id,
      customer_id: customer.id,
    });
    expect((await claimRow(claim.id)).status).toBe('approved');
    // The customer hears of the decision like any other (and is not sent an acknowledgement too).
    const customerNotices = await (await testDatabase()).db
      .selectFrom('notifications')
      .select(['kind', 'body'])
      .where('customer_id', '=', customer.id)
      .where('audience', '=', 'customer')
      .execute();
    expect(customerNotices.map((n) => n.kind)).toEqual(['claim.decided']);
    expect(customerNotices[0]?.body).toContain(claim.claimNumber);

    const accumulators = await accumulatorsOf(policy.id);
    expect(accumulators[yearKey(policy.id, holderId)]).toBe(125_000);
    // Exactly the deltas the engine returned, nothing else.
    const expected: Record<string, number> = {};
    for (const d of result.accumulatorDeltas)
      if (d.amountMinor !== 0) expected[d.key] = (expected[d.key] ?? 0) + d.amountMinor;
    expect(accumulators).toEqual(expected);

    const { db } = await testDatabase();
    const actions = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_role', 'data'])
      .where('entity_id', '=', claim.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => [a.action, a.actor_role])).toEqual([
      ['claim.registered', 'representative'],
      ['claim.assessed', 'system'],
      ['claim.decided', 'system'],
      ['claim.status_changed', 'system'],
    ]);
    expect(actions[3]?.data).toMatchObject({ from: 'registered', to: 'approved' });
    expect(actions[1]?.data).toMatchObject({ recommendation: 'approve', straightThrough: true });
    expect(actions[2]?.data).toMatchObject({ outcome: 'approved', amountMinor: 125_000, currency: 'SEK' });

    // GET shows the same view.
    const read = await app.inject({
      method: 'GET',
      url: `/claims/${claim.claimNumber}`,
      headers: rep.headers,
    });
    expect(read.json()).toEqual(claim);
  });

  it('a clean claim above the threshold waits for a person with recommendation approve', async () => {
    const { customer, policy } = await insured();
    const claim = (
      await register(medicalClaim(customer.id, policy.id, { amountMinor: 600_000, documents: ['receipt'] }))
    ).json();
    expect(claim).toMatchObject({
      status: 'in_review',
      assessment: { recommendation: 'approve', straightThrough: false, totals: { benefitMinor: 600_000 } },
      decision: null,
    });
    expect(claim.assessment.reasons.map((r: { code: string }) => r.code)).toContain(
      'above_straight_through_limit',
    );
    expect(await decisionsOf(claim.id)).toEqual([]);
    expect(await accumulatorsOf(policy.id)).toEqual({});
  });

  it('a lapsed policy gets a deny recommendation and is never decided straight through', async () => {
    const { customer, policy } = await insured({ paid: false });
    const claim = (
      await register(
        medicalClaim(customer.id, policy.id, {
          amountMinor: 50_000,
          incidentDate: '2026-04-15',
          documents: ['receipt'],
        }),
      )
    ).json();
    expect(claim).toMatchObject({
      status: 'in_review',
      assessment: { recommendation: 'deny', straightThrough: false, totals: { benefitMinor: 0 } },
      decision: null,
    });
    expect(claim.assessment.reasons.map((r: { code: string }) => r.code)).toContain('policy_lapsed');
    expect(await decisionsOf(claim.id)).toEqual([]);
    expect(await accumulatorsOf(policy.id)).toEqual({});
  });

  it('an idempotent retry replays the decided claim: one decision, accumulators applied once', async () => {
    const { customer, policy, holderId } = await insured();
    const body = medicalClaim(customer.id, policy.id, { amountMinor: 80_000, documents: ['receipt'] });
    const key = `key-${uniqueSuffix()}`;
    const first = await register(body, key);
    const second = await register(body, key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
    expect(first.json()).toMatchObject({ status: 'approved', decision: { amountMinor: 80_000 } });
    expect(await countRows('claims', { column: 'customer_id', value: customer.id })).toBe(1);
    expect(await decisionsOf(first.json().id)).toHaveLength(1);
    expect(await assessmentsOf(first.json().id)).toHaveLength(1);
    expect((await accumulatorsOf(policy.id))[yearKey(policy.id, holderId)]).toBe(80_000);
  });
});

describe('documents received', () => {
  it('missing documents → request_information; once received → re-assessed (seq 2) and decided', async () => {
    const { customer, policy, holderId } = await insured();
    const claim = (await register(medicalClaim(customer.id, policy.id, { amountMinor: 90_000 }))).json();
    // The assessment itself asks the customer for the receipt: the claim waits for them.
    expect(claim).toMatchObject({
      status: 'awaiting_information',
      documents: [],
      assessment: {
        seq: 1,
        recommendation: 'request_information',
        straightThrough: false,
        missing: [{ document: 'receipt', benefitCode: MEDICAL }],
      },
      decision: null,
    });

    const res = await documentsReceived(claim.claimNumber, {
      documents: ['receipt'],
      version: claim.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json();
    expect(after).toMatchObject({
      status: 'approved',
      documents: ['receipt'],
      version: claim.version + 1,
      assessment: { seq: 2, trigger: 'documents_received', recommendation: 'approve', straightThrough: true },
      decision: { outcome: 'approved', amountMinor: 90_000, straightThrough: true },
    });
    const stored = await assessmentsOf(claim.id);
    expect(stored.map((a) => [a.seq, a.trigger, a.recommendation])).toEqual([
      [1, 'registration', 'request_information'],
      [2, 'documents_received', 'approve'],
    ]);
    expect((await decisionsOf(claim.id))[0]?.assessment_id).toBe(stored[1]?.id);
    expect((await accumulatorsOf(policy.id))[yearKey(policy.id, holderId)]).toBe(90_000);
    const { db } = await testDatabase();
    const history = await db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', claim.id)
      .orderBy('seq')
      .execute();
    expect(history.map((e) => e.action)).toEqual([
      'claim.registered',
      'claim.assessed',
      'claim.status_changed', // → in_review
      'information.requested',
      'claim.status_changed', // → awaiting_information
      'information.answered',
      'claim.status_changed', // → in_review
      'claim.assessed',
      'claim.decided',
      'claim.status_changed', // → approved
    ]);
  });

  it('on a decided claim → 409 claim_already_decided and nothing changes', async () => {
    const { customer, policy } = await insured();
    const claim = (
      await register(medicalClaim(customer.id, policy.id, { amountMinor: 70_000, documents: ['receipt'] }))
    ).json();
    expect(claim.status).toBe('approved');
    const before = {
      row: await claimRow(claim.id),
      assessments: await assessmentsOf(claim.id),
      decisions: await decisionsOf(claim.id),
      accumulators: await accumulatorsOf(policy.id),
      audit: await countRows('audit_events', { column: 'entity_id', value: claim.id }),
    };
    const res = await documentsReceived(claim.id, {
      documents: ['travel_booking', 'medical_certificate'],
      version: claim.version,
    });
    expectProblem(res, 409, 'claim_already_decided');
    expect({
      row: await claimRow(claim.id),
      assessments: await assessmentsOf(claim.id),
      decisions: await decisionsOf(claim.id),
      accumulators: await accumulatorsOf(policy.id),
      audit: await countRows('audit_events', { column: 'entity_id', value: claim.id }),
    }).toEqual(before);
  });

  it('a stale version → 409 version_conflict (a retry too); kinds already recorded change nothing', async () => {
    const { customer, policy } = await insured();
    const claim = (await register(medicalClaim(customer.id, policy.id, { amountMinor: 700_000 }))).json();
    expect(claim.status).toBe('awaiting_information');
    expectProblem(
      await documentsReceived(claim.id, { documents: ['receipt'], version: claim.version + 5 }),
      409,
      'version_conflict',
    );
    expect(await assessmentsOf(claim.id)).toHaveLength(1);

    const first = await documentsReceived(claim.id, { documents: ['receipt'], version: claim.version });
    expect(first.statusCode).toBe(200);
    // Above the threshold: re-assessed, still waiting for a person.
    expect(first.json()).toMatchObject({
      status: 'in_review',
      version: 2,
      assessment: { seq: 2, recommendation: 'approve', straightThrough: false },
      decision: null,
    });
    // A retry carries the version the first request used up: refused, nothing written twice.
    expectProblem(
      await documentsReceived(claim.id, { documents: ['receipt'], version: claim.version }),
      409,
      'version_conflict',
    );
    // At the current version, kinds already recorded change nothing (no new version either).
    const again = await documentsReceived(claim.id, {
      documents: ['receipt'],
      version: first.json().version,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await assessmentsOf(claim.id)).toHaveLength(2);
  });

  it('a customer may report documents for their own claim only', async () => {
    const { customer, policy } = await insured();
    const other = await insured();
    const own = await signInAs('customer', { customerId: customer.id });
    const claim = (await register(medicalClaim(customer.id, policy.id, { amountMinor: 40_000 }))).json();
    const othersClaim = (
      await register(medicalClaim(other.customer.id, other.policy.id, { amountMinor: 40_000 }))
    ).json();

    expectProblem(
      await documentsReceived(othersClaim.id, { documents: ['receipt'], version: othersClaim.version }, own),
      404,
      'not_found',
    );
    const res = await documentsReceived(
      claim.claimNumber,
      { documents: ['receipt'], version: claim.version },
      own,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'approved', decision: { amountMinor: 40_000 } });
    expect(await assessmentsOf(othersClaim.id)).toHaveLength(1);
  });

  it('refuses an empty list and unknown kinds', async () => {
    const { customer, policy } = await insured();
    const claim = (await register(medicalClaim(customer.id, policy.id, { amountMinor: 40_000 }))).json();
    const { version } = claim;
    expectProblem(await documentsReceived(claim.id, { documents: [], version }), 400, 'validation_failed');
    expectProblem(
      await documentsReceived(claim.id, { documents: ['selfie'], version }),
      400,
      'validation_failed',
    );
    expect(await assessmentsOf(claim.id)).toHaveLength(1);
  });
});

describe('limits and product versions', () => {
  const TIGHT = {
    ...STRAIGHT_THROUGH_CONFIG,
    covers: [
      {
        ...STRAIGHT_THROUGH_CONFIG.covers[0],
        limits: { perYearMinor: 600_000, per: 'insured_person', clause: '§4.3' },
      },
      STRAIGHT_THROUGH_CONFIG.covers[1],
    ],
  };

  it('two claims together above the yearly limit: the second is partial; the accumulator stays within the limit', async () => {
    const { customer, policy, holderId } = await insured({ config: TIGHT });
    const first = (
      await register(
        medicalClaim(customer.id, policy.id, {
          amountMinor: 400_000,
          incidentDate: '2026-02-10',
          documents: ['receipt'],
        }),
      )
    ).json();
    expect(first).toMatchObject({ status: 'approved', decision: { amountMinor: 400_000 } });
    const second = (
      await register(
        medicalClaim(customer.id, policy.id, {
          amountMinor: 300_000,
          incidentDate: '2026-03-20',
          documents: ['receipt'],
        }),
      )
    ).json();
    expect(second).toMatchObject({
      status: 'in_review',
      assessment: {
        recommendation: 'partial',
        straightThrough: false,
        totals: { submittedMinor: 300_000, eligibleMinor: 200_000 },
      },
      decision: null,
    });
    expect(second.assessment.lines[0].reasons.map((r: { code: string }) => r.code)).toContain(
      'limit_per_year',
    );
    const key = yearKey(policy.id, holderId);
    const used = (await accumulatorsOf(policy.id))[key] ?? 0;
    expect(used).toBe(400_000);
    // Even once a person decides it, the second claim can add at most what is left.
    const [stored] = await assessmentsOf(second.id);
    const deltas = (stored?.result as Assessment | undefined)?.accumulatorDeltas ?? [];
    const delta = deltas.find((d) => d.key === key)?.amountMinor ?? 0;
    expect(used + delta).toBe(600_000);
  });

  it('concurrent re-assessments on one policy never push the accumulator past the limit', async () => {
    // Registrations already queue on the claim-number counter; documents arriving for two waiting
    // claims at once do not, so this is where the policy's accumulator lock earns its keep.
    const { customer, policy, holderId } = await insured({ config: TIGHT });
    const waiting = [
      (
        await register(
          medicalClaim(customer.id, policy.id, { amountMinor: 400_000, incidentDate: '2026-02-10' }),
        )
      ).json(),
      (
        await register(
          medicalClaim(customer.id, policy.id, { amountMinor: 450_000, incidentDate: '2026-03-20' }),
        )
      ).json(),
    ];
    expect(waiting.map((c) => c.assessment.recommendation)).toEqual([
      'request_information',
      'request_information',
    ]);
    const responses = await Promise.all(
      waiting.map((c) => documentsReceived(c.id, { documents: ['receipt'], version: c.version })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200]);
    const claims = responses.map((r) => r.json());
    expect(claims.filter((c) => c.status === 'approved')).toHaveLength(1);
    expect(claims.filter((c) => c.assessment.recommendation === 'partial')).toHaveLength(1);
    const approved = claims.find((c) => c.status === 'approved');
    expect((await accumulatorsOf(policy.id))[yearKey(policy.id, holderId)]).toBe(
      approved.decision.amountMinor,
    );
  });

  it('the product version in force on the date of loss applies', async () => {
    const { db } = await testDatabase();
    const customer = await makeCustomer(db);
    const v1Config = {
      ...STRAIGHT_THROUGH_CONFIG,
      covers: [
        {
          ...STRAIGHT_THROUGH_CONFIG.covers[0],
          limits: { perYearMinor: 1_000_000, per: 'insured_person', clause: '§4.3' },
        },
        STRAIGHT_THROUGH_CONFIG.covers[1],
      ],
    };
    const v2Config = {
      ...STRAIGHT_THROUGH_CONFIG,
      covers: [
        {
          ...STRAIGHT_THROUGH_CONFIG.covers[0],
          limits: { perYearMinor: 200_000, per: 'insured_person', clause: '§4.3' },
        },
        STRAIGHT_THROUGH_CONFIG.covers[1],
      ],
    };
    const { product, version: v1 } = await makeProduct(db, {
      config: v1Config,
      effectiveFrom: '2020-01-01',
      effectiveTo: '2026-03-01',
    });
    const v2 = await makeProductVersion(db, {
      productId: product.id,
      config: v2Config,
      effectiveFrom: '2026-03-01',
    });
    const policy = await makePolicy(db, { customerId: customer.id, productVersionId: v1.id });
    await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });

    const before = (
      await register(
        medicalClaim(customer.id, policy.id, {
          amountMinor: 150_000,
          incidentDate: '2026-02-10',
          documents: ['receipt'],
        }),
      )
    ).json();
    expect(before).toMatchObject({
      status: 'approved',
      assessment: { productVersionId: v1.id, recommendation: 'approve' },
    });
    const after = (
      await register(
        medicalClaim(customer.id, policy.id, {
          amountMinor: 100_000,
          incidentDate: '2026-04-10',
          documents: ['receipt'],
        }),
      )
    ).json();
    // Version 2's limit (200 000) minus the 150 000 already paid this policy year.
    expect(after).toMatchObject({
      status: 'in_review',
      assessment: { productVersionId: v2.id, recommendation: 'partial', totals: { eligibleMinor: 50_000 } },
    });
    expect((await assessmentsOf(after.id))[0]?.product_version_id).toBe(v2.id);
  });
});

describe('re-explaining', () => {
  it('the stored result equals a re-run of the engine on the stored input, and on the context loaded again', async () => {
    const { customer, policy } = await insured();
    const first = (
      await register(
        medicalClaim(customer.id, policy.id, {
          amountMinor: 100_000,
          incidentDate: '2026-03-15',
          documents: ['receipt'],
        }),
      )
    ).json();
    // Out of the duplicate stage's reach (same person, incident dates ≤ 7 days apart): not loaded.
    const distant = (
      await register(
        medicalClaim(customer.id, policy.id, {
          amountMinor: 150_000,
          incidentDate: '2026-02-10',
          documents: ['receipt'],
        }),
      )
    ).json();
    expect(distant.status).toBe('approved');
    const second = (
      await register(
        medicalClaim(customer.id, policy.id, { amountMinor: 800_000, incidentDate: '2026-03-20' }),
      )
    ).json();
    expect(first.status).toBe('approved');
    expect(second.status).toBe('awaiting_information'); // no receipt: the customer is asked

    for (const claim of [first, second]) {
      const [stored] = await assessmentsOf(claim.id);
      const input = stored?.input as AssessmentInput;
      expect(assessClaim(input)).toEqual(stored?.result);
      expect(input.product.id).toBe(stored?.product_version_id);
    }
    // Nothing the second claim depends on has changed since: the context loads the same again.
    const [stored] = await assessmentsOf(second.id);
    const again = await contextNow(second.id);
    expect(again).toEqual(stored?.input);
    expect(assessClaim(again)).toEqual(stored?.result);
    expect(again.priorClaims.map((p) => p.id)).toEqual([first.id]); // not `distant`
    expect(again.language).toBe(customer.preferredLanguage);
  });
});
