import { type Kysely, sql } from 'kysely';
import type { DB, ServiceCaseRow } from '../../db/schema.ts';
import { NO_DEADLINE } from '../deadline-store/index.ts';
import { getPolicy } from '../policies/index.ts';
import { departmentScope } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { casePaymentView } from './case-payment-view.ts';
import type { CaseView } from './case-schemas.ts';
import { toCaseSummary } from './case-schemas.ts';
import { isCustomerActor } from './find-cases.ts';

const LATEST_PAYMENTS = 10;

/**
 * The whole case as the actor may see it: the conversation (customers never see internal notes,
 * nor which staff member wrote), the work item for staff, and what the kind needs beside it (a
 * payment delay: the claim, its decision and its payment; a renewal problem: the policy period
 * and its premium state). Works inside a transaction (a transaction is a Kysely too).
 */
export async function loadCaseView(
  db: Kysely<DB>,
  row: ServiceCaseRow,
  actor: Actor,
  now: Date = new Date(),
): Promise<CaseView> {
  const customer = isCustomerActor(actor);
  let messages = db
    .selectFrom('case_messages')
    .selectAll()
    .where('case_id', '=', row.id)
    .orderBy('created_at')
    .orderBy('id');
  if (customer) messages = messages.where('visibility', '=', 'customer');
  // A department agent reads the case referred to them, but not another department's answer on it
  // (the medical expert's opinion is not the payments desk's business): the answer's internal
  // message names its referral number (finish-referral.ts).
  const department = departmentScope(actor);
  if (department !== null) {
    messages = messages.where(
      sql<boolean>`not (case_messages.visibility = 'internal' and exists (select 1 from referrals ro
        where ro.case_id = case_messages.case_id and ro.department <> ${department}
          and strpos(case_messages.body, ro.referral_number) > 0))`,
    );
  }
  const item = customer
    ? undefined
    : await db
        .selectFrom('work_items')
        .selectAll()
        .where('kind', '=', 'service_case')
        .where('subject_id', '=', row.id)
        .executeTakeFirst();
  const hasDeadline = item ? item.due_at.getTime() < NO_DEADLINE.getTime() : false;
  return {
    ...toCaseSummary(row),
    messages: (await messages.execute()).map((m) => ({
      id: m.id,
      authorKind: m.author_kind,
      authorUserId: customer ? null : m.author_user_id,
      visibility: m.visibility,
      body: m.body,
      documentIds: m.document_ids,
      createdAt: m.created_at.toISOString(),
    })),
    workItem: item
      ? {
          id: item.id,
          ownerId: item.owner_id,
          team: item.team,
          open: item.open,
          dueAt: hasDeadline ? item.due_at.toISOString() : null,
          timeLeftMs: hasDeadline ? item.due_at.getTime() - now.getTime() : null,
          deadlineState: item.deadline_state,
          escalatedTo: item.escalated_to,
          version: item.version,
        }
      : null,
    paymentDelay:
      row.kind === 'payment_delay' && row.claim_id
        ? await paymentDelayView(db, row, row.claim_id, actor)
        : null,
    renewal:
      row.kind === 'renewal_problem' && row.policy_id ? await renewalView(db, row.policy_id, actor) : null,
  };
}

async function paymentDelayView(
  db: Kysely<DB>,
  row: ServiceCaseRow,
  claimId: string,
  actor: Actor,
): Promise<CaseView['paymentDelay']> {
  const claim = await db
    .selectFrom('claims')
    .select(['id', 'claim_number', 'status', 'currency', 'total_claimed_minor'])
    .where('id', '=', claimId)
    .executeTakeFirstOrThrow();
  const decision = await db
    .selectFrom('claim_decisions')
    .select(['id', 'outcome', 'amount_minor', 'currency', 'decided_at'])
    .where('claim_id', '=', claimId)
    .where('superseded_at', 'is', null)
    .orderBy('decision_no', 'desc')
    .executeTakeFirst();
  return {
    claim: {
      id: claim.id,
      claimNumber: claim.claim_number,
      status: claim.status,
      currency: claim.currency,
      totalClaimedMinor: claim.total_claimed_minor,
    },
    decision: decision
      ? {
          outcome: decision.outcome,
          payableMinor: decision.amount_minor,
          currency: decision.currency,
          decidedAt: decision.decided_at.toISOString(),
        }
      : null,
    payment: await casePaymentView(db, {
      claimStatus: claim.status,
      paymentId: row.payment_id,
      decisionId: decision?.id ?? null,
      customer: isCustomerActor(actor),
      language: actor.kind === 'user' && !isCustomerActor(actor) ? actor.locale : row.language,
    }),
  };
}

async function renewalView(db: Kysely<DB>, policyId: string, actor: Actor): Promise<CaseView['renewal']> {
  // The policies module owns the premium rules and their terms: its view computes the status.
  const policy = await getPolicy({ db, actor, id: policyId });
  const payments = await db
    .selectFrom('premium_payments')
    .select(['paid_on', 'amount_minor', 'currency', 'reference'])
    .where('policy_id', '=', policyId)
    .orderBy('paid_on', 'desc')
    .orderBy('created_at', 'desc')
    .limit(LATEST_PAYMENTS)
    .execute();
  if (!policy.premiumStatus) throw new Error(`policy ${policyId} has no premium status`);
  return {
    policy: {
      id: policy.id,
      policyNumber: policy.policyNumber,
      status: policy.status,
      startsOn: policy.startsOn,
      endsOn: policy.endsOn,
      renewalDate: policy.endsOn,
      currency: policy.currency,
    },
    premiumStatus: policy.premiumStatus,
    latestPayments: payments.map((p) => ({
      paidOn: p.paid_on,
      amountMinor: p.amount_minor,
      currency: p.currency,
      reference: p.reference,
    })),
  };
}
