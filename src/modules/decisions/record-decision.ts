import type { Transaction } from 'kysely';
import type { ClaimDecisionRow, ClaimRow, DB, DecidedLine, DecisionOutcome } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { AccumulatorDelta } from '../assessment/index.ts';
import type { AuditInput } from '../audit/index.ts';
import { transitionClaim } from '../claims/claim-lifecycle.ts';
import { createPaymentOrdersForDecision } from '../payments/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { closeClaimWork } from '../work/claim-work.ts';
import { notifyCustomerOfDecision } from './notify-customer-of-decision.ts';

// A person's decision, written in the caller's transaction (which holds the claim row lock and the
// policy's accumulator lock): the previous decision superseded and its accumulators given back (an
// appeal), the new decision and its accumulators, the claim's status, its work item closed and the
// customer's notice. Returns the audit events for the caller to append.

export const OUTCOME_STATUS = {
  approve: 'approved',
  partial: 'partially_approved',
  deny: 'denied',
} as const satisfies Record<string, DecisionOutcome>;

export type DecisionToRecord = {
  claim: ClaimRow;
  actor: Actor;
  outcome: keyof typeof OUTCOME_STATUS;
  lines: DecidedLine[];
  totalMinor: number;
  assessmentId: string;
  deltas: AccumulatorDelta[];
  reasonCodes: string[];
  clause: string | null;
  comment: string | null;
  escalationId: string | null;
};

export async function recordDecision(
  trx: Transaction<DB>,
  d: DecisionToRecord,
): Promise<{ decision: ClaimDecisionRow; events: AuditInput[] }> {
  const { claim, actor } = d;
  const events: AuditInput[] = [];
  const previous = await currentDecision(trx, claim.id);
  if (previous) {
    await trx
      .updateTable('claim_decisions')
      .set({ superseded_at: new Date() })
      .where('id', '=', previous.id)
      .execute();
    await giveBackAccumulators(trx, previous.accumulator_deltas);
    events.push({
      actor,
      action: 'claim.decision_superseded',
      entityType: 'claim',
      entityId: claim.id,
      customerId: claim.customer_id,
      data: {
        claimNumber: claim.claim_number,
        decisionId: previous.id,
        decisionNo: previous.decision_no,
        reversedAccumulatorDeltas: previous.accumulator_deltas,
      },
    });
  }
  const last = await trx
    .selectFrom('claim_decisions')
    .select((eb) => eb.fn.max('decision_no').as('n'))
    .where('claim_id', '=', claim.id)
    .executeTakeFirst();
  const outcome = OUTCOME_STATUS[d.outcome];
  let decision: ClaimDecisionRow;
  try {
    decision = await trx
      .insertInto('claim_decisions')
      .values({
        id: newId(),
        claim_id: claim.id,
        customer_id: claim.customer_id,
        outcome,
        amount_minor: d.totalMinor,
        currency: claim.currency,
        decided_by: actorId(actor),
        assessment_id: d.assessmentId,
        straight_through: false,
        decision_no: Number(last?.n ?? 0) + 1,
        reason_codes: d.reasonCodes,
        clauses: d.clause ? [d.clause] : [],
        line_amounts: JSON.stringify(d.lines),
        comment: d.comment,
        escalation_id: d.escalationId,
        accumulator_deltas: JSON.stringify(d.deltas),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    // The row lock makes this unreachable; the unique indexes are the last line of defence.
    if ((error as { code?: string }).code === '23505') {
      throw new AppError(
        'claim_already_decided',
        `Claim ${claim.claim_number} already has a current decision.`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
  await addToAccumulators(trx, claim, d.deltas);
  const moved = await transitionClaim(trx, claim.id, outcome, {
    actor,
    reason: `Decided: ${outcome}${d.comment ? ` — ${d.comment}` : ''}`,
    data: { decisionId: decision.id },
  });
  events.push(
    {
      actor,
      action: 'claim.decided',
      entityType: 'claim',
      entityId: claim.id,
      customerId: claim.customer_id,
      reason: d.comment,
      data: {
        claimNumber: claim.claim_number,
        decisionId: decision.id,
        decisionNo: decision.decision_no,
        outcome,
        amountMinor: d.totalMinor,
        currency: claim.currency,
        lines: d.lines,
        reasonCodes: d.reasonCodes,
        clause: d.clause,
        comment: d.comment,
        straightThrough: false,
        assessmentId: d.assessmentId,
        escalationId: d.escalationId,
        accumulatorDeltas: d.deltas,
      },
    },
    ...(moved ? [moved] : []),
    ...(await closeClaimWork(trx, { claimId: claim.id, actor, reason: `Decided: ${outcome}` })),
  );
  // The money, in the same transaction (issue 7): the order(s) for an approval; on appeal the
  // unsent orders of the superseded decision are cancelled and only the difference is paid, or a
  // recovery item opened when the new amount is below what was already paid.
  events.push(...(await createPaymentOrdersForDecision(trx, { decision, actor })).events);
  await notifyCustomerOfDecision(trx, claim, decision);
  return { decision, events };
}

export async function currentDecision(
  trx: Transaction<DB>,
  claimId: string,
): Promise<ClaimDecisionRow | null> {
  return (
    (await trx
      .selectFrom('claim_decisions')
      .selectAll()
      .where('claim_id', '=', claimId)
      .where('superseded_at', 'is', null)
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

async function addToAccumulators(trx: Transaction<DB>, claim: ClaimRow, deltas: readonly AccumulatorDelta[]) {
  if (deltas.length === 0) return;
  await trx
    .insertInto('benefit_accumulators')
    .values(
      deltas.map((d) => ({
        key: d.key,
        policy_id: claim.policy_id,
        customer_id: claim.customer_id,
        used: d.amountMinor,
      })),
    )
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        used: eb('benefit_accumulators.used', '+', eb.ref('excluded.used')),
        updated_at: new Date(),
      })),
    )
    .execute();
}

/**
 * Takes a superseded decision's deltas back out. Plain UPDATEs, not the upsert: the rows exist
 * (the decision added them) and an INSERT of a negative amount would fail the used ≥ 0 check.
 */
async function giveBackAccumulators(trx: Transaction<DB>, deltas: readonly AccumulatorDelta[]) {
  for (const d of deltas) {
    await trx
      .updateTable('benefit_accumulators')
      .set((eb) => ({ used: eb('used', '-', d.amountMinor), updated_at: new Date() }))
      .where('key', '=', d.key)
      .execute();
  }
}
