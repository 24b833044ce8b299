import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { type Driver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { generateItalianFiscalCode, luhnCheckDigit } from '../../src/lib/national-id/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { makeCustomer, makeProduct, randomPersonnummer } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import {
  auditEventsBy,
  claimBody,
  countRows,
  customerWithPolicy,
  expectNoStackTrace,
  expectProblem,
  fieldErrors,
  uniqueLetters,
  uniqueSuffix,
} from './api-helpers.ts';

// Every refusal is a 4xx application/problem+json with a stable `code`, names the field where
// there is one, and writes nothing: neither the target rows nor an audit event.

let app: FastifyInstance;
let rep: Session;
let admin: Session;

beforeAll(async () => {
  app = await testApp();
  rep = await signInAs('representative');
  admin = await signInAs('administrator');
});

function customerPayload(overrides: Record<string, unknown> = {}) {
  return {
    givenName: 'Karin',
    familyName: 'Bergström',
    preferredLanguage: 'sv',
    email: `karin.${uniqueSuffix()}@example.se`,
    country: 'SE',
    nationalId: randomPersonnummer(),
    ...overrides,
  };
}

/** Counts customers carrying this email and the representative's audit events. */
async function customerWrites(email: string) {
  return {
    customers: await countRows('customers', { column: 'email', value: email }),
    audit: await auditEventsBy(rep.userId),
  };
}

async function postCustomerExpectingNothingWritten(
  payload: Record<string, unknown> | string,
  email: string,
  headers: Record<string, string> = {},
) {
  const before = await customerWrites(email);
  const res = await app.inject({
    method: 'POST',
    url: '/customers',
    headers: { ...rep.headers, 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  expect(await customerWrites(email)).toEqual(before);
  return res;
}

describe('malformed and mistyped requests (400)', () => {
  it('malformed JSON → 400 malformed_json', async () => {
    const email = `broken.${uniqueSuffix()}@example.se`;
    const res = await postCustomerExpectingNothingWritten(
      `{"givenName": "Karin", "email": "${email}",`,
      email,
    );
    const problem = expectProblem(res, 400, 'malformed_json');
    expect(problem.errors).toBeUndefined();
    expect(problem.instance).toBe('/customers');
    expect(problem.requestId).toBe(res.headers['x-request-id']);
  });

  it('a body that is not JSON (text/plain) → 415 unsupported_media_type', async () => {
    const email = `plain.${uniqueSuffix()}@example.se`;
    const res = await postCustomerExpectingNothingWritten(JSON.stringify(customerPayload({ email })), email, {
      'content-type': 'text/plain',
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('an empty JSON body → 400 malformed_json', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/customers',
      headers: { ...rep.headers, 'content-type': 'application/json' },
      payload: '',
    });
    expectProblem(res, 400, 'malformed_json');
  });

  it('unknown top-level and nested fields → 400 validation_failed naming each key', async () => {
    const payload = customerPayload({
      favouriteColour: 'blue',
      address: { street: 'Storgatan 1', postalCode: '111 22', city: 'Stockholm', country: 'SE', floor: 3 },
    });
    const res = await postCustomerExpectingNothingWritten(payload, payload.email);
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(fieldErrors(problem)).toEqual(
      expect.arrayContaining([
        { path: ['favouriteColour'], pointer: '/favouriteColour', code: 'unknown_field' },
        { path: ['address', 'floor'], pointer: '/address/floor', code: 'unknown_field' },
      ]),
    );
    expect(problem.errors?.every((e) => e.in === 'body')).toBe(true);
    expect(problem.errors).toHaveLength(2);
  });

  it('__proto__ in the body is refused, not silently dropped', async () => {
    const email = `proto.${uniqueSuffix()}@example.se`;
    const body = JSON.stringify(customerPayload({ email })).replace(/^\{/, '{"__proto__": {"admin": true},');
    const res = await postCustomerExpectingNothingWritten(body, email);
    // secure-json-parse refuses it while parsing, so it surfaces as a JSON error.
    expectProblem(res, 400, 'malformed_json');
  });

  it('wrong types → 400 validation_failed with each field path', async () => {
    const payload = customerPayload({ givenName: 42, preferredLanguage: 'de', address: { street: 7 } });
    const res = await postCustomerExpectingNothingWritten(payload, payload.email);
    const problem = expectProblem(res, 400, 'validation_failed');
    const paths = fieldErrors(problem).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([['givenName'], ['preferredLanguage'], ['address', 'street']]),
    );
    expect(fieldErrors(problem).find((e) => e.path[0] === 'givenName')?.pointer).toBe('/givenName');
  });

  it('wrong types inside an array → the indexed path (claim line amount as a string)', async () => {
    const { customer, policy } = await customerWithPolicy();
    const body = claimBody(customer.id, policy.id);
    (body.lines as Record<string, unknown>[])[0] = {
      ...(body.lines as Record<string, unknown>[])[0],
      amountMinor: '125.00',
    };
    const before = await countRows('claims', { column: 'customer_id', value: customer.id });
    const audit = await auditEventsBy(rep.userId);
    const res = await app.inject({ method: 'POST', url: '/claims', headers: rep.headers, payload: body });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(fieldErrors(problem)).toContainEqual({
      path: ['lines', 0, 'amountMinor'],
      pointer: '/lines/0/amountMinor',
      code: expect.any(String),
    });
    expect(await countRows('claims', { column: 'customer_id', value: customer.id })).toBe(before);
    expect(await auditEventsBy(rep.userId)).toBe(audit);
  });

  it('a malformed path parameter → 400 validation_failed in params', async () => {
    const res = await app.inject({ method: 'GET', url: '/customers/not-a-uuid', headers: rep.headers });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.[0]).toMatchObject({ in: 'params', path: ['id'], pointer: '/id' });
  });

  it('a bad query parameter → 400 validation_failed in query', async () => {
    const res = await app.inject({ method: 'GET', url: '/customers?limit=5000', headers: rep.headers });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.[0]).toMatchObject({ in: 'query', path: ['limit'] });
  });
});

describe('identity numbers (422 national_id_invalid at nationalId)', () => {
  function withWrongSwedishCheckDigit(pnr: string): string {
    const digits = pnr.replace(/\D/g, '');
    const last = Number(digits.at(-1));
    return `${digits.slice(0, -1)}${(last + 1) % 10}`;
  }

  it.each([
    [
      'SE check digit',
      () => ({ country: 'SE', nationalId: withWrongSwedishCheckDigit(randomPersonnummer()) }),
      'national_id_invalid_checksum',
    ],
    [
      'SE impossible date (31 February), valid check digit',
      () => {
        const base = `9902310${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
        return { country: 'SE', nationalId: `19${base.slice(0, 6)}-${base.slice(6)}${luhnCheckDigit(base)}` };
      },
      'national_id_invalid_date',
    ],
    [
      'IT check character',
      () => {
        const cf = generateItalianFiscalCode({
          givenName: 'Giulia',
          familyName: `Rossi${uniqueLetters()}`,
          birthDate: '1985-04-12',
          sex: 'female',
          placeCode: 'H501',
        });
        const wrong = cf.at(-1) === 'A' ? 'B' : 'A';
        return { country: 'IT', preferredLanguage: 'it', nationalId: `${cf.slice(0, -1)}${wrong}` };
      },
      'national_id_invalid_checksum',
    ],
  ])('%s → 422', async (_name, make, fieldCode) => {
    const payload = customerPayload(make());
    const res = await postCustomerExpectingNothingWritten(payload, payload.email);
    const problem = expectProblem(res, 422, 'national_id_invalid');
    expect(fieldErrors(problem)).toEqual([{ path: ['nationalId'], pointer: '/nationalId', code: fieldCode }]);
  });

  it('a duplicate national id → 409 customer_national_id_exists, the first customer untouched', async () => {
    const nationalId = randomPersonnummer();
    const first = await app.inject({
      method: 'POST',
      url: '/customers',
      headers: rep.headers,
      payload: customerPayload({ nationalId }),
    });
    expect(first.statusCode).toBe(201);
    const normalized = first.json().nationalId as string;
    expect(normalized).toMatch(/^\d{12}$/);
    const payload = customerPayload({ nationalId: normalized, givenName: 'Someone', familyName: 'Else' });
    const audit = await auditEventsBy(rep.userId);
    const res = await postCustomerExpectingNothingWritten(payload, payload.email);
    const problem = expectProblem(res, 409, 'customer_national_id_exists');
    expect(fieldErrors(problem)).toEqual([
      { path: ['nationalId'], pointer: '/nationalId', code: 'duplicate' },
    ]);
    expect(await countRows('customers', { column: 'national_id', value: normalized })).toBe(1);
    expect(await auditEventsBy(rep.userId)).toBe(audit);
  });
});

describe('policies', () => {
  async function policyWrites(customerId: string) {
    return {
      policies: await countRows('policies', { column: 'customer_id', value: customerId }),
      persons: await countRows('policy_insured_persons', { column: 'customer_id', value: customerId }),
      audit: await auditEventsBy(rep.userId),
      chain: await countRows('audit_events', { column: 'chain', value: customerId }),
    };
  }

  it('an overlapping period for the same product → 409 policy_period_overlap', async () => {
    const { customer, version, policy } = await customerWithPolicy();
    const before = await policyWrites(customer.id);
    expect(before.policies).toBe(1);
    const res = await app.inject({
      method: 'POST',
      url: '/policies',
      headers: rep.headers,
      payload: {
        customerId: customer.id,
        productVersionId: version.id,
        startsOn: '2026-06-01',
        endsOn: '2027-06-01',
        premiumSchedule: { frequency: 'annual', amountMinor: 99_900 },
      },
    });
    const problem = expectProblem(res, 409, 'policy_period_overlap');
    expect(problem.conflictingPolicyNumber).toBe(policy.policyNumber);
    expect(fieldErrors(problem)).toEqual([{ path: ['startsOn'], pointer: '/startsOn', code: 'overlap' }]);
    expect(await policyWrites(customer.id)).toEqual(before);
  });

  it('an adjacent period (starting when the first ends) is not an overlap', async () => {
    const { customer, version } = await customerWithPolicy();
    const res = await app.inject({
      method: 'POST',
      url: '/policies',
      headers: rep.headers,
      payload: {
        customerId: customer.id,
        productVersionId: version.id,
        startsOn: '2027-01-01',
        endsOn: '2028-01-01',
        premiumSchedule: { frequency: 'annual', amountMinor: 99_900 },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(await countRows('policies', { column: 'customer_id', value: customer.id })).toBe(2);
  });

  it('the overlap rule is per product: a second product for the same period is accepted', async () => {
    const { db } = await testDatabase();
    const { customer } = await customerWithPolicy();
    const { version } = await makeProduct(db);
    const res = await app.inject({
      method: 'POST',
      url: '/policies',
      headers: rep.headers,
      payload: {
        customerId: customer.id,
        productVersionId: version.id,
        startsOn: '2026-01-01',
        endsOn: '2027-01-01',
        premiumSchedule: { frequency: 'monthly', amountMinor: 10_000 },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(await countRows('policies', { column: 'customer_id', value: customer.id })).toBe(2);
  });

  it('an unknown product version → 422 product_version_not_found at productVersionId', async () => {
    const { db } = await testDatabase();
    const customer = await makeCustomer(db);
    const before = await policyWrites(customer.id);
    const res = await app.inject({
      method: 'POST',
      url: '/policies',
      headers: rep.headers,
      payload: {
        customerId: customer.id,
        productVersionId: randomUUID(),
        startsOn: '2026-01-01',
        endsOn: '2027-01-01',
        premiumSchedule: { frequency: 'monthly', amountMinor: 10_000 },
      },
    });
    const problem = expectProblem(res, 422, 'product_version_not_found');
    expect(fieldErrors(problem)).toEqual([
      { path: ['productVersionId'], pointer: '/productVersionId', code: 'product_version_not_found' },
    ]);
    expect(await policyWrites(customer.id)).toEqual(before);
  });
});

describe('claims', () => {
  async function claimWrites(customerId: string) {
    return {
      claims: await countRows('claims', { column: 'customer_id', value: customerId }),
      lines: await countRows('claim_lines', { column: 'customer_id', value: customerId }),
      audit: await auditEventsBy(rep.userId),
      chain: await countRows('audit_events', { column: 'chain', value: customerId }),
    };
  }

  it("a claim on another customer's policy → 422 policy_not_of_customer at policyId", async () => {
    const { db } = await testDatabase();
    const mine = await makeCustomer(db);
    const other = await customerWithPolicy();
    const before = await claimWrites(mine.id);
    const beforeOther = await claimWrites(other.customer.id);
    const res = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep.headers,
      payload: claimBody(mine.id, other.policy.id),
    });
    const problem = expectProblem(res, 422, 'policy_not_of_customer');
    expect(fieldErrors(problem)).toEqual([
      { path: ['policyId'], pointer: '/policyId', code: 'policy_not_of_customer' },
    ]);
    expect(await claimWrites(mine.id)).toEqual(before);
    expect(await claimWrites(other.customer.id)).toEqual(beforeOther);
  });

  it('a line currency different from the policy currency → 422 claim_currency_mismatch', async () => {
    const { customer, policy } = await customerWithPolicy({ currency: 'SEK' });
    const body = claimBody(customer.id, policy.id);
    const line = (body.lines as Record<string, unknown>[])[0];
    body.lines = [line, { ...line, currency: 'EUR', description: 'Taxi' }];
    const before = await claimWrites(customer.id);
    const res = await app.inject({ method: 'POST', url: '/claims', headers: rep.headers, payload: body });
    const problem = expectProblem(res, 422, 'claim_currency_mismatch');
    expect(fieldErrors(problem)).toEqual([
      { path: ['lines', 1, 'currency'], pointer: '/lines/1/currency', code: 'currency_mismatch' },
    ]);
    expect(await claimWrites(customer.id)).toEqual(before);
  });

  it('the first line in the wrong currency is reported at lines/0/currency', async () => {
    const { customer, policy } = await customerWithPolicy({ currency: 'SEK' });
    const body = claimBody(customer.id, policy.id);
    (body.lines as Record<string, unknown>[])[0] = {
      ...(body.lines as Record<string, unknown>[])[0],
      currency: 'EUR',
    };
    const res = await app.inject({ method: 'POST', url: '/claims', headers: rep.headers, payload: body });
    const problem = expectProblem(res, 422, 'claim_currency_mismatch');
    expect(problem.errors?.[0]).toMatchObject({
      in: 'body',
      path: ['lines', 0, 'currency'],
      pointer: '/lines/0/currency',
    });
  });

  it('an incident date in the future → 422 claim_date_invalid at incidentDate', async () => {
    const { customer, policy } = await customerWithPolicy();
    const before = await claimWrites(customer.id);
    const res = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep.headers,
      payload: claimBody(customer.id, policy.id, { incidentDate: '2999-01-01' }),
    });
    const problem = expectProblem(res, 422, 'claim_date_invalid');
    expect(fieldErrors(problem)).toEqual([
      { path: ['incidentDate'], pointer: '/incidentDate', code: 'in_future' },
    ]);
    expect(await claimWrites(customer.id)).toEqual(before);
  });

  it('an impossible calendar date → 400 validation_failed at incidentDate', async () => {
    const { customer, policy } = await customerWithPolicy();
    const res = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: rep.headers,
      payload: claimBody(customer.id, policy.id, { incidentDate: '2026-02-30' }),
    });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(fieldErrors(problem).map((e) => e.path)).toEqual([['incidentDate']]);
  });
});

describe('product configuration', () => {
  it('an invalid configuration → 422 product_config_invalid listing config paths; nothing stored', async () => {
    const { db } = await testDatabase();
    const { product } = await makeProduct(db);
    const before = {
      versions: await countRows('product_versions', { column: 'product_id', value: product.id }),
      audit: await auditEventsBy(admin.userId),
    };
    expect(before.versions).toBe(1);
    const res = await app.inject({
      method: 'POST',
      url: `/products/${product.id}/versions`,
      headers: admin.headers,
      payload: {
        effectiveFrom: '2027-01-01',
        status: 'active',
        config: {
          covers: [
            {
              benefitCode: 'medical',
              name: { sv: 'Vård', it: 'Cure', en: 'Care' },
              clause: '4.1',
              requiredDocuments: ['selfie'],
            },
          ],
          premiumTerms: { graceDays: 30, lapseAfterDays: 10 },
          discountPercent: 5,
        },
      },
    });
    const problem = expectProblem(res, 422, 'product_config_invalid');
    const paths = fieldErrors(problem).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['config', 'covers', 0, 'benefitCode'],
        ['config', 'covers', 0, 'clause'],
        ['config', 'covers', 0, 'requiredDocuments', 0],
      ]),
    );
    expect(paths.every((p) => p[0] === 'config')).toBe(true);
    expect(fieldErrors(problem).find((e) => e.path[2] === 0 && e.path[3] === 'clause')?.pointer).toBe(
      '/config/covers/0/clause',
    );
    expect({
      versions: await countRows('product_versions', { column: 'product_id', value: product.id }),
      audit: await auditEventsBy(admin.userId),
    }).toEqual(before);
  });

  it('a configuration failing only a cross-field rule is refused with its path', async () => {
    const { db } = await testDatabase();
    const { product } = await makeProduct(db);
    const res = await app.inject({
      method: 'POST',
      url: `/products/${product.id}/versions`,
      headers: admin.headers,
      payload: {
        effectiveFrom: '2027-01-01',
        config: {
          covers: [
            { benefitCode: 'MEDICAL', name: { sv: 'a', it: 'b', en: 'c' }, clause: '§1' },
            { benefitCode: 'MEDICAL', name: { sv: 'a', it: 'b', en: 'c' }, clause: '§2' },
          ],
          premiumTerms: { graceDays: 30, lapseAfterDays: 10 },
        },
      },
    });
    const problem = expectProblem(res, 422, 'product_config_invalid');
    expect(fieldErrors(problem).map((e) => e.path)).toEqual(
      expect.arrayContaining([
        ['config', 'premiumTerms', 'graceDays'],
        ['config', 'covers', 1, 'benefitCode'],
      ]),
    );
    expect(await countRows('product_versions', { column: 'product_id', value: product.id })).toBe(1);
  });
});

describe('routing and authentication', () => {
  it('an unknown route → 404 route_not_found (signed in or not)', async () => {
    for (const headers of [rep.headers, {}]) {
      const res = await app.inject({ method: 'GET', url: '/no/such/thing?x=1', headers });
      const problem = expectProblem(res, 404, 'route_not_found');
      expect(problem.instance).toBe('/no/such/thing');
    }
    const wrongMethod = await app.inject({ method: 'DELETE', url: '/customers', headers: rep.headers });
    expectProblem(wrongMethod, 404, 'route_not_found');
  });

  it('no session → 401 unauthenticated, and nothing written', async () => {
    const payload = customerPayload();
    const before = await countRows('customers', { column: 'email', value: payload.email });
    const res = await app.inject({ method: 'POST', url: '/customers', payload });
    expectProblem(res, 401, 'unauthenticated');
    expect(await countRows('customers', { column: 'email', value: payload.email })).toBe(before);
    expectProblem(await app.inject({ method: 'GET', url: '/customers' }), 401, 'unauthenticated');
  });

  it('an unknown bearer token → 401 unauthenticated', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/customers',
      headers: { authorization: 'Bearer not-a-real-token' },
    });
    expectProblem(res, 401, 'unauthenticated');
  });

  it('authentication is checked before the body is parsed (malformed JSON without a session → 401)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/customers',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expectProblem(res, 401, 'unauthenticated');
  });
});

describe('unexpected errors', () => {
  // An app on a database whose every query throws an error carrying a path and a stack, so that
  // any leak of the message or the stack into the response would show.
  async function appOnBrokenDatabase(): Promise<FastifyInstance> {
    const boom = () => {
      const error = new Error('boom: secret detail at /work/main/src/db/secret.ts:12:3');
      error.stack = `Error: boom\n    at query (/work/main/src/db/secret.ts:12:3)\n    at node:internal/process:1:1`;
      return error;
    };
    const driver: Driver = {
      init: async () => {},
      acquireConnection: async () => {
        throw boom();
      },
      beginTransaction: async () => {},
      commitTransaction: async () => {},
      rollbackTransaction: async () => {},
      releaseConnection: async () => {},
      destroy: async () => {},
    };
    const db = new Kysely<DB>({
      dialect: {
        createAdapter: () => new PostgresAdapter(),
        createDriver: () => driver,
        createIntrospector: (k) => new PostgresIntrospector(k),
        createQueryCompiler: () => new PostgresQueryCompiler(),
      },
    });
    const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', CLAIMDESK_DATA_DIR: 'memory://' });
    const broken = await buildApp({
      config,
      database: { db, engine: 'pglite', execScript: async () => {}, close: async () => {} },
    });
    await broken.ready();
    return broken;
  }

  it('a failing dependency → 500 internal_error with the request id and no message or stack', async () => {
    const broken = await appOnBrokenDatabase();
    try {
      const res = await broken.inject({
        method: 'GET',
        url: '/customers',
        headers: { authorization: 'Bearer some-token' },
      });
      const problem = expectProblem(res, 500, 'internal_error');
      expect(problem.requestId).toBe(res.headers['x-request-id']);
      expect(res.body).not.toMatch(/boom|secret/);
      expectNoStackTrace(res.body);

      const ready = await broken.inject({ method: 'GET', url: '/ready' });
      expectProblem(ready, 503, 'service_unavailable');
      expect(ready.body).not.toMatch(/boom|secret/);
    } finally {
      await broken.close();
    }
  });
});
