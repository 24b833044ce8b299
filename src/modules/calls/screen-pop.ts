import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import { fieldError } from '../../lib/errors.ts';
import {
  callInReach,
  caseInReach,
  claimInReach,
  customerInReach,
  departmentScope,
} from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import type { ScreenPop } from './call-schemas.ts';
import { normalisePhoneNumber, type PhoneCountry, storedPhoneVariants } from './phone-number.ts';

// While the phone rings: who is calling, what they have open, and how we last spoke. One
// statement: the customers come from customers_phone_digits_idx (the WHERE repeats the index's
// expression exactly, so the planner can use it, with every form the number may be stored in),
// and each customer's open claims, open cases and last contacts are correlated subqueries on
// per-customer indexes — no query per customer from here.

/** Claims someone still works on (decided-but-unpaid included: the customer calls about those). */
const OPEN_CLAIM_STATUSES = [
  'registered',
  'in_review',
  'awaiting_information',
  'escalated',
  'appealed',
  'approved',
  'partially_approved',
];
const CLOSED_CASE_STATUSES = ['resolved', 'closed', 'withdrawn'];
/** A shared phone (a family, a company switchboard) can match many; the agent needs the first few. */
const MAX_CUSTOMERS = 20;
const RECENT_CONTACTS = 5;

type Row = {
  id: string;
  customer_number: string;
  given_name: string;
  family_name: string;
  country: string;
  preferred_language: string;
  phone: string | null;
  open_claims: { id: string; claimNumber: string; status: string; dueAt: string | null }[] | string;
  open_cases: { id: string; caseNumber: string; status: string; dueAt: string | null }[] | string;
  recent_contacts:
    | {
        kind: 'call' | 'inbound' | 'outbound';
        id: string;
        at: string;
        channel: string;
        summary: string | null;
      }[]
    | string;
};

export async function screenPop(opts: {
  db: Executor;
  actor: Actor;
  number: string;
  country?: PhoneCountry | undefined;
}): Promise<ScreenPop> {
  assertCan(opts.actor, 'calls:read');
  const phone = normalisePhoneNumber(opts.number, opts.country ?? 'SE');
  if (!phone.ok) {
    const error = fieldError('validation_failed', ['number'], phone.message, 'invalid_phone_number');
    for (const e of error.errors) e.in = 'query';
    throw error;
  }
  const variants = storedPhoneVariants(phone.e164);
  const reach = screenPopReach(opts.actor);
  const { rows } = await sql<Row>`
    SELECT c.id, c.customer_number, c.given_name, c.family_name, c.country, c.preferred_language, c.phone,
      coalesce((
        SELECT json_agg(json_build_object('id', cl.id, 'claimNumber', cl.claim_number, 'status', cl.status,
            'dueAt', CASE WHEN w.due_at < '9999-01-01' THEN w.due_at END)
          ORDER BY w.due_at NULLS LAST, cl.registered_at DESC)
        FROM claims cl
        LEFT JOIN work_items w ON w.kind = 'claim' AND w.subject_id = cl.id AND w.open
        WHERE cl.customer_id = c.id AND cl.status IN (${sql.join(OPEN_CLAIM_STATUSES)}) ${reach.claim}
      ), '[]'::json) AS open_claims,
      coalesce((
        SELECT json_agg(json_build_object('id', s.id, 'caseNumber', s.case_number, 'status', s.status,
            'dueAt', CASE WHEN w.due_at < '9999-01-01' THEN w.due_at END)
          ORDER BY w.due_at NULLS LAST, s.created_at DESC)
        FROM service_cases s
        LEFT JOIN work_items w ON w.kind = 'service_case' AND w.subject_id = s.id AND w.open
        WHERE s.customer_id = c.id AND s.status NOT IN (${sql.join(CLOSED_CASE_STATUSES)}) ${reach.serviceCase}
      ), '[]'::json) AS open_cases,
      coalesce((
        SELECT json_agg(x ORDER BY x.at DESC, x.id DESC)
        FROM (
          SELECT * FROM (
            (SELECT 'call' AS kind, k.id, k.started_at AS at, 'phone' AS channel, left(k.notes, 200) AS summary
              FROM calls k WHERE k.customer_id = c.id ${reach.call}
              ORDER BY k.started_at DESC, k.id DESC LIMIT ${RECENT_CONTACTS})
            UNION ALL
            (SELECT 'inbound', m.id, m.received_at, m.channel, left(m.subject, 200)
              FROM inbound_messages m WHERE m.customer_id = c.id ${reach.customerWide}
              ORDER BY m.received_at DESC, m.id DESC LIMIT ${RECENT_CONTACTS})
            UNION ALL
            (SELECT 'outbound', n.id, n.created_at, n.channel, left(n.subject, 200)
              FROM notifications n WHERE n.audience = 'customer' AND n.customer_id = c.id ${reach.customerWide}
              ORDER BY n.created_at DESC, n.id DESC LIMIT ${RECENT_CONTACTS})
          ) u
          ORDER BY u.at DESC, u.id DESC LIMIT ${RECENT_CONTACTS}
        ) x
      ), '[]'::json) AS recent_contacts
    FROM customers c
    WHERE regexp_replace(c.phone, '[^0-9+]', '', 'g') IN (${sql.join(variants)}) ${reach.customer}
    ORDER BY c.family_name, c.given_name, c.id
    LIMIT ${MAX_CUSTOMERS}`.execute(opts.db);

  const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
  return {
    number: phone.e164,
    customers: rows.map((r) => ({
      id: r.id,
      customerNumber: r.customer_number,
      name: `${r.given_name} ${r.family_name}`,
      country: r.country,
      preferredLanguage: r.preferred_language,
      phone: r.phone,
      openClaims: json(r.open_claims).map((c) => ({ ...c, dueAt: iso(c.dueAt) })),
      openCases: json(r.open_cases).map((c) => ({ ...c, dueAt: iso(c.dueAt) })),
      recentContacts: json(r.recent_contacts).map((c) => ({ ...c, at: iso(c.at) as string })),
    })),
  };
}

/**
 * A department agent's screen-pop (docs/security.md, scoping): only callers a referral to their
 * department is about, with only the claims, cases and calls it reaches; emails and letters are
 * the customer-wide picture, not theirs. Everyone else: no extra condition.
 */
function screenPopReach(actor: Actor) {
  const department = departmentScope(actor);
  const none = sql``;
  if (department === null)
    return { customer: none, claim: none, serviceCase: none, call: none, customerWide: none };
  const agentId = actor.kind === 'user' ? actor.userId : '';
  return {
    customer: sql`AND ${customerInReach(department, sql.ref('c.id'))}`,
    claim: sql`AND ${claimInReach(department, sql.ref('cl.id'))}`,
    serviceCase: sql`AND ${caseInReach(department, sql.ref('s.id'))}`,
    call: sql`AND ${callInReach(department, agentId, {
      caseId: sql.ref('k.case_id'),
      claimId: sql.ref('k.claim_id'),
      handledBy: sql.ref('k.handled_by'),
    })}`,
    customerWide: sql`AND false`,
  };
}
