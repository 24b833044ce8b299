import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomPersonnummer } from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { countRows, expectProblem, fieldErrors, uniqueSuffix } from './api-helpers.ts';

// NUL and lone surrogates in JSON: a 400 naming the field (NUL used to be a 400 with no path,
// from PostgreSQL's error; a lone surrogate used to be stored as U+FFFD without a word), and
// nothing written.

let app: FastifyInstance;
let admin: Session;

beforeAll(async () => {
  app = await testApp();
  admin = await signInAs('administrator');
});

function customer(email: string, overrides: Record<string, unknown>) {
  return {
    givenName: 'Karin',
    familyName: 'Bergström',
    preferredLanguage: 'sv',
    email,
    country: 'SE',
    nationalId: randomPersonnummer(),
    ...overrides,
  };
}

async function post(body: Record<string, unknown>) {
  // JSON.stringify writes a lone surrogate as the escape "\udXXX", as a client's JSON would.
  return app.inject({
    method: 'POST',
    url: '/customers',
    headers: { ...admin.headers, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

describe('text that cannot be stored', () => {
  it('NUL in a field: 400 with the field path, nothing written', async () => {
    const email = `nul.${uniqueSuffix()}@example.se`;
    const res = await post(customer(email, { familyName: 'Berg\u0000ström' }));
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors).toEqual([
      expect.objectContaining({ in: 'body', path: ['familyName'], code: 'invalid_characters' }),
    ]);
    expect(await countRows('customers', { column: 'email', value: email })).toBe(0);
  });

  it('a lone surrogate: 400 with the field path instead of a silent U+FFFD', async () => {
    const email = `surrogate.${uniqueSuffix()}@example.se`;
    const res = await post(customer(email, { givenName: 'Ka\uD800rin', address: { street: '\uDC00' } }));
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(fieldErrors(problem).map((e) => e.path)).toEqual([['givenName'], ['address', 'street']]);
    expect(await countRows('customers', { column: 'email', value: email })).toBe(0);
  });

  it('a NUL in the query names the parameter', async () => {
    const res = await app.inject({ method: 'GET', url: '/customers?q=ab%00c', headers: admin.headers });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors).toEqual([expect.objectContaining({ in: 'query', path: ['q'] })]);
  });

  it('well-formed text is stored as sent: emoji (surrogate pairs), RTL, U+FFFD', async () => {
    const email = `ok.${uniqueSuffix()}@example.se`;
    const res = await post(customer(email, { givenName: 'Ka😀rin', familyName: 'مرحبا\uFFFD' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ givenName: 'Ka😀rin', familyName: 'مرحبا\uFFFD' });
  });
});
