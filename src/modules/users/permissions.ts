import { AppError } from '../../lib/errors.ts';
import type { Actor } from './actor.ts';

// The one place that says who may do what. Use cases call `assertCan` before touching data and
// `assertCanSeeCustomer` after loading it. Scoping rule: a customer sees only their own records,
// and is told "not found" (never "forbidden") for anyone else's, so ids cannot be probed.

export type Permission =
  | 'customers:read'
  | 'customers:create'
  | 'products:read'
  | 'products:write'
  | 'policies:read'
  | 'policies:create'
  | 'premiums:record'
  | 'claims:read'
  | 'claims:create'
  | 'claims:decide'
  | 'claims:escalate'
  | 'claims:appeal'
  | 'claims:withdraw'
  | 'escalations:resolve'
  | 'audit:read'
  | 'users:manage'
  | 'users:read'
  | 'queues:read'
  | 'claims:handle'
  | 'work:assign'
  | 'information:answer'
  | 'cases:read'
  | 'cases:create'
  | 'cases:handle'
  | 'cases:message'
  | 'referrals:create'
  | 'referrals:handle'
  | 'departments:manage'
  | 'account_changes:request'
  | 'account_changes:verify'
  | 'account_changes:approve'
  | 'complaints:answer'
  | 'complaints:register_export'
  | 'documents:upload'
  | 'timeline:read'
  | 'inbound:receive'
  | 'inbound:read'
  | 'inbound:triage'
  | 'calls:log'
  | 'calls:read'
  | 'scans:upload'
  | 'scans:read'
  | 'outbox:read'
  | 'letters:print'
  | 'payments:read'
  | 'payments:review'
  | 'payments:batch'
  | 'payments:approve'
  | 'payments:release'
  | 'payments:import'
  | 'payments:set_status'
  | 'payments:rates'
  | 'recoveries:resolve'
  | 'reports:read'
  | 'settings:read'
  | 'privacy:export'
  | 'privacy:erase'
  | 'authority_limits:manage'
  | 'deadlines:configure'
  | 'webhooks:manage';

type RoleOrSystem = Actor['role'];

const STAFF_READERS: RoleOrSystem[] = [
  'representative',
  'supervisor',
  'department_agent',
  'administrator',
  'auditor',
  'system',
];

export const PERMISSION_MATRIX: Record<Permission, readonly RoleOrSystem[]> = {
  'customers:read': [...STAFF_READERS, 'customer'],
  'customers:create': ['representative', 'supervisor', 'administrator', 'system'],
  'products:read': [...STAFF_READERS, 'customer'],
  'products:write': ['administrator', 'system'],
  'policies:read': [...STAFF_READERS, 'customer'],
  'policies:create': ['representative', 'supervisor', 'administrator', 'system'],
  'premiums:record': ['supervisor', 'administrator', 'system'],
  'claims:read': [...STAFF_READERS, 'customer'],
  'claims:create': ['representative', 'supervisor', 'customer', 'system'],
  'claims:decide': ['representative', 'supervisor', 'administrator', 'system'],
  'claims:escalate': ['representative', 'supervisor'],
  'claims:appeal': ['customer', 'representative', 'supervisor', 'system'],
  'claims:withdraw': ['customer', 'representative', 'supervisor', 'system'],
  'escalations:resolve': ['supervisor', 'administrator', 'system'],
  'audit:read': ['supervisor', 'administrator', 'auditor', 'system'],
  'users:manage': ['administrator', 'system'],
  // The list of logins and the permission matrix: administrators, and auditors who read everything.
  'users:read': ['administrator', 'auditor', 'system'],
  'queues:read': ['representative', 'supervisor', 'department_agent', 'administrator'],
  // Working a claim: ask the customer for information, record their answer, take it from a queue.
  'claims:handle': ['representative', 'supervisor', 'system'],
  // Reassigning someone else's work is the supervisor's call.
  'work:assign': ['supervisor', 'administrator', 'system'],
  // The customer answers in the portal; staff record answers that came by email, letter or phone.
  'information:answer': ['customer', 'representative', 'supervisor', 'system'],
  // Service cases: customers open and follow their own (scoped to them); staff work them.
  'cases:read': [...STAFF_READERS, 'customer'],
  'cases:create': ['customer', 'representative', 'supervisor', 'system'],
  'cases:handle': ['representative', 'supervisor', 'system'],
  'cases:message': ['customer', 'representative', 'supervisor', 'department_agent', 'system'],
  // A representative hands a question to a department; the department's agents answer it.
  'referrals:create': ['representative', 'supervisor', 'system'],
  'referrals:handle': ['department_agent', 'supervisor', 'system'],
  'departments:manage': ['administrator', 'system'],
  // Four eyes on bank accounts: anyone may ask, staff verify identity, a second person approves.
  'account_changes:request': ['customer', 'representative', 'supervisor', 'system'],
  'account_changes:verify': ['representative', 'supervisor', 'system'],
  'account_changes:approve': ['representative', 'supervisor', 'system'],
  'complaints:answer': ['representative', 'supervisor', 'system'],
  'complaints:register_export': ['supervisor', 'administrator', 'auditor', 'system'],
  'documents:upload': ['customer', 'representative', 'supervisor', 'department_agent', 'system'],
  // The whole picture of a customer is staff's view; customers follow their records one by one.
  'timeline:read': [...STAFF_READERS],
  // Email intake (SMTP server, IMAP poller): the server itself, never a web session.
  'inbound:receive': ['system'],
  // Inbound email and scanned letters, matched or waiting in triage: staff only.
  'inbound:read': [...STAFF_READERS],
  // Sorting triage: link a message to a customer, claim or case, or open a claim from it.
  'inbound:triage': ['representative', 'supervisor', 'system'],
  // Phone calls are logged by the staff who take them; the call log and screen-pop are staff's view.
  'calls:log': ['representative', 'supervisor', 'department_agent', 'administrator', 'system'],
  'calls:read': [...STAFF_READERS],
  // Scanned letters come in through the mailroom: staff scan them in, and any staff may read the OCR.
  'scans:upload': ['representative', 'supervisor', 'department_agent', 'system'],
  'scans:read': [...STAFF_READERS],
  // Outbound email and letters: staff read what went out (the outbox, a letter's PDF) and print letters.
  'outbox:read': [...STAFF_READERS],
  'letters:print': ['representative', 'supervisor', 'administrator', 'system'],
  // Payments: staff follow them (a customer sees their own in the ledger); the payments department
  // and supervisors review holds, batch, approve (four eyes: never their own batch), release and
  // import the bank's files; only supervisors and administrators set a status by hand.
  'payments:read': [...STAFF_READERS, 'customer'],
  'payments:review': ['department_agent', 'supervisor', 'system'],
  'payments:batch': ['department_agent', 'supervisor', 'system'],
  'payments:approve': ['department_agent', 'supervisor', 'system'],
  'payments:release': ['department_agent', 'supervisor', 'system'],
  'payments:import': ['department_agent', 'supervisor', 'system'],
  'payments:set_status': ['supervisor', 'administrator', 'system'],
  'payments:rates': ['administrator', 'system'],
  'recoveries:resolve': ['department_agent', 'supervisor', 'system'],
  // Dashboards and management reports (aggregates, no personal data beyond staff names).
  'reports:read': ['supervisor', 'administrator', 'auditor', 'system'],
  // The desk's configuration as administrators see it (deadline policies, business calendars,
  // authority limits): readable by those who steer or check the work; changed by administrators.
  'settings:read': ['supervisor', 'administrator', 'auditor', 'system'],
  // Data-subject requests (GDPR arts. 15, 17, 20): a customer downloads their own data; the
  // administrators who handle the requests export and erase; auditors check what is held.
  'privacy:export': ['customer', 'administrator', 'auditor', 'system'],
  'privacy:erase': ['administrator', 'system'],
  'authority_limits:manage': ['administrator', 'system'],
  // A configurable deadline policy's clock and a business calendar's extra closed days (never the law's).
  'deadlines:configure': ['administrator', 'system'],
  // Webhook subscriptions hold signing secrets and send data to other systems: administrators.
  'webhooks:manage': ['administrator', 'system'],
};

export function can(actor: Actor, permission: Permission): boolean {
  // An API token acts with its user's role intersected with the token's scopes.
  const scoped = actor.kind === 'user' && actor.scopes !== undefined && !actor.scopes.includes(permission);
  return PERMISSION_MATRIX[permission].includes(actor.role) && !scoped;
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new AppError('forbidden', `Your role (${actor.role}) does not allow ${permission}.`);
  }
}

/** Customers are confined to their own records; staff scoping by department comes with referrals. */
export function canSeeCustomer(actor: Actor, customerId: string): boolean {
  if (actor.kind === 'system') return true;
  if (actor.role === 'customer') return actor.customerId === customerId;
  return true;
}

export function assertCanSeeCustomer(actor: Actor, customerId: string, what = 'resource'): void {
  if (!canSeeCustomer(actor, customerId)) throw new AppError('not_found', `No such ${what}.`);
}
