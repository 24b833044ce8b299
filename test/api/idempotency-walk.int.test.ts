import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { makeCustomer, makeProduct, swedishCustomerInput, TRAVEL_CONFIG } from '../support/factories.ts';
import {
  loadOperations,
  type OpenApiDoc,
  objectShape,
  type WalkedOperation,
} from '../support/openapi-walk.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import {
  claimInReview,
  complaintInput,
  insertDepartment,
  insured,
  openComplaint,
  serviceCase,
} from '../support/walk-fixtures.ts';
import { auditEventsBy, claimBody, expectProblem, uniqueLetters } from './api-helpers.ts';
import { matrixUploadForm } from './route-matrix-fixtures.ts';

// Issue 9 §5, decision 0005: a retried create, decision or payment never acts twice. Every POST in
// the OpenAPI document is classified here — a new POST fails this test until someone says how a
// retry of it is made safe. The `idempotency-key` routes are then walked: the same request twice
// with one key must give the first response back (200, `idempotent-replayed: true`, same body) and
// write nothing more (the actor's audit events, which every write appends, do not grow).

type Built = {
  url: string;
  payload?: Record<string, unknown>;
  form?: { payload: Buffer; contentType: string };
  /** Clean-up after the walk (global settings), through the API; gets the first response. */
  after?: (first: Record<string, unknown>) => Promise<void>;
};

type Rule =
  | {
      kind: 'idempotency-key';
      /** Who sends it, and how a request that succeeds is built (records made fresh for it). */
      walk: {
        role: Role;
        build: (session: Session) => Promise<Built>;
        /** Shown once and deliberately not stored with the replay. */
        secrets?: string[];
      };
    }
  | {
      kind: 'idempotency-key';
      /** Not walked here: a global write or a hard-to-build input; the file that proves the replay. */
      provenBy: string;
      why: string;
    }
  /** A retry is refused or finds its own effect through a unique key of the data itself. */
  | { kind: 'natural-key'; reason: string }
  /** An action on a record with `version`: a retry carries the version the first one used up → 409. */
  | { kind: 'version-guarded'; reason?: string }
  /** A one-way state change: a retry finds the record in the new state and is refused. */
  | { kind: 'state-guarded'; reason: string }
  | { kind: 'not-a-create'; reason: string }
  | { kind: 'exempt'; reason: string };

let app: FastifyInstance;
let clerk: Session; // registers the claims walked requests act on (so no four-eyes rule gets in the way)

/** A department with an agent, so that referrals to it are accepted. */
async function staffedDepartment(): Promise<string> {
  const code = await insertDepartment(`iw_${uniqueLetters(10)}`);
  await signInAs('department_agent', { department: code });
  return code;
}

/** A route walked with an Idempotency-Key: `role` sends the request `build` makes. */
function walked(role: Role, build: (session: Session) => Promise<Built>, secrets?: string[]): Rule {
  return { kind: 'idempotency-key', walk: { role, build, ...(secrets ? { secrets } : {}) } };
}

/** A walked request about a customer made fresh for it. */
function forNewCustomer(role: Role, request: (customerId: string) => Built): Rule {
  return walked(role, async () => {
    const { db } = await testDatabase();
    return request((await makeCustomer(db)).id);
  });
}

/** A working day far ahead, so that closing it moves no live clock of any other test. */
function farWorkingDay(): string {
  for (;;) {
    const d = new Date(Date.UTC(2090 + randomInt(0, 9), randomInt(0, 12), randomInt(1, 28)));
    // Wednesdays in March, May or October carry no Swedish public holiday.
    if (d.getUTCDay() === 3 && [2, 4, 9].includes(d.getUTCMonth())) return d.toISOString().slice(0, 10);
  }
}

const BY_VERSION: Rule = { kind: 'version-guarded' };

const IDEMPOTENCY: Record<string, Rule> = {
  'POST /auth/sign-in': {
    kind: 'not-a-create',
    reason: 'starts a session; a retried sign-in starts another one, which the rotation already expects',
  },
  'POST /auth/sign-out': { kind: 'not-a-create', reason: 'ends the session; a retry finds it ended' },
  'POST /users': walked(
    'administrator',
    async () => ({
      url: '/users',
      payload: {
        email: `walk-${newId()}@test.claimdesk.example`,
        displayName: 'Walked User',
        role: 'representative',
      },
    }),
    ['initialPassword'],
  ),
  'PATCH /users/{id}': BY_VERSION,
  'POST /api-tokens': {
    kind: 'exempt',
    reason: 'the secret is shown once: a replay would have to store it or show a different one',
  },
  'POST /api-tokens/{id}/revoke': { kind: 'state-guarded', reason: 'a revoked token stays revoked' },
  'POST /customers': walked('representative', async () => ({
    url: '/customers',
    payload: swedishCustomerInput() as Record<string, unknown>,
  })),
  'POST /products': walked('administrator', async () => ({
    url: '/products',
    payload: {
      code: `IW-${randomInt(0, 1e9)}`,
      kind: 'insurance',
      name: { sv: 'Försäkring', it: 'Assicurazione', en: 'Insurance' },
      country: 'SE',
      currency: 'SEK',
    },
  })),
  'POST /products/{id}/versions': walked('administrator', async () => {
    const { db } = await testDatabase();
    const { product } = await makeProduct(db);
    return {
      url: `/products/${product.id}/versions`,
      payload: { effectiveFrom: '2027-01-01', status: 'draft', config: TRAVEL_CONFIG },
    };
  }),
  'POST /products/{id}/versions/{versionId}/activate': {
    kind: 'state-guarded',
    reason: 'draft → active; a retry is 409 product_version_not_draft',
  },
  'POST /products/{id}/versions/{versionId}/retire': {
    kind: 'state-guarded',
    reason: 'active → retired; a retry is 409 product_version_not_retirable',
  },
  'POST /policies': walked('representative', async () => {
    const { db } = await testDatabase();
    const customer = await makeCustomer(db);
    const { version } = await makeProduct(db);
    return {
      url: '/policies',
      payload: {
        customerId: customer.id,
        productVersionId: version.id,
        startsOn: '2026-01-01',
        endsOn: '2027-01-01',
        premiumSchedule: { frequency: 'monthly', amountMinor: 19_900 },
      },
    };
  }),
  'POST /policies/{id}/premium-payments': walked('supervisor', async () => {
    const { policy } = await insured();
    // No bank reference (booked by hand): only the key tells a retry from a second payment.
    return {
      url: `/policies/${policy.id}/premium-payments`,
      payload: { paidOn: '2026-02-01', amountMinor: 19_900, currency: 'SEK' },
    };
  }),
  'POST /claims': walked('representative', async () => {
    const { customer, policy } = await insured();
    return { url: '/claims', payload: claimBody(customer.id, policy.id) };
  }),
  'POST /claims/{ref}/documents-received': BY_VERSION,
  'POST /claims/assessment-preview': { kind: 'not-a-create', reason: 'a what-if: writes nothing' },
  'POST /claims/{ref}/notes': walked('representative', async () => {
    const { claim } = await claimInReview(clerk);
    return { url: `/claims/${claim.id}/notes`, payload: { body: 'Called the clinic.' } };
  }),
  'POST /claims/{ref}/decision': walked('representative', async () => {
    const { claim } = await claimInReview(clerk);
    return {
      url: `/claims/${claim.id}/decision`,
      payload: { version: claim.version, outcome: 'approve', comment: 'Looks right' },
    };
  }),
  'POST /claims/{ref}/escalation': walked('representative', async (session) => {
    const { db } = await testDatabase();
    const supervisor = await signInAs('supervisor');
    await db
      .updateTable('users')
      .set({ manager_id: supervisor.userId })
      .where('id', '=', session.userId)
      .execute();
    const { claim } = await claimInReview(clerk);
    return {
      url: `/claims/${claim.id}/escalation`,
      payload: { reason: 'Unusual clinic', version: claim.version },
    };
  }),
  'POST /claims/{ref}/escalation/return': BY_VERSION,
  'POST /claims/{ref}/appeal': BY_VERSION,
  'POST /claims/{ref}/withdrawal': BY_VERSION,
  'POST /claims/{ref}/information-requests': walked('representative', async () => {
    const { claim } = await claimInReview(clerk);
    return {
      url: `/claims/${claim.id}/information-requests`,
      payload: { version: claim.version, items: [{ kind: 'document', document: 'receipt' }] },
    };
  }),
  'POST /claims/{ref}/information-requests/answer': {
    kind: 'state-guarded',
    reason: 'answers the open request; a retry is 409 information_request_closed',
  },
  'POST /claims/{ref}/assignment': BY_VERSION,
  'POST /cases': forNewCustomer('representative', (customerId) => ({
    url: '/cases',
    payload: {
      customerId,
      kind: 'general_inquiry',
      subject: 'A question',
      description: 'When is the next premium due?',
    },
  })),
  'POST /cases/{ref}/status': BY_VERSION,
  'POST /cases/{ref}/messages': walked('representative', async (session) => {
    const found = await serviceCase(session);
    return { url: `/cases/${found.id}/messages`, payload: { body: 'We are looking into it.' } };
  }),
  'POST /cases/{ref}/assignment': BY_VERSION,
  'POST /departments': walked('administrator', async () => ({
    url: '/departments',
    payload: { code: `iw_${uniqueLetters(10)}`, name: { sv: 'Avdelning', it: 'Reparto', en: 'Department' } },
  })),
  'PATCH /departments/{code}': BY_VERSION,
  'POST /cases/{ref}/referrals': walked('representative', async (session) => {
    const [found, department] = await Promise.all([serviceCase(session), staffedDepartment()]);
    return { url: `/cases/${found.id}/referrals`, payload: { department, question: 'Was it paid?' } };
  }),
  'POST /referrals/{ref}/accept': BY_VERSION,
  'POST /referrals/{ref}/answer': BY_VERSION,
  'POST /referrals/{ref}/return': BY_VERSION,
  'POST /referrals/{ref}/cancel': BY_VERSION,
  'POST /documents': walked('representative', async () => {
    const { claim } = await claimInReview(clerk);
    return {
      url: '/documents',
      form: matrixUploadForm({ entityType: 'claim', entityId: claim.id, kind: 'receipt' }),
    };
  }),
  'POST /calls': walked('representative', async () => ({
    url: '/calls',
    payload: { direction: 'inbound', phoneNumber: '+46701234567', notes: 'Asks about a claim.' },
  })),
  'PATCH /calls/{id}': BY_VERSION,
  'POST /customers/{id}/account-changes': forNewCustomer('representative', (customerId) => ({
    url: `/customers/${customerId}/account-changes`,
    payload: { field: 'phone', newValue: '+46709876543' },
  })),
  'POST /account-changes/{id}/verification': BY_VERSION,
  'POST /account-changes/{id}/approve': BY_VERSION,
  'POST /account-changes/{id}/reject': BY_VERSION,
  'POST /account-changes/{id}/cancel': BY_VERSION,
  'POST /complaints': forNewCustomer('representative', (customerId) => ({
    url: '/complaints',
    payload: complaintInput(customerId),
  })),
  'POST /complaints/{ref}/final-answer': walked('supervisor', async () => {
    const complaint = await openComplaint(clerk);
    return {
      url: `/complaints/${complaint.caseNumber}/final-answer`,
      payload: { answer: 'We stand by the decision.', outcome: 'rejected', version: complaint.version },
    };
  }),
  'POST /inbound-messages/{id}/assign': BY_VERSION,
  'POST /inbound-messages/{id}/claim': {
    kind: 'idempotency-key',
    provenBy: 'test/api/inbound-email.int.test.ts',
    why: 'needs an email received over SMTP and left in triage',
  },
  'POST /scans': {
    kind: 'idempotency-key',
    provenBy: 'test/api/scans.int.test.ts',
    why: 'an image upload that queues OCR',
  },
  'POST /print-batches': {
    kind: 'idempotency-key',
    provenBy: 'test/api/outbound.int.test.ts',
    why: 'a global write: it prints every pending letter, other tests’ too',
  },
  'POST /payment-batches': {
    kind: 'idempotency-key',
    provenBy: 'test/api/payment-batches.int.test.ts',
    why: 'a global write: it batches every ready payment of the currency',
  },
  'POST /payment-batches/{ref}/approve': BY_VERSION,
  'POST /payment-batches/{ref}/release': BY_VERSION,
  'POST /payment-batches/{ref}/cancel': BY_VERSION,
  'POST /payments/{ref}/review': BY_VERSION,
  'POST /recoveries/{ref}/resolve': BY_VERSION,
  // A half-year far ahead: no payment of any test reads it.
  'POST /reference-rates': walked('administrator', async () => ({
    url: '/reference-rates',
    payload: {
      validFrom: `${2100 + randomInt(0, 800)}-0${randomInt(0, 2) ? 1 : 7}-01`,
      ratePercent: 2.5,
      source: 'Walk test',
    },
  })),
  'PATCH /deadline-policies/{code}': BY_VERSION,
  'POST /business-calendars/{country}/closed-days': walked('administrator', async (session) => {
    const date = farWorkingDay();
    return {
      url: '/business-calendars/SE/closed-days',
      payload: { date, reason: 'Walk test' },
      after: async () => {
        const res = await app.inject({
          method: 'POST',
          url: `/business-calendars/SE/closed-days/${date}/reopen`,
          headers: session.headers,
          payload: {},
        });
        expect(res.statusCode, res.body).toBe(200);
      },
    };
  }),
  'POST /business-calendars/{country}/closed-days/{date}/reopen': {
    kind: 'state-guarded',
    reason: 'a reopened day is no longer closed; a retry is 404',
  },
  'PATCH /authority-limits/{id}': BY_VERSION,
  'POST /customers/{id}/erasure': {
    kind: 'state-guarded',
    reason: 'an erased customer has nothing left to erase; a retry changes nothing more',
  },
  'POST /claims/bulk': {
    kind: 'natural-key',
    reason: 'each NDJSON line carries its externalRef (unique): a re-sent file registers nothing twice',
  },
  'POST /bank-notifications': {
    kind: 'idempotency-key',
    provenBy: 'test/api/bank-notifications.int.test.ts',
    why: 'a camt.054 file for payments sent to the bank (and its message id is a natural key too)',
  },
  'POST /payments/{ref}/status': BY_VERSION,
  'POST /webhook-subscriptions': walked(
    'administrator',
    async (session) => ({
      url: '/webhook-subscriptions',
      payload: { url: 'http://127.0.0.1:9/walk', events: ['payment.settled'], description: 'walk' },
      // Paused at once, so that no other test's events are queued for it.
      after: async (first) => {
        const res = await app.inject({
          method: 'PATCH',
          url: `/webhook-subscriptions/${first.id}`,
          headers: session.headers,
          payload: { version: 1, active: false },
        });
        expect(res.statusCode, res.body).toBe(200);
      },
    }),
    ['secret'],
  ),
  'POST /fhir/Claim': {
    kind: 'natural-key',
    reason:
      'Claim.identifier (system|value) is the claim’s externalRef, unique: a retry answers the same ' +
      'ClaimResponse (test/api/fhir.int.test.ts); it takes an Idempotency-Key too',
  },
  'POST /webhook-deliveries/{id}/replay': {
    kind: 'state-guarded',
    reason: 'queues the delivery again; a retry finds it pending and returns it unchanged',
  },
};

let doc: OpenApiDoc;
let operations: WalkedOperation[];

beforeAll(async () => {
  app = await testApp();
  ({ doc, operations } = await loadOperations(app));
  clerk = await signInAs('representative');
});

/** The operations this table governs: every POST, and the PATCH/PUTs it names. */
function governed(): WalkedOperation[] {
  return operations.filter((op) => op.method === 'POST');
}

describe('every POST is classified', () => {
  it('has a rule, and the table names no route that is gone', () => {
    const posts = governed().map((op) => op.id);
    const unclassified = posts.filter((id) => !IDEMPOTENCY[id]);
    expect(unclassified, 'classify these POSTs in IDEMPOTENCY (decision 0005)').toEqual([]);
    const published = new Set(operations.map((op) => op.id));
    expect(Object.keys(IDEMPOTENCY).filter((id) => !published.has(id))).toEqual([]);
  });

  it('idempotency-key routes publish the Idempotency-Key header; version-guarded ones require `version`', () => {
    const res = operations.flatMap((op) => {
      const rule = IDEMPOTENCY[op.id];
      if (!rule) return [];
      const raw = doc.paths[op.path]?.[op.method.toLowerCase()] as {
        parameters?: { name: string; in: string }[];
      };
      const hasKey = (raw.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key');
      if (rule.kind === 'idempotency-key' && !hasKey) return [`${op.id}: no idempotency-key header`];
      if (rule.kind === 'version-guarded') {
        const { props, required } = op.body ? objectShape(doc, op.body) : { props: {}, required: [] };
        if (!('version' in props)) return [`${op.id}: no version in the body`];
        // A retry without `version` would act twice: only a required one makes the retry a 409.
        if (!required.includes('version')) return [`${op.id}: version is optional`];
      }
      return [];
    });
    expect(res).toEqual([]);
  });

  it('routes proven elsewhere are proven there (the file sends a key and checks the replay)', () => {
    for (const [id, rule] of Object.entries(IDEMPOTENCY)) {
      if (rule.kind !== 'idempotency-key' || !('provenBy' in rule)) continue;
      const text = readFileSync(rule.provenBy, 'utf8');
      const path = (id.split(' ')[1] ?? '').split('/').filter((s) => s && !s.startsWith('{'));
      expect(text, `${rule.provenBy} calls ${id}`).toContain(`/${path.at(-1)}`);
      expect(text, rule.provenBy).toContain('idempotency-key');
      expect(text, rule.provenBy).toContain('idempotent-replayed');
    }
  });
});

const WALKED = Object.entries(IDEMPOTENCY).flatMap(([id, rule]) =>
  rule.kind === 'idempotency-key' && 'walk' in rule ? [[id, rule.walk] as const] : [],
);

describe('the same request twice with one Idempotency-Key → the first response, one effect', () => {
  it.each(WALKED)('%s', async (_id, walk) => {
    const session = await signInAs(walk.role);
    const built = await walk.build(session);
    const key = `walk-${newId()}`;
    const send = (payload = built.payload) =>
      app.inject({
        method: 'POST',
        url: built.url,
        headers: {
          ...session.headers,
          'idempotency-key': key,
          ...(built.form ? { 'content-type': built.form.contentType } : {}),
        },
        ...(built.form ? { payload: built.form.payload } : { payload }),
      });
    const before = await auditEventsBy(session.userId);
    const first = await send();
    expect([200, 201, 202], first.body).toContain(first.statusCode);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const afterFirst = await auditEventsBy(session.userId);
    expect(afterFirst, 'the first request writes (and audits)').toBeGreaterThan(before);

    const second = await send();
    // Decision 0005: a replay is 200, says so in the header, and its body is the first one.
    expect(second.statusCode, second.body).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const withheld = Object.fromEntries((walk.secrets ?? []).map((k) => [k, undefined]));
    expect(second.json()).toEqual({ ...first.json(), ...withheld });
    expect(await auditEventsBy(session.userId), 'the retry writes nothing').toBe(afterFirst);

    await built.after?.(first.json());
  });
});

describe('the same key for a different request', () => {
  it('→ 409 idempotency_key_reused, nothing written (a route keyed at the route: POST /customers)', async () => {
    const session = await signInAs('representative');
    const key = `walk-${newId()}`;
    const send = (payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: '/customers',
        headers: { ...session.headers, 'idempotency-key': key },
        payload,
      });
    const input = swedishCustomerInput() as Record<string, unknown>;
    expect((await send(input)).statusCode).toBe(201);
    const audited = await auditEventsBy(session.userId);
    const problem = expectProblem(
      await send({ ...input, givenName: 'Berit' }),
      409,
      'idempotency_key_reused',
    );
    expect(problem.detail).toContain(key);
    expect(await auditEventsBy(session.userId)).toBe(audited);
  });

  it('the key covers the path: the same body for another product is another request', async () => {
    const { db } = await testDatabase();
    const session = await signInAs('administrator');
    const [a, b] = [(await makeProduct(db)).product, (await makeProduct(db)).product];
    const key = `walk-${newId()}`;
    const payload = { effectiveFrom: '2027-01-01', status: 'draft', config: TRAVEL_CONFIG };
    const send = (productId: string) =>
      app.inject({
        method: 'POST',
        url: `/products/${productId}/versions`,
        headers: { ...session.headers, 'idempotency-key': key },
        payload,
      });
    expect((await send(a.id)).statusCode).toBe(201);
    expectProblem(await send(b.id), 409, 'idempotency_key_reused');
    const versions = await db
      .selectFrom('product_versions')
      .select('id')
      .where('product_id', '=', b.id)
      .execute();
    expect(versions).toHaveLength(1); // the factory's own
  });
});
