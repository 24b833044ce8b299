import { randomInt } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { makeCustomer, makePolicy, makeProduct } from '../support/factories.ts';
import { type Session, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';

// Shared by the API integration tests. Row counts are always scoped to data the test created
// itself (its customer, its product, its session user), because against PostgreSQL other test
// workers write to the same tables at the same time.

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: { in?: string; path: (string | number)[]; pointer: string; code: string; message: string }[];
  [key: string]: unknown;
};

/** No stack frames, source paths or error class dumps in anything sent to a client. */
export function expectNoStackTrace(body: string): void {
  expect(body).not.toMatch(/\bat [\w$.<>]+ \(/); // "at fn (file:1:2)"
  expect(body).not.toMatch(/\bat (file:|node:|\/)/); // "at file:///…", "at node:internal…", "at /…"
  expect(body).not.toMatch(/\.(ts|js|mjs|cjs):\d+/); // file.ts:12
  expect(body).not.toMatch(/\/work\/|node_modules|file:\/\//);
  expect(body).not.toMatch(/"stack"/);
}

/** Asserts a problem+json response with the status and code, and returns the parsed document. */
export function expectProblem(res: LightMyRequestResponse, status: number, code: string): Problem {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expectNoStackTrace(res.body);
  const problem = res.json() as Problem;
  expect(problem).toMatchObject({ status, code, type: `urn:claimdesk:problem:${code}` });
  expect(typeof problem.title).toBe('string');
  expect(typeof problem.detail).toBe('string');
  return problem;
}

/** The field errors as comparable `{ path, pointer, code }` triples. */
export function fieldErrors(problem: Problem) {
  return (problem.errors ?? []).map((e) => ({ path: e.path, pointer: e.pointer, code: e.code }));
}

export function pointerOf(path: (string | number)[]): string {
  return `/${path.join('/')}`;
}

/** Counts rows of a table, optionally restricted by one column (scoping to the test's own data). */
export async function countRows<T extends keyof DB & string>(
  table: T,
  where?: { column: string; value: unknown },
): Promise<number> {
  const { db } = await testDatabase();
  // The table name is only a type-level narrowing here; the query is built for whichever table.
  let q = db.selectFrom(table as 'customers').select((eb) => eb.fn.countAll<number>().as('n'));
  if (where) q = q.where(sql.ref(where.column), '=', where.value);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Audit events appended by one actor (every write names its actor). */
export function auditEventsBy(userId: string): Promise<number> {
  return countRows('audit_events', { column: 'actor_id', value: userId });
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomInt(0, 1e9).toString(36)}`;
}

/** Random lower-case letters: a unique suffix for names, which read oddly with digits. */
export function uniqueLetters(length = 12): string {
  return Array.from({ length }, () => String.fromCharCode(97 + randomInt(0, 26))).join('');
}

/** A date safely in the past whatever day the tests run (and inside the factory policy period). */
export const PAST_DATE = '2026-02-15';

/** A customer with a SEK policy on an active product version, created directly in the database. */
export async function customerWithPolicy(opts: { currency?: string } = {}) {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { currency: opts.currency ?? 'SEK' });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  return { customer, product, version, policy };
}

/** A general inquiry about `customerId`, opened by phone through POST /cases as `session`. */
export async function openServiceCase(
  session: Session,
  input: { customerId: string; subject: string; description: string },
): Promise<{ id: string; caseNumber: string; version: number }> {
  const app = await testApp();
  const opened = await app.inject({
    method: 'POST',
    url: '/cases',
    headers: session.headers,
    payload: { kind: 'general_inquiry', channel: 'phone', ...input },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return opened.json();
}

/** Moves a service case (`ref`: its id or case number) on through POST /cases/{ref}/status. */
export async function setCaseStatus(
  session: Session,
  ref: string,
  change: { to: string; reason: string; version: number },
): Promise<void> {
  const app = await testApp();
  const res = await app.inject({
    method: 'POST',
    url: `/cases/${ref}/status`,
    headers: session.headers,
    payload: change,
  });
  expect(res.statusCode, res.body).toBe(200);
}

export function claimBody(
  customerId: string,
  policyId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    customerId,
    policyId,
    incidentDate: PAST_DATE,
    description: 'Dropped phone in the sea',
    channel: 'phone',
    lines: [
      {
        benefitCode: 'MEDICAL_EXPENSES',
        description: 'Clinic visit',
        serviceDate: PAST_DATE,
        amountMinor: 125_000,
        currency: 'SEK',
      },
    ],
    ...overrides,
  };
}
