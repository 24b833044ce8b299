import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { makeCustomer } from '../support/factories.ts';
import {
  loadOperations,
  type OpenApiDoc,
  objectShape,
  type WalkedOperation,
} from '../support/openapi-walk.ts';
import { paymentScenario, swedishIban } from '../support/payment-fixtures.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import {
  claimInReview,
  insertDepartment,
  openComplaint,
  post,
  serviceCase,
} from '../support/walk-fixtures.ts';
import { auditEventsBy, expectProblem, uniqueLetters } from './api-helpers.ts';

// Issue 9 §5: optimistic concurrency on every editable record. Every PATCH/PUT, and every POST
// whose body carries the `version` the caller read, is classified here (a new one fails this test
// until it is). Each `version` route is then walked: a record in a state where the request would
// succeed is changed underneath (its version moves on, as when a colleague saved first), and the
// request with the version it had read must be refused with 409 version_conflict and change
// nothing: the row is as it was, and the caller's audit trail did not grow. `version` is required
// (sent without it: 400 at the field, nothing changed) unless a rule says why it may be left out.

type Stale = {
  method?: 'POST' | 'PATCH' | 'PUT';
  url: string;
  /** The request as the caller would send it, with the version it read. */
  payload: (version: number) => Record<string, unknown>;
  /** The row the version belongs to (moved on under the request, compared after it). */
  table: string;
  id: string;
};

type Rule =
  | {
      kind: 'version';
      role: Role;
      build: (session: Session) => Promise<Stale>;
      /**
       * Why a caller may leave `version` out here (checked when sent). Without this, `version` must
       * be required: a write that runs without it can overwrite a colleague's change unseen.
       */
      versionOptional?: string;
    }
  /** Versioned, and refused stale — but the record cannot be built here; the file that proves it. */
  | { kind: 'version'; provenBy: string; why: string }
  /** A global setting: sent with a version that is not the stored one (never moved underneath). */
  | {
      kind: 'version-tag';
      role: Role;
      build: (
        session: Session,
      ) => Promise<{ url: string; payload: Record<string, unknown>; read: () => Promise<unknown> }>;
    }
  | { kind: 'not-an-edit'; reason: string };

let app: FastifyInstance;
let clerk: Session; // registers claims and opens cases, so that the walked caller did not
let sup: Session;

/** The request as the caller would send it: `body` with the version it read, against `table`/`id`. */
function stale(
  url: string,
  body: Record<string, unknown>,
  row: { table: string; id: string },
  method?: 'PATCH',
): Stale {
  return { ...(method ? { method } : {}), url, payload: (version) => ({ ...body, version }), ...row };
}

/** A claim in review with the walked representative's own supervisor above them. */
async function claimWithManager(session: Session) {
  const { db } = await testDatabase();
  await db.updateTable('users').set({ manager_id: sup.userId }).where('id', '=', session.userId).execute();
  return claimInReview(clerk);
}

async function workItemOf(subjectId: string): Promise<string> {
  const { db } = await testDatabase();
  const row = await db
    .selectFrom('work_items')
    .select('id')
    .where('subject_id', '=', subjectId)
    .executeTakeFirstOrThrow();
  return row.id;
}

const department = () => insertDepartment(`cw_${uniqueLetters(10)}`);

/** An open referral to the walked agent's department (`agent` staffs it). */
async function openReferral(agentDepartment?: string) {
  const code = agentDepartment ?? (await department());
  if (!agentDepartment) await signInAs('department_agent', { department: code });
  const found = await serviceCase(clerk);
  return post(clerk, `/cases/${found.id}/referrals`, { department: code, question: 'Was it paid?' });
}

async function accountChange() {
  const { db } = await testDatabase();
  const customer = await makeCustomer(db);
  return post(clerk, `/customers/${customer.id}/account-changes`, {
    field: 'bank_account',
    newValue: { scheme: 'iban', iban: swedishIban(), holderName: 'Anna Lindqvist' },
  });
}

const claimAction = (path: string, body: Record<string, unknown>) => async (): Promise<Stale> => {
  const { claim } = await claimInReview(clerk);
  return stale(`/claims/${claim.id}/${path}`, body, { table: 'claims', id: claim.id });
};

const caseAction = (path: string, body: Record<string, unknown>) => async (): Promise<Stale> => {
  const found = await serviceCase(clerk);
  return stale(`/cases/${found.id}/${path}`, body, { table: 'service_cases', id: found.id });
};

const referralAction =
  (path: string, body: Record<string, unknown>) =>
  async (session: Session): Promise<Stale> => {
    const referral = await openReferral(sessionDepartments.get(session.userId));
    return stale(`/referrals/${referral.id}/${path}`, body, { table: 'referrals', id: referral.id });
  };

const accountChangeAction = (path: string, body: Record<string, unknown>) => async (): Promise<Stale> => {
  const change = await accountChange();
  return stale(`/account-changes/${change.id}/${path}`, body, {
    table: 'account_change_requests',
    id: change.id,
  });
};

const batchAction = (path: string, body: Record<string, unknown>) => async (): Promise<Stale> => {
  const { db } = await testDatabase();
  const { batch } = await paymentScenario(db, { status: 'batched' });
  if (!batch) throw new Error('no batch');
  return stale(`/payment-batches/${batch.id}/${path}`, body, { table: 'payment_batches', id: batch.id });
};

/** Department agents walked here staff a department of their own. */
const sessionDepartments = new Map<string, string>();

const CONCURRENCY: Record<string, Rule> = {
  'PATCH /users/{id}': {
    kind: 'version',
    role: 'administrator',
    build: async () => {
      const target = await signInAs('representative');
      return stale(
        `/users/${target.userId}`,
        { displayName: 'Renamed' },
        { table: 'users', id: target.userId },
        'PATCH',
      );
    },
  },
  'POST /claims/{ref}/documents-received': {
    kind: 'version',
    role: 'representative',
    build: claimAction('documents-received', { documents: ['medical_certificate'] }),
  },
  'POST /claims/{ref}/decision': {
    kind: 'version',
    role: 'representative',
    build: claimAction('decision', { outcome: 'approve', comment: 'Looks right' }),
  },
  'POST /claims/{ref}/escalation': {
    kind: 'version',
    role: 'representative',
    build: async (session) => {
      const { claim } = await claimWithManager(session);
      return stale(
        `/claims/${claim.id}/escalation`,
        { reason: 'Unusual clinic' },
        { table: 'claims', id: claim.id },
      );
    },
  },
  'POST /claims/{ref}/escalation/return': {
    kind: 'version',
    role: 'supervisor',
    build: async () => {
      const rep = await signInAs('representative');
      const { claim } = await claimWithManager(rep);
      await post(rep, `/claims/${claim.id}/escalation`, { reason: 'Unusual clinic', version: claim.version });
      return stale(
        `/claims/${claim.id}/escalation/return`,
        { comment: 'Decide it yourself' },
        { table: 'claims', id: claim.id },
      );
    },
  },
  'POST /claims/{ref}/appeal': {
    kind: 'version',
    role: 'representative',
    build: async () => {
      const { claim } = await claimInReview(clerk);
      const rep = await signInAs('representative');
      await post(rep, `/claims/${claim.id}/decision`, { version: claim.version, outcome: 'approve' });
      return stale(
        `/claims/${claim.id}/appeal`,
        { reason: 'The customer disagrees' },
        { table: 'claims', id: claim.id },
      );
    },
  },
  'POST /claims/{ref}/withdrawal': {
    kind: 'version',
    role: 'representative',
    build: claimAction('withdrawal', { reason: 'The customer withdrew it by phone' }),
  },
  'POST /claims/{ref}/information-requests': {
    kind: 'version',
    role: 'representative',
    build: claimAction('information-requests', { items: [{ kind: 'document', document: 'receipt' }] }),
  },
  'POST /claims/{ref}/assignment': {
    kind: 'version',
    role: 'supervisor',
    build: async () => {
      const { claim } = await claimInReview(clerk);
      const other = await signInAs('representative');
      return stale(
        `/claims/${claim.id}/assignment`,
        { userId: other.userId },
        { table: 'work_items', id: await workItemOf(claim.id) },
      );
    },
  },
  'POST /cases/{ref}/status': {
    kind: 'version',
    role: 'supervisor',
    build: caseAction('status', { to: 'in_progress', reason: 'Looking into it' }),
  },
  'POST /cases/{ref}/messages': {
    kind: 'version',
    versionOptional:
      'a message is appended, it changes none of the case’s state: two people adding messages is ' +
      'not a lost update (a stale `version`, when sent, is still refused)',
    role: 'supervisor',
    build: caseAction('messages', { body: 'We are on it.' }),
  },
  'POST /cases/{ref}/assignment': {
    kind: 'version',
    role: 'supervisor',
    build: async () => {
      const found = await serviceCase(clerk);
      const other = await signInAs('representative');
      return stale(
        `/cases/${found.id}/assignment`,
        { userId: other.userId },
        { table: 'work_items', id: await workItemOf(found.id) },
      );
    },
  },
  'PATCH /departments/{code}': {
    kind: 'version',
    role: 'administrator',
    build: async () => {
      const code = await department();
      const { db } = await testDatabase();
      const row = await db
        .selectFrom('departments')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      return stale(`/departments/${code}`, { active: false }, { table: 'departments', id: row.id }, 'PATCH');
    },
  },
  'POST /referrals/{ref}/accept': {
    kind: 'version',
    role: 'department_agent',
    build: referralAction('accept', {}),
  },
  'POST /referrals/{ref}/answer': {
    kind: 'version',
    role: 'department_agent',
    build: referralAction('answer', { answer: 'Paid on 3 March.' }),
  },
  'POST /referrals/{ref}/return': {
    kind: 'version',
    role: 'department_agent',
    build: referralAction('return', { reason: 'Not ours to answer.' }),
  },
  'POST /referrals/{ref}/cancel': {
    kind: 'version',
    role: 'supervisor',
    build: referralAction('cancel', { reason: 'No longer needed.' }),
  },
  'PATCH /calls/{id}': {
    kind: 'version',
    role: 'representative',
    build: async (session) => {
      const call = await post(session, '/calls', { direction: 'inbound', phoneNumber: '+46701234567' });
      return stale(
        `/calls/${call.id}`,
        { notes: 'Asked about the claim.' },
        { table: 'calls', id: call.id },
        'PATCH',
      );
    },
  },
  'POST /account-changes/{id}/verification': {
    kind: 'version',
    role: 'supervisor',
    build: accountChangeAction('verification', { method: 'bankid', reference: 'BID-123' }),
  },
  'POST /account-changes/{id}/approve': {
    kind: 'version',
    provenBy: 'test/api/account-changes.int.test.ts',
    why: 'needs a verified change and a second person (four eyes)',
  },
  'POST /account-changes/{id}/reject': {
    kind: 'version',
    role: 'supervisor',
    build: accountChangeAction('reject', { reason: 'Could not verify the caller.' }),
  },
  'POST /account-changes/{id}/cancel': {
    kind: 'version',
    provenBy: 'test/api/account-changes.int.test.ts',
    why: 'only the customer who asked may take it back (a portal login of their own)',
  },
  'POST /complaints/{ref}/final-answer': {
    kind: 'version',
    role: 'supervisor',
    build: async () => {
      const complaint = await openComplaint(clerk);
      return stale(
        `/complaints/${complaint.caseNumber}/final-answer`,
        { answer: 'We stand by it.', outcome: 'rejected' },
        { table: 'service_cases', id: String(complaint.caseId) },
      );
    },
  },
  'POST /inbound-messages/{id}/assign': {
    kind: 'version',
    provenBy: 'test/api/inbound-email.int.test.ts',
    why: 'needs an email received over SMTP and left in triage',
  },
  'POST /inbound-messages/{id}/claim': {
    kind: 'version',
    provenBy: 'test/api/inbound-email.int.test.ts',
    why: 'needs an email received over SMTP and left in triage',
  },
  'POST /payment-batches/{ref}/approve': {
    kind: 'version',
    provenBy: 'test/api/payment-batches.int.test.ts',
    why: 'needs a batch above the four-eyes threshold, made by someone else',
  },
  'POST /payment-batches/{ref}/release': {
    kind: 'version',
    role: 'supervisor',
    build: batchAction('release', {}),
  },
  'POST /payment-batches/{ref}/cancel': {
    kind: 'version',
    role: 'supervisor',
    build: batchAction('cancel', { reason: 'Wrong date' }),
  },
  'POST /payments/{ref}/review': {
    kind: 'version',
    provenBy: 'test/api/payment-orders.int.test.ts',
    why: 'needs a payment held for review by the payment rules',
  },
  'POST /recoveries/{ref}/resolve': {
    kind: 'version',
    provenBy: 'test/api/payment-orders.int.test.ts',
    why: 'needs an overpayment booked as a recovery',
  },
  'POST /payments/{ref}/status': {
    kind: 'version',
    role: 'supervisor',
    build: async () => {
      const { db } = await testDatabase();
      const scenario = await paymentScenario(db, { status: 'sent' });
      return stale(
        `/payments/${scenario.payment.id}/status`,
        { to: 'settled', note: 'The bank confirmed by phone' },
        { table: 'payment_orders', id: scenario.payment.id },
      );
    },
  },
  'PATCH /webhook-subscriptions/{id}': {
    kind: 'version',
    role: 'administrator',
    build: async (session) => {
      const made = await post(session, '/webhook-subscriptions', {
        url: 'http://127.0.0.1:9/walk',
        events: ['payment.settled'],
      });
      // The request that goes through pauses it, so that no other test's events are queued for it.
      return stale(
        `/webhook-subscriptions/${made.id}`,
        { active: false },
        { table: 'webhook_subscriptions', id: made.id },
        'PATCH',
      );
    },
  },
  'PATCH /deadline-policies/{code}': {
    kind: 'version-tag',
    role: 'administrator',
    build: async (session) => {
      const read = async () => {
        const res = await app.inject({ method: 'GET', url: '/deadline-policies', headers: session.headers });
        return res.json().items as {
          code: string;
          version: number;
          configurable?: boolean;
          setByLaw?: boolean;
        }[];
      };
      const items = await read();
      const policy = items.find((p) => p.configurable !== false && p.setByLaw !== true) ?? items[0];
      if (!policy) throw new Error('no deadline policy');
      return {
        url: `/deadline-policies/${policy.code}`,
        payload: { version: policy.version + 1000, clock: { unit: 'calendar_days', amount: 30 } },
        read: async () => (await read()).find((p) => p.code === policy.code),
      };
    },
  },
  'PATCH /authority-limits/{id}': {
    kind: 'version-tag',
    role: 'administrator',
    build: async (session) => {
      const { db } = await testDatabase();
      const id = newId();
      await db
        .insertInto('authority_limits')
        .values({
          id,
          role: 'representative',
          user_id: null,
          product_code: `CW-${uniqueLetters(8)}`,
          currency: 'SEK',
          max_amount_minor: 100_000,
          own_registration_max_minor: 100_000,
          causes: null,
        })
        .execute();
      const read = async () => {
        const res = await app.inject({ method: 'GET', url: '/authority-limits', headers: session.headers });
        return (res.json().items as { id: string }[]).find((l) => l.id === id);
      };
      return {
        url: `/authority-limits/${id}`,
        payload: { version: 'a-stale-tag', maxAmountMinor: 200_000 },
        read,
      };
    },
  },
};

let doc: OpenApiDoc;
let operations: WalkedOperation[];

beforeAll(async () => {
  app = await testApp();
  ({ doc, operations } = await loadOperations(app));
  [clerk, sup] = await Promise.all([signInAs('representative'), signInAs('supervisor')]);
});

/** Every PATCH/PUT, and every POST whose body carries a `version`. */
function governed(): WalkedOperation[] {
  return operations.filter((op) => {
    if (op.method === 'PATCH' || op.method === 'PUT') return true;
    if (op.method !== 'POST' || !op.body) return false;
    return 'version' in objectShape(doc, op.body).props;
  });
}

describe('every edit is classified', () => {
  it('has a rule, and the table names no route that is gone', () => {
    const unclassified = governed()
      .map((op) => op.id)
      .filter((id) => !CONCURRENCY[id]);
    expect(unclassified, 'classify these edits in CONCURRENCY (issue 9 §5)').toEqual([]);
    const published = new Set(operations.map((op) => op.id));
    expect(Object.keys(CONCURRENCY).filter((id) => !published.has(id))).toEqual([]);
  });

  it('requires `version` on every versioned write, unless the rule says why it may be left out', () => {
    const optional = governed().flatMap((op) => {
      const rule = CONCURRENCY[op.id];
      if (!op.body || (rule?.kind === 'version' && 'versionOptional' in rule)) return [];
      const { props, required } = objectShape(doc, op.body);
      return 'version' in props && !required.includes('version') ? [op.id] : [];
    });
    expect(optional, 'a caller that omits `version` could overwrite a change unseen (a lost update)').toEqual(
      [],
    );
  });

  it('routes proven elsewhere are proven there (the file expects version_conflict)', () => {
    for (const [id, rule] of Object.entries(CONCURRENCY)) {
      if (rule.kind !== 'version' || !('provenBy' in rule)) continue;
      const text = readFileSync(rule.provenBy, 'utf8');
      expect(text, rule.provenBy).toContain('version_conflict');
      expect(text, `${rule.provenBy} calls ${id}`).toContain(lastStaticSegment(id));
    }
  });
});

/** "POST /payments/{ref}/review" → "/review": what a test calling the route must contain. */
function lastStaticSegment(id: string): string {
  const segments = (id.split(' ')[1] ?? '').split('/').filter((s) => s && !s.startsWith('{'));
  return `/${segments.at(-1) ?? ''}`;
}

async function rowOf(table: string, id: string): Promise<unknown> {
  const { db } = await testDatabase();
  const { rows } = await sql`select * from ${sql.table(table)} where id = ${id}`.execute(db);
  return JSON.parse(JSON.stringify(rows[0] ?? null));
}

const WALKED = Object.entries(CONCURRENCY).flatMap(([id, rule]) =>
  rule.kind === 'version' && 'build' in rule ? [[id, rule] as const] : [],
);

/** The walked caller; a department agent staffs a department of their own. */
async function walkedSession(role: Role): Promise<Session> {
  const session = await signInAs(role, role === 'department_agent' ? { department: await department() } : {});
  if (role === 'department_agent') {
    const { db } = await testDatabase();
    const me = await db
      .selectFrom('users')
      .select('department')
      .where('id', '=', session.userId)
      .executeTakeFirstOrThrow();
    sessionDepartments.set(session.userId, me.department ?? '');
  }
  return session;
}

describe('a stale version → 409 version_conflict, nothing changed', () => {
  it.each(WALKED)('%s', async (_id, rule) => {
    const session = await walkedSession(rule.role);
    const stale = await rule.build(session);
    const { db } = await testDatabase();
    const read = (await rowOf(stale.table, stale.id)) as { version: number } | null;
    expect(read, `${stale.table} ${stale.id}`).not.toBeNull();
    const seen = Number(read?.version);
    // A colleague saves first: the row's version moves on under the caller.
    await sql`update ${sql.table(stale.table)} set version = version + 1 where id = ${stale.id}`.execute(db);
    const before = await rowOf(stale.table, stale.id);
    const audited = await auditEventsBy(session.userId);

    const res = await app.inject({
      method: stale.method ?? 'POST',
      url: stale.url,
      headers: session.headers,
      payload: stale.payload(seen),
    });
    expectProblem(res, 409, 'version_conflict');
    expect(await rowOf(stale.table, stale.id)).toEqual(before);
    expect(await auditEventsBy(session.userId)).toBe(audited);

    // The same request with the current version goes through: the fixture was a valid one, so
    // the refusal above was the version's doing.
    const fresh = await app.inject({
      method: stale.method ?? 'POST',
      url: stale.url,
      headers: session.headers,
      payload: stale.payload(seen + 1),
    });
    expect(fresh.statusCode, fresh.body).toBeLessThan(300);
  });

  it.each(
    Object.entries(CONCURRENCY).flatMap(([id, rule]) =>
      rule.kind === 'version-tag' ? [[id, rule] as const] : [],
    ),
  )('%s (global setting: a version that is not the stored one)', async (_id, rule) => {
    const session = await signInAs(rule.role);
    const built = await rule.build(session);
    const before = await built.read();
    expect(before).toBeTruthy();
    const audited = await auditEventsBy(session.userId);
    const res = await app.inject({
      method: 'PATCH',
      url: built.url,
      headers: session.headers,
      payload: built.payload,
    });
    expectProblem(res, 409, 'version_conflict');
    expect(await built.read()).toEqual(before);
    expect(await auditEventsBy(session.userId)).toBe(audited);
  });
});

// A write that runs without `version` is the lost update itself: leaving it out is a 400 at the
// field, like any other required field, and changes nothing.
describe('no version → 400 validation_failed at `version`, nothing changed', () => {
  it.each(WALKED.filter(([, rule]) => !rule.versionOptional))('%s', async (_id, rule) => {
    const session = await walkedSession(rule.role);
    const built = await rule.build(session);
    const before = (await rowOf(built.table, built.id)) as { version: number } | null;
    expect(before, `${built.table} ${built.id}`).not.toBeNull();
    const audited = await auditEventsBy(session.userId);
    const { version: _leftOut, ...payload } = built.payload(Number(before?.version));

    const res = await app.inject({
      method: built.method ?? 'POST',
      url: built.url,
      headers: session.headers,
      payload,
    });
    const problem = expectProblem(res, 400, 'validation_failed');
    expect(problem.errors?.map((e) => e.path)).toContainEqual(['version']);
    expect(await rowOf(built.table, built.id)).toEqual(before);
    expect(await auditEventsBy(session.userId)).toBe(audited);
  });
});
