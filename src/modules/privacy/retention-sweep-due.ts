import { type RawBuilder, sql } from 'kysely';
import {
  OPEN_ACCOUNT_CHANGE_STATUSES,
  OPEN_CASE_STATUSES,
  OPEN_CLAIM_STATUSES,
  OPEN_PAYMENT_STATUSES,
} from './open-matters.ts';
import { RETENTION_RULES } from './retention-rules.ts';
import {
  type Country,
  cutoffsOf,
  longestCutoff,
  type SweepPlan,
  type SweptKind,
} from './retention-sweep-rules.ts';

// Which records of each kind are due on a day: past their rule in their customer's country, their
// customer under no legal hold, and nothing still needing them. Each kind's query is
// `FROM <table> x [LEFT] JOIN customers c … WHERE …` (a kind without a customer, a print or
// payment batch, has no `c`: the longest period applies); the sweep (retention-sweep.ts) selects
// from it FOR UPDATE OF x SKIP LOCKED, the dry run counts it.

export type SweepScope = {
  now: Date;
  /** Only these customers' records (a by-hand run; tests on a shared database). */
  customerIds?: readonly string[];
  /**
   * With `customerIds`: also these records without a customer (print and payment batches,
   * unmatched mail), by their own id. A run limited to customers takes no record without one else.
   */
  unownedIds?: readonly string[];
};

/**
 * The customer is under no legal hold. `c` is the customer's alias; a record without a customer
 * (an unidentified caller) has none to hold it.
 */
function noHold(c: string): RawBuilder<boolean> {
  const id = sql.ref(`${c}.id`);
  return sql<boolean>`(${id} IS NULL OR (
    NOT EXISTS (SELECT 1 FROM claims h WHERE h.customer_id = ${id} AND h.status = ANY(${[...OPEN_CLAIM_STATUSES]}::text[]))
    AND NOT EXISTS (SELECT 1 FROM service_cases h WHERE h.customer_id = ${id} AND h.status = ANY(${[...OPEN_CASE_STATUSES]}::text[]))
    AND NOT EXISTS (SELECT 1 FROM payment_orders h WHERE h.customer_id = ${id} AND h.status = ANY(${[...OPEN_PAYMENT_STATUSES]}::text[]))
    AND NOT EXISTS (SELECT 1 FROM recovery_items h WHERE h.customer_id = ${id} AND h.status = 'open')
    AND NOT EXISTS (SELECT 1 FROM account_change_requests h WHERE h.customer_id = ${id} AND h.status = ANY(${[...OPEN_ACCOUNT_CHANGE_STATUSES]}::text[]))
  ))`;
}

/**
 * The record's period has run out in its customer's country. `ended` is a date expression;
 * a record without a customer is kept for the longer of the two countries' periods.
 */
function pastRetention(plan: SweepPlan, today: string, c: string, ended: RawBuilder<unknown>) {
  const cut = cutoffsOf(plan, today);
  const countries = Object.entries(cut) as [Country, string | null][];
  return sql<boolean>`(${sql.join(
    [
      ...countries.map(
        ([country, cutoff]) =>
          sql`(${sql.ref(`${c}.national_id_country`)} = ${country} AND ${before(ended, cutoff)})`,
      ),
      sql`(${sql.ref(`${c}.id`)} IS NULL AND ${before(ended, longestCutoff(cut))})`,
    ],
    sql` OR `,
  )})`;
}

const before = (day: RawBuilder<unknown>, cutoff: string | null) =>
  cutoff === null ? sql<boolean>`false` : sql<boolean>`${day} < ${cutoff}::date`;

function scoped(column: string, scope: SweepScope): RawBuilder<boolean> {
  if (!scope.customerIds) return sql<boolean>`true`;
  const mine = sql<boolean>`${sql.ref(column)} = ANY(${[...scope.customerIds]}::uuid[])`;
  return scope.unownedIds ? sql<boolean>`(${mine} OR ${unownedScope(scope)})` : mine;
}

/** A record without a customer is in a limited run only if it is named in `unownedIds`. */
function unownedScope(scope: SweepScope): RawBuilder<boolean> {
  if (!scope.customerIds) return sql<boolean>`true`;
  return sql<boolean>`x.id = ANY(${[...(scope.unownedIds ?? [])]}::uuid[])`;
}

/** The day (a date) each kind's period runs from; timestamps are taken as UTC dates. */
const utcDay = (ts: RawBuilder<unknown>) => sql`((${ts}) AT TIME ZONE 'UTC')::date`;
/** Claim statuses after which nothing more happens unless someone appeals (which changes the status). */
const FINISHED_CLAIM_STATUSES = ['closed', 'withdrawn', 'denied', 'paid'] as const;
/** Payments that reached their end: settled, or returned, rejected or cancelled. */
const ENDED_PAYMENT_STATUSES = ['settled', 'returned', 'rejected', 'cancelled'] as const;
export const ENDED: Record<SweptKind, RawBuilder<unknown>> = {
  service_case: utcDay(sql`coalesce(x.closed_at, x.resolved_at, x.status_changed_at)`),
  complaint: utcDay(sql`coalesce(x.closed_at, x.resolved_at, x.status_changed_at)`),
  // The accounting rule runs from settlement (the voucher's date); a payment that never settled
  // ended with its last change of status.
  payment: sql`coalesce(x.settled_on, ${utcDay(sql`x.status_changed_at`)})`,
  recovery: utcDay(sql`coalesce(x.resolved_at, x.created_at)`),
  // The claim's closing: status_changed_at is written with every status change (claim-lifecycle.ts)
  // and nothing else, so for a finished claim it is the day it finished; an appeal moves it.
  claim_file: utcDay(sql`x.status_changed_at`),
  letter: utcDay(sql`x.created_at`),
  webhook_delivery: utcDay(sql`coalesce(x.delivered_at, x.updated_at)`),
  identity: utcDay(
    sql`(SELECT max(e.occurred_at) FROM audit_events e WHERE e.customer_id = x.id AND e.action LIKE 'retention.%')`,
  ),
  policy: sql`x.ends_on`,
  call: utcDay(sql`coalesce(x.ended_at, x.started_at)`),
  contact_history: utcDay(sql`x.changed_at`),
  notification: utcDay(sql`x.created_at`),
  case_document: utcDay(sql`x.created_at`),
  // Dealt with: triaged (rejected, or filed to a customer), else received (matched on arrival).
  inbound_message: utcDay(sql`coalesce(x.triaged_at, x.received_at)`),
  print_batch: utcDay(sql`x.created_at`),
  // The day the money left: its payments settle from then, each kept its own period after that.
  payment_batch: sql`greatest(x.requested_execution_date, ${utcDay(sql`coalesce(x.released_at, x.created_at)`)})`,
};

/**
 * Tables where a customer's records live, besides the identity itself (customers, the portal
 * login), the audit trail (never swept) and bank accounts (kept only for payments: with none left
 * they go with the identity).
 */
const RECORD_TABLES = RETENTION_RULES.filter((r) => r.kind !== 'identity' && r.kind !== 'audit_trail')
  .flatMap((r) => r.tables)
  .filter((t) => t !== 'customer_bank_accounts');

/** Nothing of the customer `id` is left under any rule, not even as an insured person on a policy. */
function nothingLeft(id: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(
    [
      ...RECORD_TABLES.map(
        (t) => sql`NOT EXISTS (SELECT 1 FROM ${sql.table(t)} r WHERE r.customer_id = ${id})`,
      ),
      sql`NOT EXISTS (SELECT 1 FROM policy_insured_persons r WHERE r.person_customer_id = ${id})`,
    ],
    sql` AND `,
  )})`;
}

/** The records of one kind past retention: `FROM … x LEFT JOIN customers c … WHERE …`. */
export function dueFrom(plan: SweepPlan, today: string, scope: SweepScope): RawBuilder<unknown> {
  const ended = ENDED[plan.kind];
  if (plan.kind === 'identity') {
    // No period of its own: the identity goes when the last record under a rule has gone. Only a
    // customer of whom something was swept (a new customer with nothing yet is not a leftover).
    return sql`FROM customers x JOIN customers c ON c.id = x.id
      WHERE x.erased_at IS NULL AND ${scoped('x.id', scope)}
        AND EXISTS (SELECT 1 FROM audit_events e WHERE e.customer_id = x.id AND e.action LIKE 'retention.%\_deleted')
        AND ${nothingLeft(sql.ref('x.id'))}`;
  }
  if (plan.unowned) {
    // No customer, so no hold and no country: the longest period, and nothing kept names it.
    const past = sql`${before(ended, longestCutoff(cutoffsOf(plan, today)))} AND ${unownedScope(scope)}`;
    if (plan.kind === 'print_batch') {
      return sql`FROM print_batches x
        WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.print_batch_id = x.id) AND ${past}`;
    }
    // A batch still being approved is work in progress; one released or cancelled has ended.
    return sql`FROM payment_batches x
      WHERE x.status IN ('released', 'cancelled')
        AND NOT EXISTS (SELECT 1 FROM payment_orders p WHERE p.batch_id = x.id) AND ${past}`;
  }
  const common = sql`${pastRetention(plan, today, 'c', ended)} AND ${noHold('c')} AND ${scoped('x.customer_id', scope)}`;
  switch (plan.kind) {
    case 'service_case':
      // A complaint belongs to the complaints register (its own, longer rule); an open referral
      // means a department still works on it.
      return sql`FROM service_cases x JOIN customers c ON c.id = x.customer_id
        WHERE x.status IN ('resolved', 'closed', 'withdrawn')
          AND NOT EXISTS (SELECT 1 FROM complaints k WHERE k.case_id = x.id)
          AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = x.id AND r.status IN ('open', 'accepted'))
          AND ${common}`;
    case 'complaint':
      // The register's own period (10 years); the complaint is a service case with a complaints row.
      return sql`FROM service_cases x JOIN customers c ON c.id = x.customer_id
        WHERE x.status IN ('resolved', 'closed', 'withdrawn')
          AND EXISTS (SELECT 1 FROM complaints k WHERE k.case_id = x.id)
          AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.case_id = x.id AND r.status IN ('open', 'accepted'))
          AND ${common}`;
    case 'policy':
      // A claim under the policy needs its contract: the policy goes with the claim file, not before.
      return sql`FROM policies x JOIN customers c ON c.id = x.customer_id
        WHERE NOT EXISTS (SELECT 1 FROM claims k WHERE k.policy_id = x.id) AND ${common}`;
    case 'payment':
      // A payment that replaced this one names it; it goes first (it ended later).
      return sql`FROM payment_orders x JOIN customers c ON c.id = x.customer_id
        WHERE x.status = ANY(${[...ENDED_PAYMENT_STATUSES]}::text[])
          AND NOT EXISTS (SELECT 1 FROM payment_orders r WHERE r.replaces_payment_id = x.id)
          AND ${common}`;
    case 'recovery':
      return sql`FROM recovery_items x JOIN customers c ON c.id = x.customer_id
        WHERE x.status <> 'open' AND ${common}`;
    case 'claim_file':
      // Payments and recoveries are under the accounting rule, counted from settlement: the claim
      // waits for them (in Italy both are 10 years; a late settlement keeps the claim longer).
      return sql`FROM claims x JOIN customers c ON c.id = x.customer_id
        WHERE x.status = ANY(${[...FINISHED_CLAIM_STATUSES]}::text[])
          AND NOT EXISTS (SELECT 1 FROM payment_orders p WHERE p.claim_id = x.id)
          AND NOT EXISTS (SELECT 1 FROM recovery_items p WHERE p.claim_id = x.id)
          AND ${common}`;
    case 'letter':
      // A letter or email sent (a notification with a delivery) about a claim, payment or recovery
      // still kept goes with it; any other (about a case, or whose record is gone) by its own age.
      return sql`FROM notifications x LEFT JOIN customers c ON c.id = x.customer_id
        WHERE EXISTS (SELECT 1 FROM deliveries d WHERE d.notification_id = x.id)
          AND NOT (x.entity_type = 'claim' AND EXISTS (SELECT 1 FROM claims k WHERE k.id = x.entity_id))
          AND NOT (x.entity_type = 'payment' AND EXISTS (SELECT 1 FROM payment_orders k WHERE k.id = x.entity_id))
          AND NOT (x.entity_type = 'recovery' AND EXISTS (SELECT 1 FROM recovery_items k WHERE k.id = x.entity_id))
          AND NOT (x.entity_type = 'information_request'
            AND EXISTS (SELECT 1 FROM information_requests k WHERE k.id = x.entity_id))
          AND ${common}`;
    case 'webhook_delivery':
      // A pending delivery is still being attempted: it ends first.
      return sql`FROM webhook_deliveries x LEFT JOIN customers c ON c.id = x.customer_id
        WHERE x.status <> 'pending' AND ${common}`;
    case 'call':
      return sql`FROM calls x LEFT JOIN customers c ON c.id = x.customer_id WHERE ${common}`;
    case 'contact_history':
      return sql`FROM customer_contact_history x JOIN customers c ON c.id = x.customer_id WHERE ${common}`;
    case 'case_document':
      // New sweeps take a case's documents with it; these are the ones a sweep left behind.
      return sql`FROM documents x LEFT JOIN customers c ON c.id = x.customer_id
        WHERE ((x.entity_type = 'service_case' AND NOT EXISTS (SELECT 1 FROM service_cases k WHERE k.id = x.entity_id))
          OR (x.entity_type = 'referral' AND NOT EXISTS (SELECT 1 FROM referrals k WHERE k.id = x.entity_id)))
          AND ${common}`;
    case 'inbound_message':
      // On a claim: the claim file; on a case: with the case. One in triage still waits for a person.
      return sql`FROM inbound_messages x LEFT JOIN customers c ON c.id = x.customer_id
        WHERE x.claim_id IS NULL AND x.case_id IS NULL AND x.status <> 'triage' AND ${common}`;
    case 'print_batch':
    case 'payment_batch':
      throw new Error(`retention sweep: ${plan.kind} has no customer`);
    case 'notification':
      // A notification sent as a letter or an email is evidence of what the customer was told: its
      // delivery (and so the notification) stays with the claim file.
      return sql`FROM notifications x LEFT JOIN customers c ON c.id = x.customer_id
        WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.notification_id = x.id) AND ${common}`;
  }
}

export const REFERENCE: Record<SweptKind, RawBuilder<string | null>> = {
  service_case: sql`x.case_number`,
  complaint: sql`x.case_number`,
  policy: sql`x.policy_number`,
  call: sql`NULL::text`,
  contact_history: sql`x.field`,
  notification: sql`x.kind`,
  payment: sql`x.payment_number`,
  recovery: sql`x.recovery_number`,
  claim_file: sql`x.claim_number`,
  letter: sql`x.kind`,
  webhook_delivery: sql`x.event_kind`,
  identity: sql`x.customer_number`,
  case_document: sql`x.entity_type`,
  inbound_message: sql`x.channel`,
  print_batch: sql`x.letters::text`,
  payment_batch: sql`x.batch_number`,
};

/** Whose chain the record's audit event goes on (NULL: the system chain). */
export function ownerOf(kind: SweptKind): RawBuilder<string | null> {
  if (kind === 'identity') return sql`x.id`;
  if (kind === 'print_batch' || kind === 'payment_batch') return sql`NULL::uuid`;
  return sql`x.customer_id`;
}
