import { readFileSync } from 'node:fs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/db/schema.ts';
import { newId } from '../../src/lib/ids.ts';
import { can, PERMISSION_MATRIX, type Permission } from '../../src/modules/users/permissions.ts';
import {
  fillPath,
  GLOBAL_WRITES,
  loadOperations,
  MATRIX_ROLES,
  type OpenApiDoc,
  renderPermissionTable,
  sample,
  type WalkedOperation,
} from '../support/openapi-walk.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { expectNoStackTrace } from './api-helpers.ts';
import {
  buildMatrixFixtures,
  type CustomerData,
  type MatrixFixtures,
  matrixUploadForm,
} from './route-matrix-fixtures.ts';

// Every route in the OpenAPI document × every role × the actor's own record and another's, against
// ONE expectation table derived from the permission matrix (src/modules/users/permissions.ts) and
// the scoping rules (docs/security.md): a customer gets 404 (never 403, never data) for another
// customer's record; a department agent gets 404 for a referral to another department and for
// anything beyond what a referral to their department links to (Rule.reach); a role
// without the permission gets 403 (a customer may get 404: nothing about the record leaks either
// way); a refused write changes nothing (the fixture rows and the actor's audit events are compared
// before and after). A route in the document without a row here fails the test.

type Rule = {
  /** The permission the route checks; `public` needs no session, `signed_in` any session. */
  perm: Permission | 'public' | 'signed_in';
  /** Who may, when the use case narrows the permission further (the reason is in `why`). */
  roles?: readonly Role[];
  why?: string;
  /** Another customer's record is 404 for a customer (and a department's referral for other agents). */
  scope?: 'customer' | 'department';
  /** Department agents must belong to the payments department (ours does not). */
  paymentsDesk?: true;
  /** The record named in the path does not exist in the fixtures: an allowed role gets 404. */
  absent?: true;
  /** The request body is not a JSON sample (multipart, XML, NDJSON): an allowed role may get 400/415/422. */
  rawBody?: true;
  /** Body fields naming the record (merged over the schema's sample); makes the route own/other. */
  body?: (d: CustomerData, f: MatrixFixtures) => Record<string, unknown>;
  /** Query parameters (naming the record, or required). */
  query?: (d: CustomerData, f: MatrixFixtures) => Record<string, string>;
  /**
   * What a department agent (outside the payments desk) gets on a customer's record, by the
   * department reach (docs/security.md): `linked` — A's record is one the referral to the agent's
   * department links to (allowed) and B's is not (404); `outside` — 404 for both (a customer-wide
   * view, or A's record that no referral links to). Every customer-scoped route a department agent
   * may call must say which.
   */
  reach?: 'linked' | 'outside';
  /** A list route: called with the own record's filter, the body must name this id (not hide it). */
  lists?: (d: CustomerData) => string;
};

const STAFF: readonly Role[] = [
  'representative',
  'supervisor',
  'department_agent',
  'administrator',
  'auditor',
];
const PAYMENT_STAFF: readonly Role[] = ['representative', 'supervisor', 'administrator', 'auditor'];
const REPORT_QUERY = () => ({ from: '2026-01-01', to: '2026-12-31' });

const EXPECTATIONS: Record<string, Rule> = {
  'GET /health': { perm: 'public' },
  'GET /ready': { perm: 'public' },
  'POST /auth/sign-in': { perm: 'public' },
  'POST /auth/sign-out': { perm: 'signed_in' },
  'GET /auth/me': { perm: 'signed_in' },
  'GET /auth/config': { perm: 'public' },
  'GET /notifications': { perm: 'signed_in' },

  'GET /users': { perm: 'users:read' },
  'POST /users': { perm: 'users:manage' },
  'GET /users/{id}': { perm: 'users:read' },
  'PATCH /users/{id}': { perm: 'users:manage' },
  'GET /teams': { perm: 'users:read' },
  'POST /api-tokens': { perm: 'users:manage' },
  'GET /api-tokens': { perm: 'users:read' },
  'POST /api-tokens/{id}/revoke': { perm: 'users:manage', absent: true },
  'GET /permissions': { perm: 'users:read' },

  'POST /customers': { perm: 'customers:create' },
  'GET /customers': {
    perm: 'customers:read',
    query: (d) => ({ q: d.customerNumber }),
    lists: (d) => d.customerId,
  },
  'GET /customers/{id}': { perm: 'customers:read', scope: 'customer', reach: 'linked' },
  'GET /customers/{id}/policies': { perm: 'policies:read', scope: 'customer', reach: 'outside' },
  'GET /customers/{id}/timeline': { perm: 'timeline:read', scope: 'customer', reach: 'outside' },
  'GET /customers/{id}/calls': { perm: 'calls:read', scope: 'customer', reach: 'outside' },
  'GET /customers/{id}/bank-accounts': { perm: 'customers:read', scope: 'customer', reach: 'outside' },
  'GET /customers/{id}/ledger': { perm: 'payments:read', scope: 'customer', paymentsDesk: true },
  'GET /customers/{id}/export': { perm: 'privacy:export', scope: 'customer' },
  'POST /customers/{id}/erasure': { perm: 'privacy:erase', scope: 'customer' },
  'GET /retention-rules': { perm: 'settings:read' },
  'POST /webhook-subscriptions': { perm: 'webhooks:manage' },
  'GET /webhook-subscriptions': { perm: 'webhooks:manage' },
  'GET /webhook-subscriptions/{id}': { perm: 'webhooks:manage', absent: true },
  'PATCH /webhook-subscriptions/{id}': { perm: 'webhooks:manage', absent: true },
  'GET /webhook-deliveries': { perm: 'webhooks:manage', query: () => ({ subscription: newId() }) },
  'GET /webhook-deliveries/{id}': { perm: 'webhooks:manage', absent: true },
  'POST /webhook-deliveries/{id}/replay': { perm: 'webhooks:manage', absent: true },
  'POST /customers/{id}/account-changes': {
    perm: 'account_changes:request',
    scope: 'customer',
    body: () => ({
      field: 'bank_account',
      newValue: { scheme: 'iban', iban: 'SE4550000000058398257466', holderName: 'A B' },
    }),
  },

  'POST /products': { perm: 'products:write' },
  'GET /products': { perm: 'products:read' },
  'GET /products/{id}': { perm: 'products:read' },
  'POST /products/{id}/versions': { perm: 'products:write' },
  'POST /products/{id}/versions/{versionId}/activate': { perm: 'products:write' },
  'POST /products/{id}/versions/{versionId}/retire': { perm: 'products:write' },

  'GET /deadline-policies': { perm: 'settings:read' },
  'PATCH /deadline-policies/{code}': { perm: 'deadlines:configure' },
  'POST /business-calendars/{country}/closed-days': { perm: 'deadlines:configure' },
  'POST /business-calendars/{country}/closed-days/{date}/reopen': { perm: 'deadlines:configure' },
  'GET /business-calendars/{country}': { perm: 'settings:read' },
  'GET /authority-limits': { perm: 'settings:read' },
  'PATCH /authority-limits/{id}': { perm: 'authority_limits:manage' },

  'POST /policies': { perm: 'policies:create' },
  'GET /policies/{id}': { perm: 'policies:read', scope: 'customer', reach: 'linked' },
  'POST /policies/{id}/premium-payments': { perm: 'premiums:record', scope: 'customer' },

  'POST /claims': {
    perm: 'claims:create',
    scope: 'customer',
    body: (d) => ({ customerId: d.customerId, policyId: d.policyId }),
  },
  'POST /claims/bulk': {
    perm: 'claims:create',
    roles: ['representative', 'supervisor'],
    why: 'bulk intake is for staff and integrations, never the portal',
    rawBody: true,
  },
  'POST /fhir/Claim': {
    perm: 'claims:create',
    roles: ['representative', 'supervisor'],
    why: 'FHIR intake is for staff integrations, never the portal',
  },
  'GET /fhir/ClaimResponse/{id}': {
    perm: 'claims:read',
    roles: STAFF,
    why: 'the FHIR interface is for staff integrations; customers read their claims in the portal',
    absent: true,
  },
  'GET /fhir/ExplanationOfBenefit/{id}': {
    perm: 'claims:read',
    roles: STAFF,
    why: 'as GET /fhir/ClaimResponse/{id}',
    absent: true,
  },
  'POST /claims/assessment-preview': {
    perm: 'claims:create',
    scope: 'customer',
    body: (d) => ({ customerId: d.customerId, policyId: d.policyId }),
  },
  'GET /claims': {
    perm: 'claims:read',
    query: (d) => ({ customerId: d.customerId }),
    lists: (d) => d.claimId,
  },
  'GET /claims/{ref}': { perm: 'claims:read', scope: 'customer', reach: 'linked' },
  'POST /claims/{ref}/documents-received': { perm: 'claims:create', scope: 'customer' },
  'POST /claims/{ref}/notes': { perm: 'claims:handle', scope: 'customer' },
  'GET /claims/{ref}/notes': { perm: 'timeline:read', scope: 'customer', reach: 'linked' },
  'POST /claims/{ref}/decision': { perm: 'claims:decide', scope: 'customer' },
  'POST /claims/{ref}/escalation': { perm: 'claims:escalate', scope: 'customer' },
  'POST /claims/{ref}/escalation/return': { perm: 'escalations:resolve', scope: 'customer' },
  'POST /claims/{ref}/appeal': { perm: 'claims:appeal', scope: 'customer' },
  'POST /claims/{ref}/withdrawal': { perm: 'claims:withdraw', scope: 'customer' },
  'GET /escalations': { perm: 'escalations:resolve' },
  'GET /claims/{ref}/escalations': {
    perm: 'claims:read',
    roles: STAFF,
    why: 'escalations are staff’s internal routing',
    scope: 'customer',
    reach: 'linked',
  },
  'POST /claims/{ref}/information-requests': { perm: 'claims:handle', scope: 'customer' },
  'GET /claims/{ref}/information-requests': { perm: 'claims:read', scope: 'customer', reach: 'linked' },
  'POST /claims/{ref}/information-requests/answer': {
    perm: 'information:answer',
    scope: 'customer',
    body: () => ({ answers: ['Here it is.'] }),
  },
  'GET /claims/{ref}/information-request': { perm: 'claims:read', scope: 'customer', reach: 'linked' },
  'GET /claims/{ref}/letters': { perm: 'claims:read', scope: 'customer', reach: 'linked' },
  'GET /claims/{ref}/decision-letter': {
    perm: 'claims:read',
    scope: 'customer',
    absent: true,
    reach: 'linked',
  },
  'GET /claims/{ref}/documents/checklist': { perm: 'claims:read', scope: 'customer', reach: 'linked' },
  'GET /claims/{ref}/ledger': { perm: 'payments:read', scope: 'customer', paymentsDesk: true },
  'GET /queues/{queue}': { perm: 'queues:read' },
  'POST /claims/{ref}/assignment': {
    perm: 'claims:handle',
    scope: 'customer',
    absent: true, // the fixture claims are decided: in no work queue (404 work_item_not_found)
    body: (_d, f) => ({ userId: f.sessions.representative.userId }),
  },
  'GET /claims/{ref}/work': {
    perm: 'claims:read',
    roles: STAFF,
    why: 'the work view (queue, clocks, owner) is staff’s',
    scope: 'customer',
    reach: 'linked',
  },

  'POST /cases': { perm: 'cases:create', scope: 'customer', body: (d) => ({ customerId: d.customerId }) },
  'GET /cases': {
    perm: 'cases:read',
    query: (d) => ({ customerId: d.customerId }),
    lists: (d) => d.caseId,
  },
  'GET /cases/{ref}': { perm: 'cases:read', scope: 'customer', reach: 'linked' },
  'POST /cases/{ref}/status': { perm: 'cases:handle', scope: 'customer' },
  'POST /cases/{ref}/messages': { perm: 'cases:message', scope: 'customer', reach: 'linked' },
  'POST /cases/{ref}/assignment': {
    perm: 'cases:handle',
    roles: ['supervisor'],
    why: 'moving a case someone else owns is the supervisor’s call (work:assign); administrators do not handle cases',
    scope: 'customer',
    body: (_d, f) => ({ userId: f.sessions.representative.userId }),
  },
  'GET /cases/{ref}/account-changes': { perm: 'customers:read', scope: 'customer', reach: 'linked' },
  'POST /cases/{ref}/referrals': {
    perm: 'referrals:create',
    scope: 'customer',
    // Department B: a referral the walk makes to the matrix agent's department would bring B's
    // records into the agent's reach (B's case already has one to B: 409 for B, a new one for A).
    body: (_d, f) => ({ department: f.departmentB }),
  },
  'GET /cases/{ref}/referrals': {
    perm: 'cases:read',
    roles: STAFF,
    why: 'referrals are internal; a customer is told the case, not who was asked',
    scope: 'customer',
    reach: 'linked',
  },

  'GET /departments': { perm: 'cases:read', roles: STAFF, why: 'departments are for staff' },
  'POST /departments': { perm: 'departments:manage', body: () => ({ code: `m_${newId().slice(-8)}` }) },
  'GET /departments/{code}': { perm: 'cases:read', roles: STAFF, why: 'departments are for staff' },
  'PATCH /departments/{code}': { perm: 'departments:manage' },

  'GET /referrals/{ref}': {
    perm: 'cases:read',
    roles: STAFF,
    why: 'referrals are internal',
    scope: 'department',
  },
  'POST /referrals/{ref}/accept': {
    perm: 'referrals:handle',
    roles: ['department_agent'],
    why: 'only the referral’s department (its agents, its supervisor) handles it; the matrix supervisor heads none',
    scope: 'department',
  },
  'POST /referrals/{ref}/answer': {
    perm: 'referrals:handle',
    roles: ['department_agent'],
    why: 'as accept',
    scope: 'department',
  },
  'POST /referrals/{ref}/return': {
    perm: 'referrals:handle',
    roles: ['department_agent'],
    why: 'as accept',
    scope: 'department',
  },
  'POST /referrals/{ref}/cancel': {
    perm: 'referrals:create',
    roles: ['supervisor'],
    why: 'the case’s owner (another representative made the fixtures) or a supervisor calls a referral off',
    scope: 'customer',
  },

  'GET /documents': {
    perm: 'claims:read',
    scope: 'customer',
    query: (d) => ({ entityType: 'claim', entityId: d.claimId }),
    reach: 'linked',
  },
  'POST /documents': { perm: 'documents:upload', scope: 'customer', rawBody: true, reach: 'linked' },
  'GET /documents/{id}': { perm: 'claims:read', scope: 'customer', reach: 'linked' },
  'GET /documents/{id}/content': { perm: 'claims:read', scope: 'customer', reach: 'linked' },

  'POST /calls': {
    perm: 'calls:log',
    body: (d) => ({ customerId: d.customerId, phoneNumber: '+46701234567' }),
  },
  'PATCH /calls/{id}': { perm: 'calls:log', scope: 'customer', reach: 'linked' },
  'GET /calls/{id}': { perm: 'calls:read', scope: 'customer', reach: 'linked' },
  'GET /screen-pop': { perm: 'calls:read', query: () => ({ number: '+46701234567' }) },

  'POST /account-changes/{id}/verification': { perm: 'account_changes:verify', scope: 'customer' },
  'POST /account-changes/{id}/approve': {
    perm: 'account_changes:approve',
    scope: 'customer',
  },
  'POST /account-changes/{id}/reject': { perm: 'account_changes:approve', scope: 'customer' },
  'POST /account-changes/{id}/cancel': {
    perm: 'account_changes:request',
    roles: [],
    why: 'only the person who asked for the change cancels it (another representative made the fixtures)',
    scope: 'customer',
  },
  'GET /account-changes/{id}': { perm: 'customers:read', scope: 'customer', reach: 'outside' },

  'POST /complaints': {
    perm: 'cases:create',
    scope: 'customer',
    body: (d) => ({ customerId: d.customerId }),
  },
  'GET /complaints': { perm: 'complaints:register_export', query: REPORT_QUERY },
  'GET /complaints/register.csv': { perm: 'complaints:register_export', query: REPORT_QUERY },
  'GET /complaints/{ref}': { perm: 'cases:read', scope: 'customer', reach: 'outside' },
  'POST /complaints/{ref}/final-answer': { perm: 'complaints:answer', scope: 'customer' },

  'GET /inbound-messages': { perm: 'inbound:read' },
  'GET /inbound-messages/{id}': { perm: 'inbound:read', absent: true },
  'POST /inbound-messages/{id}/assign': { perm: 'inbound:triage', absent: true },
  'POST /inbound-messages/{id}/claim': { perm: 'inbound:triage', absent: true },

  'GET /scans': { perm: 'scans:read' },
  'POST /scans': { perm: 'scans:upload', rawBody: true },
  'GET /scans/languages': { perm: 'scans:read' },
  'GET /scans/{id}': { perm: 'scans:read', absent: true },

  'GET /outbox': { perm: 'outbox:read' },
  'GET /deliveries/{id}': { perm: 'outbox:read', absent: true },
  'GET /deliveries/{id}/pdf': { perm: 'outbox:read', absent: true },
  'POST /print-batches': { perm: 'letters:print' },
  'GET /print-batches/{id}': { perm: 'letters:print', absent: true },
  'GET /print-batches/{id}/pdf': { perm: 'letters:print', absent: true },
  'GET /templates': { perm: 'outbox:read' },
  'GET /templates/preview': {
    perm: 'outbox:read',
    query: () => ({ kind: 'claim.acknowledged', language: 'en' }),
  },
  'GET /templates/preview.pdf': {
    perm: 'outbox:read',
    query: () => ({ kind: 'claim.acknowledged', language: 'en' }),
  },

  'GET /payments': { perm: 'payments:read', paymentsDesk: true },
  'GET /payments/{ref}': { perm: 'payments:read', scope: 'customer', paymentsDesk: true },
  'POST /payments/{ref}/review': { perm: 'payments:review', paymentsDesk: true, scope: 'customer' },
  'POST /payments/{ref}/status': { perm: 'payments:set_status', scope: 'customer' },
  'GET /recoveries/{ref}': {
    perm: 'payments:read',
    roles: PAYMENT_STAFF,
    why: 'recovery items are the desk’s',
    absent: true,
  },
  'POST /recoveries/{ref}/resolve': { perm: 'recoveries:resolve', paymentsDesk: true, absent: true },
  'GET /reference-rates': { perm: 'payments:read' },
  'POST /reference-rates': { perm: 'payments:rates' },
  'POST /payment-batches': { perm: 'payments:batch', paymentsDesk: true },
  'GET /payment-batches': { perm: 'payments:read', roles: PAYMENT_STAFF, why: 'batches are the desk’s' },
  'GET /payment-batches/{ref}': {
    perm: 'payments:read',
    roles: PAYMENT_STAFF,
    why: 'batches are the desk’s',
  },
  'GET /payment-batches/{ref}/file': {
    perm: 'payments:read',
    roles: PAYMENT_STAFF,
    why: 'batches are the desk’s',
    absent: true, // the file exists once the batch is released, which the supervisor’s walk may do later
  },
  'GET /payment-batches/{ref}/reconciliation': {
    perm: 'payments:read',
    roles: PAYMENT_STAFF,
    why: 'batches are the desk’s',
  },
  'POST /payment-batches/{ref}/approve': { perm: 'payments:approve', paymentsDesk: true },
  'POST /payment-batches/{ref}/release': { perm: 'payments:release', paymentsDesk: true },
  'POST /payment-batches/{ref}/cancel': { perm: 'payments:batch', paymentsDesk: true },
  'POST /bank-notifications': { perm: 'payments:import', paymentsDesk: true, rawBody: true },
  'GET /bank-notifications': {
    perm: 'payments:read',
    roles: PAYMENT_STAFF,
    why: 'the insurer’s bank account',
  },
  'GET /bank-notifications/{id}': {
    perm: 'payments:read',
    roles: PAYMENT_STAFF,
    why: 'the insurer’s bank account',
    absent: true,
  },

  'GET /dashboards/workload': { perm: 'reports:read' },
  'GET /dashboards/deadlines': { perm: 'reports:read' },
  ...Object.fromEntries(
    [
      'backlog',
      'handling-time',
      'deadline-compliance',
      'straight-through',
      'outcomes',
      'complaints',
      'payments',
      // Also complaints:register_export, held by the same roles.
      'complaints-register',
      'claims-past-legal-deadline',
    ].flatMap((r) => [
      [`GET /reports/${r}`, { perm: 'reports:read' } satisfies Rule],
      [`GET /reports/${r}.csv`, { perm: 'reports:read' } satisfies Rule],
      [`GET /reports/${r}.xlsx`, { perm: 'reports:read' } satisfies Rule],
    ]),
  ),
};

const ROLES: Role[] = [
  'customer',
  'representative',
  'supervisor',
  'department_agent',
  'administrator',
  'auditor',
];
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let app: FastifyInstance;
let doc: OpenApiDoc;
let operations: WalkedOperation[];
let fx: MatrixFixtures;

beforeAll(async () => {
  app = await testApp();
  ({ doc, operations } = await loadOperations(app));
  fx = await buildMatrixFixtures(app);
}, 120_000);

function allowed(rule: Rule, role: Role): boolean {
  if (rule.perm === 'public' || rule.perm === 'signed_in') return true;
  const roleCan = rule.roles ? rule.roles.includes(role) : can(roleActor(role), rule.perm);
  return roleCan && !(rule.paymentsDesk && role === 'department_agent');
}

function roleActor(role: Role) {
  return { kind: 'user', role } as Parameters<typeof can>[0];
}

function pathValues(op: WalkedOperation, d: CustomerData): Record<string, string> {
  const byPrefix: Record<string, string> = {
    customers: d.customerId,
    claims: d.claimId,
    policies: d.policyId,
    cases: d.caseId,
    referrals: d.referralId,
    documents: d.documentId,
    calls: d.callId,
    'account-changes': d.accountChangeId,
    complaints: d.complaintId,
    payments: d.paymentId,
    users: fx.targetUserId,
    products: fx.productId,
    departments: fx.departmentA,
    'payment-batches': fx.batchId,
    'authority-limits': fx.authorityLimitId,
  };
  const first = op.path.split('/')[1] ?? '';
  const values: Record<string, string> = {};
  for (const p of op.pathParams) {
    if (p === 'versionId') values[p] = fx.versionId;
    else if (p === 'queue') values[p] = 'personal';
    else if (p === 'country') values[p] = 'SE';
    else if (p === 'date') values[p] = '2099-12-24';
    else if (p === 'code' && first === 'deadline-policies') values[p] = 'internal.case_answer';
    else values[p] = byPrefix[first] ?? newId();
  }
  return values;
}

async function send(op: WalkedOperation, rule: Rule, session: Session, d: CustomerData) {
  const query = new URLSearchParams(rule.query?.(d, fx) ?? {}).toString();
  const url = fillPath(op.path, pathValues(op, d)) + (query ? `?${query}` : '');
  const headers: Record<string, string> = { ...session.headers, 'idempotency-key': newId() };
  const method = op.method as 'POST';
  if (op.contentType === 'multipart/form-data') {
    const form = matrixUploadForm({ entityType: 'claim', entityId: d.claimId, kind: 'receipt' });
    return app.inject({
      method,
      url,
      headers: { ...headers, 'content-type': form.contentType },
      payload: form.payload,
    });
  }
  if (op.contentType && op.contentType !== 'application/json') {
    return app.inject({
      method,
      url,
      headers: { ...headers, 'content-type': op.contentType },
      payload: '{}',
    });
  }
  if (!op.body) return app.inject({ method, url, headers });
  const payload = { ...(sample(doc, op.body) as object), ...rule.body?.(d, fx) };
  return app.inject({ method, url, headers, payload });
}

/** Everything the fixtures hold, and the actor's audit events: a refused write changes none of it. */
async function snapshot(actorId: string): Promise<string> {
  const { db } = await testDatabase();
  const customers = [fx.A.customerId, fx.B.customerId];
  const ids = sql.join(customers.map((c) => sql`${c}::uuid`));
  const perCustomer = [
    'customers',
    'policies',
    'premium_payments',
    'claims',
    'claim_notes',
    'claim_decisions',
    'claim_escalations',
    'information_requests',
    'service_cases',
    'case_messages',
    'referrals',
    'documents',
    'account_change_requests',
    'customer_bank_accounts',
    'complaints',
    'calls',
    'payment_orders',
    'work_items',
  ];
  const parts = perCustomer.map((t) => {
    const column = t === 'customers' ? 'id' : 'customer_id';
    return sql`(select coalesce(json_agg(x order by x::text), '[]'::json) from ${sql.table(t)} x where x.${sql.ref(column)} in (${ids}))`;
  });
  const row = await sql<{ s: unknown }>`select json_build_array(
    ${sql.join(parts)},
    (select json_agg(x) from products x where x.id = ${fx.productId}::uuid),
    (select json_agg(x) from product_versions x where x.product_id = ${fx.productId}::uuid),
    (select json_agg(x) from departments x where x.code in (${fx.departmentA}, ${fx.departmentB})),
    (select json_agg(x) from users x where x.id = ${fx.targetUserId}::uuid),
    (select json_agg(x) from authority_limits x where x.id = ${fx.authorityLimitId}::uuid),
    (select json_agg(x) from payment_batches x where x.id = ${fx.batchId}::uuid),
    (select count(*) from audit_events where actor_id = ${actorId}::uuid)
  ) as s`.execute(db);
  return JSON.stringify(row.rows[0]?.s);
}

/** The identifiers of the other customer's records: never in anything the actor is shown. */
function othersIds(role: Role): string[] {
  if (role === 'customer') return Object.values(fx.B);
  // B's records hang off a referral to another department: none of them is in the agent's reach.
  if (role === 'department_agent') return Object.values(fx.B);
  return [];
}

type Case = { route: string; role: Role; data: 'own' | 'other' | '-'; status: number; expected: string };

describe('docs/security.md', () => {
  it('shows the permission matrix exactly as src/modules/users/permissions.ts has it', () => {
    const text = readFileSync(new URL('../../docs/security.md', import.meta.url), 'utf8');
    const shown = text
      .split('<!-- permission-matrix:start -->\n')[1]
      ?.split('\n<!-- permission-matrix:end -->')[0];
    const table = renderPermissionTable(PERMISSION_MATRIX, MATRIX_ROLES);
    // Cell by cell: the formatter pads the columns, and the separator row is its own business.
    const cells = (md: string | undefined) =>
      (md ?? '')
        .split('\n')
        .filter((line) => !/^\|\s*-/.test(line))
        .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(
      cells(shown),
      `paste this between the permission-matrix markers in docs/security.md:\n${table}`,
    ).toEqual(cells(table));
  });
});

describe('route × role × own/other’s data', () => {
  it('every route in the OpenAPI document has an expectation (new routes must be classified)', () => {
    const missing = operations.map((o) => o.id).filter((id) => !EXPECTATIONS[id]);
    expect(missing, 'add these routes to EXPECTATIONS in test/api/route-matrix.int.test.ts').toEqual([]);
    const stale = Object.keys(EXPECTATIONS).filter((id) => !operations.some((o) => o.id === id));
    expect(stale, 'routes no longer in the document').toEqual([]);
    const unreached = Object.entries(EXPECTATIONS)
      .filter(([, r]) => r.scope === 'customer' && !r.reach && allowed(r, 'department_agent'))
      .map(([id]) => id);
    expect(unreached, 'say what a department agent reaches on these (Rule.reach)').toEqual([]);
  });

  // One test per role, so that each stays well inside its time budget on a loaded machine.
  const walked: Case[] = [];
  let skipped = 0;
  for (const role of ROLES) {
    it(`as ${role}: every route gets exactly what the matrix and the scoping rules say`, async () => {
      const failures: string[] = [];
      for (const op of operations) {
        const rule = EXPECTATIONS[op.id];
        if (!rule) continue;
        const failure = await walkRoute(op, rule, role);
        failures.push(...failure);
      }
      expect(failures).toEqual([]);
    }, 120_000);
  }

  it('prints the count of cases walked', () => {
    console.log(
      `route matrix: ${walked.length} (route, role, data) cases walked over ${operations.length} routes ` +
        `and ${ROLES.length} roles (${skipped} allowed calls to global writes not made)`,
    );
    expect(walked.length).toBeGreaterThan(operations.length * ROLES.length);
  });

  async function walkRoute(op: WalkedOperation, rule: Rule, role: Role): Promise<string[]> {
    const failures: string[] = [];
    const hasData =
      op.pathParams.length > 0 || !!rule.body || !!rule.query || op.contentType === 'multipart/form-data';
    const may = allowed(rule, role);
    // Writes reaching beyond the fixtures (GLOBAL_WRITES) are called only where they must be refused.
    if (may && GLOBAL_WRITES.includes(op.id)) {
      skipped++;
      return failures;
    }
    // Signing out ends the session: each role signs out a session of its own.
    const session =
      op.id === 'POST /auth/sign-out'
        ? await signInAs(role, role === 'customer' ? { customerId: fx.A.customerId } : {})
        : fx.sessions[role];
    for (const data of hasData ? (['own', 'other'] as const) : (['-'] as const)) {
      const d = data === 'other' ? fx.B : fx.A;
      const expected = expectation(rule, role, may, data, op);
      const write = WRITE.has(op.method) && expected.label !== 'allowed';
      const before = write ? await snapshot(session.userId) : '';
      const res = await send(op, rule, session, d);
      walked.push({ route: op.id, role, data, status: res.statusCode, expected: expected.label });
      const problem =
        check(res, expected, role, echoed(rule, d)) ??
        (data === 'own' && expected.label === 'allowed' && rule.lists && res.statusCode < 300
          ? res.body.includes(rule.lists(d))
            ? undefined
            : `the list does not show the own record ${rule.lists(d)}`
          : undefined);
      if (problem) failures.push(`${op.id} as ${role} (${data}): ${problem}`);
      if (write && (await snapshot(session.userId)) !== before) {
        failures.push(`${op.id} as ${role} (${data}): refused with ${res.statusCode} but changed state`);
      }
    }
    return failures;
  }
});

type Expected = { label: string; statuses?: number[]; isPublic?: boolean; mayBeAbsent?: boolean };

function expectation(
  rule: Rule,
  role: Role,
  may: boolean,
  data: 'own' | 'other' | '-',
  op: WalkedOperation,
): Expected {
  // A record outside the actor's scope may be 404 before the permission is checked: nothing about
  // it leaks either way (customers: anyone else's; department agents: beyond their reach).
  const outOfScope =
    role === 'customer' || (role === 'department_agent' && data === 'other' && rule.scope === 'customer');
  if (!may)
    return outOfScope ? { label: '403|404', statuses: [403, 404] } : { label: '403', statuses: [403] };
  const outsideReach =
    role === 'department_agent' &&
    !rule.paymentsDesk &&
    (rule.reach === 'outside' || (rule.reach === 'linked' && data === 'other'));
  const hidden =
    outsideReach ||
    (data === 'other' &&
      ((role === 'customer' && rule.scope !== undefined) ||
        (role === 'department_agent' && rule.scope === 'department')));
  // A record named in the body (POST /claims for another customer) may also be 422 *_not_found.
  if (hidden)
    return op.pathParams.length
      ? { label: '404', statuses: [404] }
      : { label: '404|422', statuses: [404, 422] };
  return {
    label: 'allowed',
    isPublic: rule.perm === 'public',
    mayBeAbsent: !!rule.absent || op.pathParams.length === 0,
  };
}

/** Ids the request itself named (POST /calls for a customer): an answer repeating them leaks nothing. */
function echoed(rule: Rule, d: CustomerData): string[] {
  return [...Object.values(rule.body?.(d, fx) ?? {}), ...Object.values(rule.query?.(d, fx) ?? {})].filter(
    (v): v is string => typeof v === 'string',
  );
}

function check(
  res: LightMyRequestResponse,
  expected: Expected,
  role: Role,
  echo: readonly string[] = [],
): string | undefined {
  if (res.statusCode >= 500) return `server error ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 400) {
    if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) {
      return `${res.statusCode} is not problem+json`;
    }
    expectNoStackTrace(res.body);
  }
  if (expected.statuses) {
    return expected.statuses.includes(res.statusCode)
      ? undefined
      : `expected ${expected.label}, got ${res.statusCode} ${res.body.slice(0, 200)}`;
  }
  if (res.statusCode === 401 && expected.isPublic) return undefined; // sign-in with no such login
  if (res.statusCode === 401 || res.statusCode === 403)
    return `allowed, got ${res.statusCode} ${res.body.slice(0, 200)}`;
  if (res.statusCode === 404 && !expected.mayBeAbsent) return `own record, got 404 ${res.body.slice(0, 200)}`;
  if (res.statusCode < 300) {
    const leaked = othersIds(role).filter((id) => !echo.includes(id) && res.body.includes(id));
    if (leaked.length) return `shows another customer’s/department’s record ${leaked.join(', ')}`;
  }
  return undefined;
}
