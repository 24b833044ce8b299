import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../users/actor.ts';

// The one place that says what a department agent may read (docs/security.md, "Data scoping"): a
// department answers referrals, so it reads the referrals to it and the minimum each one links to —
// the service case referred, the claim that case is about, the policy they are under, the customer's
// header (who to answer about, in which language), the documents of those records and those sent
// with the referral, and calls logged on them or by the agent. A referral keeps granting this after
// it is answered, returned or cancelled: the department looks back at what it was asked and what it
// said (a follow-up, a complaint about the answer), and reading changes nothing (the referral's
// lifecycle refuses every action on a finished one). Customer-wide views (the timeline, all the
// customer's policies, calls, bank accounts, account changes, the export) are the case owner's.
//
// This file imports nothing from other modules on purpose: customers, claims, cases, documents,
// calls and policies call it from their loaders, and referrals itself depends on cases.

/**
 * The department whose referrals bound what the actor reads, or null when the actor is not bound
 * by one (customers have their own scope; other staff and the system read all). An agent without
 * a department reaches nothing: the empty code matches no referral.
 */
export function departmentScope(actor: Actor): string | null {
  if (actor.kind !== 'user' || actor.role !== 'department_agent') return null;
  return actor.department ?? '';
}

/** The kinds of record whose reach is decided here. */
export type ReachKind = 'customer' | 'service_case' | 'claim' | 'policy' | 'document' | 'call';

type Column = Expression<unknown>;

/** A referral to the department about this customer. */
export function customerInReach(department: string, customerId: Column): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from referrals rr
    where rr.customer_id = ${customerId} and rr.department = ${department})`;
}

/** The case was referred to the department. */
export function caseInReach(department: string, caseId: Column): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from referrals rr
    where rr.case_id = ${caseId} and rr.department = ${department})`;
}

/** A case about this claim was referred to the department. */
export function claimInReach(department: string, claimId: Column): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from service_cases rc join referrals rr on rr.case_id = rc.id
    where rc.claim_id = ${claimId} and rr.department = ${department})`;
}

/** The policy a referred case, or the claim it is about, is under. */
export function policyInReach(department: string, policyId: Column): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from service_cases rc join referrals rr on rr.case_id = rc.id
    left join claims rk on rk.id = rc.claim_id
    where rr.department = ${department} and (rc.policy_id = ${policyId} or rk.policy_id = ${policyId}))`;
}

/**
 * A document of a record in reach (the referral, its case, the claim that case is about), or one
 * sent with a referral to the department or with its answer (any document of the customer may be).
 */
export function documentInReach(
  department: string,
  doc: { id: Column; entityType: Column; entityId: Column },
): Expression<SqlBool> {
  return sql<SqlBool>`(
    (${doc.entityType} = 'referral' and exists (select 1 from referrals rr
      where rr.id = ${doc.entityId} and rr.department = ${department}))
    or (${doc.entityType} = 'service_case' and ${caseInReach(department, doc.entityId)})
    or (${doc.entityType} = 'claim' and ${claimInReach(department, doc.entityId)})
    or exists (select 1 from referrals rr where rr.department = ${department}
      and (${doc.id} = any(rr.document_ids) or ${doc.id} = any(rr.answer_document_ids))))`;
}

/** A call logged on a case or claim in reach, or one the agent logged themselves. */
export function callInReach(
  department: string,
  agentId: string,
  call: { caseId: Column; claimId: Column; handledBy: Column },
): Expression<SqlBool> {
  return sql<SqlBool>`(${call.handledBy} = ${agentId}::uuid
    or (${call.caseId} is not null and ${caseInReach(department, call.caseId)})
    or (${call.claimId} is not null and ${claimInReach(department, call.claimId)}))`;
}

/**
 * An email or letter that came in about a claim or case in reach (triage, unmatched mail and
 * anything else of the customer's are the intake desk's), or a scan the agent uploaded themselves.
 */
export function inboundInReach(
  department: string,
  message: { caseId: Column; claimId: Column },
): Expression<SqlBool> {
  return sql<SqlBool>`((${message.caseId} is not null and ${caseInReach(department, message.caseId)})
    or (${message.claimId} is not null and ${claimInReach(department, message.claimId)}))`;
}

/** What went out to the customer about a claim or case in reach (its notification names the record). */
export function deliveryInReach(department: string, notificationId: Column): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from notifications rn where rn.id = ${notificationId}
    and ((rn.entity_type = 'claim' and ${claimInReach(department, sql.ref('rn.entity_id'))})
      or (rn.entity_type = 'service_case' and ${caseInReach(department, sql.ref('rn.entity_id'))})))`;
}

/**
 * Whether the actor may read one record: true without a query for anyone not bound by a
 * department; for an agent, one indexed EXISTS. Loaders answer 404 when this is false.
 */
export async function reaches(db: Executor, actor: Actor, kind: ReachKind, id: string): Promise<boolean> {
  const department = departmentScope(actor);
  if (department === null) return true;
  const value = sql`${id}::uuid`;
  let predicate: Expression<SqlBool>;
  switch (kind) {
    case 'customer':
      predicate = customerInReach(department, value);
      break;
    case 'service_case':
      predicate = caseInReach(department, value);
      break;
    case 'claim':
      predicate = claimInReach(department, value);
      break;
    case 'policy':
      predicate = policyInReach(department, value);
      break;
    case 'document':
      predicate = sql<SqlBool>`exists (select 1 from documents dd where dd.id = ${value} and ${documentInReach(
        department,
        { id: sql.ref('dd.id'), entityType: sql.ref('dd.entity_type'), entityId: sql.ref('dd.entity_id') },
      )})`;
      break;
    case 'call':
      predicate = sql<SqlBool>`exists (select 1 from calls cc where cc.id = ${value} and ${callInReach(
        department,
        actor.kind === 'user' ? actor.userId : '',
        {
          caseId: sql.ref('cc.case_id'),
          claimId: sql.ref('cc.claim_id'),
          handledBy: sql.ref('cc.handled_by'),
        },
      )})`;
      break;
  }
  const { rows } = await sql<{ ok: boolean }>`select ${predicate} as ok`.execute(db);
  return rows[0]?.ok === true;
}

/** `reaches`, or 404 (`No such …`), never 403: ids outside the reach cannot be probed. */
export async function assertReaches(
  db: Executor,
  actor: Actor,
  kind: ReachKind,
  id: string,
  what: string,
): Promise<void> {
  if (!(await reaches(db, actor, kind, id))) throw new AppError('not_found', `No such ${what}.`);
}

/**
 * A view of everything held about a customer (timeline, all calls, all policies, bank accounts) is
 * beyond what any one referral links to: 404 for a department agent, as for a record outside reach.
 */
export function assertCustomerWideView(actor: Actor, what = 'customer'): void {
  if (departmentScope(actor) !== null) throw new AppError('not_found', `No such ${what}.`);
}
