import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/ids.ts';
import { validateFhirResource } from '../../src/modules/fhir/index.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { countRows, expectNoStackTrace, expectProblem, PAST_DATE, uniqueSuffix } from './api-helpers.ts';

// HL7 FHIR R4 (docs/fhir.md): a FHIR Claim in through a staff integration's API token, our claim
// registered and assessed, and its ClaimResponse / ExplanationOfBenefit out. Every resource this
// file receives is validated against the official schema (standards/fhir/fhir.schema.json) with
// the validator the server uses — and that validator is shown to fail on a broken resource.

// biome-ignore lint/suspicious/noExplicitAny: assertions read FHIR resources as loose JSON
type Loose = any;

const FHIR = 'application/fhir+json';
const BENEFIT = 'urn:claimdesk:fhir:benefit';
const POLICY = 'urn:claimdesk:fhir:policy-number';
const PERSONNUMMER = 'urn:oid:1.2.752.129.2.1.3.1';

let app: FastifyInstance;
let integration: { authorization: string };
let rep: Session;
const emitted: Record<string, unknown>[] = [];

async function insured() {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  const { version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  const row = await db
    .selectFrom('customers')
    .select(['national_id'])
    .where('id', '=', customer.id)
    .executeTakeFirstOrThrow();
  return { customer, policy, nationalId: row.national_id };
}

/** A Claim as a provider's system would send it: contained Coverage and Patient. */
function fhirClaim(
  who: { policyNumber: string; nationalId: string },
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    resourceType: 'Claim',
    language: 'en',
    contained: [
      {
        resourceType: 'Coverage',
        id: 'cov',
        status: 'active',
        identifier: [{ system: POLICY, value: who.policyNumber }],
        beneficiary: { reference: '#pat' },
        payor: [{ display: 'Claimdesk' }],
      },
      { resourceType: 'Patient', id: 'pat', identifier: [{ system: PERSONNUMMER, value: who.nationalId }] },
    ],
    identifier: [{ system: 'https://clinic.example.se/claims', value: `C-${uniqueSuffix()}` }],
    status: 'active',
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'professional' }] },
    use: 'claim',
    patient: { reference: '#pat' },
    created: `${PAST_DATE}T10:00:00+01:00`,
    provider: { display: 'Vårdcentralen Söder' },
    priority: {
      coding: [{ system: 'http://terminology.hl7.org/CodeSystem/processpriority', code: 'normal' }],
    },
    insurance: [{ sequence: 1, focal: true, coverage: { reference: '#cov' } }],
    item: [
      {
        sequence: 7,
        productOrService: { coding: [{ system: BENEFIT, code: 'MEDICAL_EXPENSES' }], text: 'Clinic visit' },
        servicedDate: PAST_DATE,
        net: { value: 1250.5, currency: 'SEK' },
      },
    ],
    ...overrides,
  };
}

function post(body: unknown, headers: Record<string, string> = {}, who = integration) {
  return app.inject({
    method: 'POST',
    url: '/fhir/Claim',
    headers: { ...who, 'content-type': FHIR, ...headers },
    payload: JSON.stringify(body),
  });
}

function get(url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'GET', url, headers: { ...integration, accept: FHIR, ...headers } });
}

/** A FHIR resource in the response: content type, no stack trace, valid against the schema. */
function fhirBody(res: LightMyRequestResponse, status: number, resourceType: string) {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
  expectNoStackTrace(res.body);
  const body = res.json() as Record<string, unknown>;
  expect(body.resourceType).toBe(resourceType);
  expect(validateFhirResource(body, resourceType)).toEqual([]);
  emitted.push(body);
  return body as Record<string, Loose>;
}

function expressions(outcome: Record<string, Loose>): string[] {
  return outcome.issue.flatMap((i: { expression?: string[] }) => i.expression ?? []);
}

beforeAll(async () => {
  app = await testApp();
  const admin = await signInAs('administrator');
  rep = await signInAs('representative');
  const svc = await signInAs('representative');
  const res = await app.inject({
    method: 'POST',
    url: '/api-tokens',
    headers: admin.headers,
    payload: { name: 'Clinic FHIR gateway', userId: svc.userId, scopes: ['claims:create', 'claims:read'] },
  });
  expect(res.statusCode, res.body).toBe(201);
  integration = { authorization: `Bearer ${res.json().token}` };
}, 60_000);

describe('the official examples', () => {
  const example = JSON.parse(
    readFileSync(new URL('../../standards/fhir/claim-example.json', import.meta.url), 'utf8'),
  );

  it('claimresponse-example.json validates, and the validator fails a broken copy', () => {
    const response = JSON.parse(
      readFileSync(new URL('../../standards/fhir/claimresponse-example.json', import.meta.url), 'utf8'),
    );
    expect(validateFhirResource(response, 'ClaimResponse')).toEqual([]);
    const { patient: _, ...noPatient } = response;
    expect(validateFhirResource({ ...noPatient, outcome: 42, bogus: true }, 'ClaimResponse')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'required', expression: 'ClaimResponse.patient' }),
        expect.objectContaining({ code: 'structure', expression: 'ClaimResponse.bogus' }),
        expect.objectContaining({ code: 'value', expression: 'ClaimResponse.outcome' }),
      ]),
    );
  }, 60_000); // the first use compiles the schema: seconds on a busy machine

  it('claim-example.json is valid FHIR but refused (422), naming each element we cannot map', async () => {
    // Valid against the schema: the refusal is ours, not the schema's.
    expect(validateFhirResource(example, 'Claim')).toEqual([]);
    const outcome = fhirBody(await post(example), 422, 'OperationOutcome');
    // Patient/1 and Coverage/9876B1 are references into the sender's server (we hold neither),
    // "1200" is a dental code from a system we do not map, and it asks us to pay the provider.
    expect(expressions(outcome).sort()).toEqual(
      [
        'Claim.insurance[0].coverage.reference',
        'Claim.item[0].productOrService',
        'Claim.patient.reference',
        'Claim.payee.type',
      ].sort(),
    );
    expect(outcome.issue.map((i: { code: string }) => i.code)).toEqual(
      expect.arrayContaining(['not-supported']),
    );
    expect(JSON.stringify(outcome)).toContain('Coverage/9876B1');
  });
});

describe('POST /fhir/Claim', () => {
  it('round-trips into an assessed claim, read back through GET /claims/{ref}', async () => {
    const { customer, policy, nationalId } = await insured();
    const claim = fhirClaim({ policyNumber: policy.policyNumber, nationalId });
    const res = await post(claim);
    const response = fhirBody(res, 201, 'ClaimResponse');
    expect(res.headers.location).toBe(`/fhir/ClaimResponse/${response.id}`);
    const read = await app.inject({ method: 'GET', url: `/claims/${response.id}`, headers: rep.headers });
    expect(read.statusCode, read.body).toBe(200);
    const ours = read.json();
    expect(ours).toMatchObject({
      customerId: customer.id,
      policyId: policy.id,
      channel: 'api',
      incidentDate: PAST_DATE,
      externalRef: `https://clinic.example.se/claims|${(claim.identifier as { value: string }[])[0]?.value}`,
      lines: [
        {
          lineNo: 1,
          benefitCode: 'MEDICAL_EXPENSES',
          description: 'Clinic visit',
          serviceDate: PAST_DATE,
          amountMinor: 125_050,
          currency: 'SEK',
          provider: 'Vårdcentralen Söder',
        },
      ],
    });
    expect(ours.assessment).not.toBeNull();
    // No receipt yet: the assessment asks for it, so the claim waits for information.
    expect(ours.status).toBe('awaiting_information');
    expect(response).toMatchObject({
      outcome: 'partial',
      identifier: [{ system: 'urn:claimdesk:fhir:claim-number', value: ours.claimNumber }],
      request: { identifier: (claim.identifier as unknown[])[0] },
      item: [{ itemSequence: 7 }],
      disposition: 'Waiting for information from the customer.',
    });
    const categories = response.item[0].adjudication.map((a: Loose) => a.category.coding[0].code);
    expect(categories).toEqual(['submitted', 'eligible', 'deductible', 'copay', 'benefit']);
    expect(response.item[0].adjudication[0].amount).toEqual({ value: 1250.5, currency: 'SEK' });
    expect(response.communicationRequest).toEqual([{ reference: '#information-request-1' }]);
    expect(response.contained[0]).toMatchObject({ resourceType: 'CommunicationRequest', status: 'active' });
    expect(response.processNote.length).toBeGreaterThan(0);
    expect(response.payment).toBeUndefined();
    // Before it is paid there is no ExplanationOfBenefit: 404 with the reason.
    const eob = fhirBody(await get(`/fhir/ExplanationOfBenefit/${response.id}`), 404, 'OperationOutcome');
    expect(eob.issue[0]).toMatchObject({ code: 'not-found', diagnostics: expect.stringMatching(/not paid/) });

    // The receipt arrives: re-assessed, decided straight through, paid.
    const docs = await app.inject({
      method: 'POST',
      url: `/claims/${response.id}/documents-received`,
      headers: rep.headers,
      payload: { documents: ['receipt'], version: ours.version }, // the version read above
    });
    expect(docs.statusCode, docs.body).toBe(200);
    expect(docs.json().status).toBe('approved');
    const decided = fhirBody(
      await get(`/fhir/ClaimResponse/${response.id}`, { 'accept-language': 'sv' }),
      200,
      'ClaimResponse',
    );
    expect(decided).toMatchObject({ outcome: 'complete', disposition: expect.stringMatching(/^Godkänd: /) });
    expect(decided.communicationRequest).toBeUndefined();
    expect(decided.processNote[0].language.coding[0].code).toBe('sv');
    const benefit = decided.item[0].adjudication.find((a: Loose) => a.category.coding[0].code === 'benefit');
    expect(benefit.amount.value * 100).toBe(docs.json().decision.amountMinor);
    expect(decided.payment).toMatchObject({ amount: { value: benefit.amount.value, currency: 'SEK' } });

    // Paying for real takes a bank account, a batch and a bank file (tested in the payments
    // tests); here the claim is simply moved to paid, as the settlement would.
    const { db } = await testDatabase();
    await db.updateTable('claims').set({ status: 'paid' }).where('id', '=', response.id).execute();
    const paid = fhirBody(
      await get(`/fhir/ExplanationOfBenefit/${response.id}`),
      200,
      'ExplanationOfBenefit',
    );
    expect(paid).toMatchObject({
      outcome: 'complete',
      provider: { display: 'Vårdcentralen Söder' },
      insurance: [{ focal: true, coverage: { identifier: { system: POLICY, value: policy.policyNumber } } }],
      item: [{ sequence: 7, productOrService: { coding: [{ system: BENEFIT, code: 'MEDICAL_EXPENSES' }] } }],
      payment: { type: { coding: [{ code: 'complete' }] }, amount: { value: benefit.amount.value } },
      disposition: expect.stringMatching(/^Paid: /),
    });
    // A plain JSON client gets the same resource as application/json.
    const plain = await app.inject({
      method: 'GET',
      url: `/fhir/ClaimResponse/${response.id}`,
      headers: integration,
    });
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    expect(plain.json().resourceType).toBe('ClaimResponse');
  });

  it('a retry (same Claim.identifier) answers the same ClaimResponse and registers one claim', async () => {
    const { policy, nationalId } = await insured();
    const claim = fhirClaim({ policyNumber: policy.policyNumber, nationalId });
    const first = fhirBody(await post(claim), 201, 'ClaimResponse');
    const again = await post(claim);
    const second = fhirBody(again, 200, 'ClaimResponse');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(second).toEqual(first);
    const ref = `https://clinic.example.se/claims|${(claim.identifier as { value: string }[])[0]?.value}`;
    expect(await countRows('claims', { column: 'external_ref', value: ref })).toBe(1);
    // The same identifier with other content is a conflict on Claim.identifier, not a second claim.
    const changed = structuredClone(claim) as Record<string, Loose>;
    changed.item[0].net.value = 99;
    const conflict = fhirBody(await post(changed), 409, 'OperationOutcome');
    expect(conflict.issue[0]).toMatchObject({ code: 'duplicate', expression: ['Claim.identifier[0]'] });
    expect(await countRows('claims', { column: 'external_ref', value: ref })).toBe(1);
  });

  it('without Claim.identifier, the Idempotency-Key makes the retry safe (and one of them is required)', async () => {
    const { policy, nationalId } = await insured();
    const { identifier: _, ...claim } = fhirClaim({ policyNumber: policy.policyNumber, nationalId });
    const refused = fhirBody(await post(claim), 422, 'OperationOutcome');
    expect(expressions(refused)).toEqual(['Claim.identifier']);
    const key = newId();
    const first = fhirBody(await post(claim, { 'idempotency-key': key }), 201, 'ClaimResponse');
    const second = fhirBody(await post(claim, { 'idempotency-key': key }), 200, 'ClaimResponse');
    expect(second).toEqual(first);
    expect(await countRows('claims', { column: 'policy_id', value: policy.id })).toBe(1);
  });

  it('invalid FHIR is a 400 OperationOutcome with the FHIRPath of each problem; nothing is written', async () => {
    const { policy, nationalId } = await insured();
    const claim = fhirClaim({ policyNumber: policy.policyNumber, nationalId }) as Record<string, Loose>;
    claim.item[0].bogus = 1;
    claim.item[0].net.value = 'lots';
    claim.created = 'yesterday';
    claim.contained[1].gender = 42;
    const outcome = fhirBody(await post(claim), 400, 'OperationOutcome');
    expect(outcome.issue).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'structure', expression: ['Claim.item[0].bogus'] }),
        expect.objectContaining({ code: 'value', expression: ['Claim.item[0].net.value'] }),
        expect.objectContaining({ code: 'value', expression: ['Claim.created'] }),
        expect.objectContaining({ code: 'value', expression: ['Claim.contained[1].gender'] }),
      ]),
    );
    expect(await countRows('claims', { column: 'policy_id', value: policy.id })).toBe(0);
    // The same request from a plain JSON client: problem+json with the same element paths.
    const plain = await app.inject({
      method: 'POST',
      url: '/fhir/Claim',
      headers: integration,
      payload: claim,
    });
    const problem = expectProblem(plain, 400, 'validation_failed');
    expect(problem.errors?.map((e) => e.pointer)).toContain('/item/0/bogus');
    // Not JSON at all.
    const garbage = await app.inject({
      method: 'POST',
      url: '/fhir/Claim',
      headers: { ...integration, 'content-type': FHIR },
      payload: '{"resourceType": "Claim",',
    });
    expect(fhirBody(garbage, 400, 'OperationOutcome').issue[0].code).toBe('structure');
    // Another resource type.
    const patient = fhirBody(await post({ resourceType: 'Patient' }), 400, 'OperationOutcome');
    expect(expressions(patient)).toEqual(['Claim.resourceType']);
  });

  it('an unknown policy or patient is refused with the path of the reference', async () => {
    const { policy, nationalId } = await insured();
    const unknownPolicy = fhirClaim(
      { policyNumber: 'POL-0000-NOPE', nationalId },
      {
        contained: [],
        insurance: [
          { sequence: 1, focal: true, coverage: { identifier: { system: POLICY, value: 'POL-0000-NOPE' } } },
        ],
        patient: { identifier: { system: PERSONNUMMER, value: nationalId } },
      },
    );
    const outcome = fhirBody(await post(unknownPolicy), 422, 'OperationOutcome');
    expect(outcome.issue).toEqual([
      expect.objectContaining({ code: 'not-found', expression: ['Claim.insurance[0].coverage'] }),
    ]);
    const stranger = await makeCustomer((await testDatabase()).db);
    const row = await (await testDatabase()).db
      .selectFrom('customers')
      .select('national_id')
      .where('id', '=', stranger.id)
      .executeTakeFirstOrThrow();
    const notInsured = fhirBody(
      await post(fhirClaim({ policyNumber: policy.policyNumber, nationalId: row.national_id })),
      422,
      'OperationOutcome',
    );
    expect(notInsured.issue).toEqual([
      expect.objectContaining({ code: 'business-rule', expression: ['Claim.patient'] }),
    ]);
    // A currency other than the policy's, refused by the claims module, named in FHIR terms.
    const usd = fhirClaim({ policyNumber: policy.policyNumber, nationalId }) as Record<string, Loose>;
    usd.item[0].net.currency = 'USD';
    const currency = fhirBody(await post(usd), 422, 'OperationOutcome');
    expect(expressions(currency)).toEqual(['Claim.item[0].net.currency']);
    expect(await countRows('claims', { column: 'policy_id', value: policy.id })).toBe(0);
  });

  it('is for staff integrations: a customer gets 403, and a token without claims:create too', async () => {
    const { customer, policy, nationalId } = await insured();
    const self = await signInAs('customer', { customerId: customer.id });
    const res = await post(fhirClaim({ policyNumber: policy.policyNumber, nationalId }), {}, self.headers);
    expect(fhirBody(res, 403, 'OperationOutcome').issue[0].code).toBe('forbidden');
    const anonymous = await app.inject({
      method: 'GET',
      url: `/fhir/ClaimResponse/${newId()}`,
      headers: { accept: FHIR },
    });
    expect(fhirBody(anonymous, 401, 'OperationOutcome').issue[0].code).toBe('login');
    const missing = fhirBody(await get(`/fhir/ClaimResponse/${newId()}`), 404, 'OperationOutcome');
    expect(missing.issue[0].code).toBe('not-found');
  });
});

describe('what we emit', () => {
  it('every ClaimResponse, ExplanationOfBenefit and OperationOutcome above validated against fhir.schema.json', () => {
    const types = new Set(emitted.map((r) => r.resourceType));
    expect([...types].sort()).toEqual(['ClaimResponse', 'ExplanationOfBenefit', 'OperationOutcome']);
    for (const r of emitted) expect(validateFhirResource(r, String(r.resourceType))).toEqual([]);
  });
});
