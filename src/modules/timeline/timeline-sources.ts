import { type RawBuilder, sql } from 'kysely';

// Where the timeline's entries come from: one branch per source table, each returning the same
// columns. The timeline reads straight from the records (no copy to keep in step): each branch
// takes the customer's newest rows before the cursor from an index on (customer_id, time), so a
// page costs a few short index scans whatever the customer's history holds.

export const TIMELINE_KINDS = [
  'claim',
  'decision',
  'information_request',
  'case',
  'referral',
  'message',
  'contact',
  'document',
  'payment',
  'account_change',
  'call',
  'inbound',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/**
 * One source: its SQL with the common columns (id, kind, at, reference, title, status,
 * amount_minor, currency, channel, entity_type, entity_id, parent_id), filtered by the customer,
 * the cursor and the period, newest first, at most `take` rows.
 */
type Branch = (f: BranchFilter) => RawBuilder<unknown>;
export type BranchFilter = {
  customerId: string;
  /** Entries strictly older than this (at as PostgreSQL text, to the microsecond; id), or none. */
  before: { at: string; id: string } | null;
  from: Date | null;
  to: Date | null;
  take: number;
  /** A department agent's department: they see only referrals to it (null: every referral). */
  referralDepartment?: string | null;
};

/** The shared WHERE of every branch: this customer, before the cursor, within the period. */
function window(
  f: BranchFilter,
  at: RawBuilder<unknown>,
  id: RawBuilder<unknown>,
  customer: RawBuilder<unknown>,
) {
  return sql`${customer} = ${f.customerId}::uuid
    ${f.before ? sql`AND (${at}, ${id}) < (${f.before.at}::timestamptz, ${f.before.id}::uuid)` : sql``}
    ${f.from ? sql`AND ${at} >= ${f.from}::timestamptz` : sql``}
    ${f.to ? sql`AND ${at} < ${f.to}::timestamptz` : sql``}`;
}

export const TIMELINE_BRANCHES: Record<TimelineKind, Branch> = {
  claim: (f) => sql`(SELECT c.id, 'claim' AS kind, c.registered_at AS at, c.claim_number AS reference,
      left(c.description, 200) AS title, c.status, c.total_claimed_minor AS amount_minor, c.currency,
      c.channel, 'claim' AS entity_type, c.id AS entity_id, NULL::uuid AS parent_id
    FROM claims c
    WHERE ${window(f, sql`c.registered_at`, sql`c.id`, sql`c.customer_id`)}
    ORDER BY c.registered_at DESC, c.id DESC LIMIT ${f.take})`,
  decision: (f) => sql`(SELECT d.id, 'decision', d.decided_at, c.claim_number,
      CASE WHEN d.straight_through THEN 'straight-through' ELSE 'decided by staff' END,
      CASE WHEN d.superseded_at IS NULL THEN d.outcome ELSE d.outcome || ' (superseded)' END,
      d.amount_minor, d.currency, NULL, 'claim_decision', d.id, d.claim_id
    FROM claim_decisions d JOIN claims c ON c.id = d.claim_id
    WHERE ${window(f, sql`d.decided_at`, sql`d.id`, sql`d.customer_id`)}
    ORDER BY d.decided_at DESC, d.id DESC LIMIT ${f.take})`,
  information_request: (f) => sql`(SELECT r.id, 'information_request', r.created_at, c.claim_number,
      (SELECT string_agg(coalesce(i->>'document', i->>'text'), '; ') FROM jsonb_array_elements(r.items) i),
      r.status, NULL::bigint, NULL, r.channel, 'information_request', r.id, r.claim_id
    FROM information_requests r JOIN claims c ON c.id = r.claim_id
    WHERE ${window(f, sql`r.created_at`, sql`r.id`, sql`r.customer_id`)}
    ORDER BY r.created_at DESC, r.id DESC LIMIT ${f.take})`,
  case: (f) => sql`(SELECT s.id, 'case', s.created_at, s.case_number, s.subject, s.status, NULL::bigint, NULL,
      s.channel, 'service_case', s.id, NULL::uuid
    FROM service_cases s
    WHERE ${window(f, sql`s.created_at`, sql`s.id`, sql`s.customer_id`)}
    ORDER BY s.created_at DESC, s.id DESC LIMIT ${f.take})`,
  referral: (f) => sql`(SELECT r.id, 'referral', r.created_at, r.referral_number, left(r.question, 200),
      r.status, NULL::bigint, NULL, r.department, 'referral', r.id, r.case_id
    FROM referrals r
    WHERE ${window(f, sql`r.created_at`, sql`r.id`, sql`r.customer_id`)}
      AND (${f.referralDepartment ?? null}::text IS NULL OR r.department = ${f.referralDepartment ?? null})
    ORDER BY r.created_at DESC, r.id DESC LIMIT ${f.take})`,
  message: (f) => sql`(SELECT m.id, 'message', m.created_at, s.case_number, left(m.body, 200),
      m.visibility, NULL::bigint, NULL, m.author_kind, 'case_message', m.id, m.case_id
    FROM case_messages m JOIN service_cases s ON s.id = m.case_id
    WHERE ${window(f, sql`m.created_at`, sql`m.id`, sql`m.customer_id`)}
    ORDER BY m.created_at DESC, m.id DESC LIMIT ${f.take})`,
  // What we sent the customer (portal notices, emails, letters); staff notices are not contacts.
  contact: (f) => sql`(SELECT n.id, 'contact', n.created_at, NULL, n.subject, n.kind, NULL::bigint, NULL,
      n.channel, 'notification', n.id, n.entity_id
    FROM notifications n
    WHERE n.audience = 'customer' AND ${window(f, sql`n.created_at`, sql`n.id`, sql`n.customer_id`)}
    ORDER BY n.created_at DESC, n.id DESC LIMIT ${f.take})`,
  document: (f) => sql`(SELECT d.id, 'document', d.created_at, NULL, d.filename, d.media_type,
      d.size_bytes::bigint, NULL, d.source, 'document', d.id, d.entity_id
    FROM documents d
    WHERE ${window(f, sql`d.created_at`, sql`d.id`, sql`d.customer_id`)}
    ORDER BY d.created_at DESC, d.id DESC LIMIT ${f.take})`,
  // Premium payments received (a date: placed at its midnight UTC); claim payments join here with
  // the payments issue.
  payment: (f) => sql`(SELECT p.id, 'payment', (p.paid_on::timestamp AT TIME ZONE 'UTC'), pol.policy_number,
      coalesce(p.reference, 'premium'), 'premium_received', p.amount_minor, p.currency, NULL,
      'premium_payment', p.id, p.policy_id
    FROM premium_payments p JOIN policies pol ON pol.id = p.policy_id
    WHERE ${window(f, sql`(p.paid_on::timestamp AT TIME ZONE 'UTC')`, sql`p.id`, sql`p.customer_id`)}
      ${f.before ? sql`AND p.paid_on <= (${f.before.at}::timestamptz AT TIME ZONE 'UTC')::date` : sql``}
    ORDER BY p.paid_on DESC, p.id DESC LIMIT ${f.take})`,
  account_change: (f) => sql`(SELECT a.id, 'account_change', a.created_at, s.case_number, a.field, a.status,
      NULL::bigint, NULL, NULL, 'account_change_request', a.id, a.case_id
    FROM account_change_requests a JOIN service_cases s ON s.id = a.case_id
    WHERE ${window(f, sql`a.created_at`, sql`a.id`, sql`a.customer_id`)}
    ORDER BY a.created_at DESC, a.id DESC LIMIT ${f.take})`,
  call: (
    f,
  ) => sql`(SELECT c.id, 'call', c.started_at, NULL, left(c.notes, 200), c.outcome, NULL::bigint, NULL,
      c.direction, 'call', c.id, coalesce(c.claim_id, c.case_id)
    FROM calls c
    WHERE ${window(f, sql`c.started_at`, sql`c.id`, sql`c.customer_id`)}
    ORDER BY c.started_at DESC, c.id DESC LIMIT ${f.take})`,
  // What the customer sent us: emails, and letters we scanned.
  inbound: (
    f,
  ) => sql`(SELECT m.id, 'inbound', m.received_at, NULL, left(m.subject, 200), m.status, NULL::bigint,
      NULL, m.channel, 'inbound_message', m.id, coalesce(m.claim_id, m.case_id)
    FROM inbound_messages m
    WHERE ${window(f, sql`m.received_at`, sql`m.id`, sql`m.customer_id`)}
    ORDER BY m.received_at DESC, m.id DESC LIMIT ${f.take})`,
};
