import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import type { ClaimStatus } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { lockPolicyAccumulators } from '../assessment-store/index.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { loadClaimView } from '../claims/load-claim-views.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { assessmentForDecision } from './assessment-for-decision.ts';
import { decideAmounts, decisionDeltas } from './decided-amounts.ts';
import { assertClaimVersion, assertNotDecided, assertStatusIn } from './decision-guards.ts';
import {
  type DecisionInput,
  DecisionInputSchema,
  type DecisionResult,
  toPersonDecisionView,
} from './decision-schemas.ts';
import { openEscalation, openEscalationOf, resolveEscalation } from './escalation-store.ts';
import { escalationView } from './find-escalations.ts';
import { authorityVerdict } from './load-authority.ts';
import { OUTCOME_STATUS, recordDecision } from './record-decision.ts';

const DECIDABLE: readonly ClaimStatus[] = ['in_review', 'appealed', 'escalated'];
const ESCALATION_DECIDERS = new Set(['supervisor', 'administrator', 'system']);

export type DecideClaimResult = { status: 200 | 201 | 202; body: DecisionResult; replayed: boolean };

/**
 * A person decides a claim: approve (the assessment's amounts, or lower ones per line), partial
 * (amounts per line) or deny (reason codes). Within the decider's authority the decision is written
 * (201); beyond it the claim is escalated to their supervisor with the proposal (202) — an
 * automatic hand-over, not an error. An escalated claim is decided by a supervisor or administrator
 * within their own authority (403 authority_exceeded otherwise: it cannot be escalated further).
 *
 * Races: the claim row is locked first, so two deciders run one after the other; the second sees
 * the claim decided (409 claim_already_decided) or its version moved (409 version_conflict). A
 * retry with the same Idempotency-Key returns the first response (200) and writes nothing.
 */
export async function decideClaim(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: DecisionInput;
  idempotencyKey?: string | undefined;
}): Promise<DecideClaimResult> {
  const { actor } = opts;
  assertCan(actor, 'claims:decide');
  const input = parseInput(DecisionInputSchema, opts.input);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `claims.decide:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  const hash = requestHash({ ref: opts.ref.trim().toUpperCase(), input });

  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<DecisionResult>(trx, key, hash);
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    const claim = await findClaimRow(trx, actor, opts.ref, { forUpdate: true });
    assertNotDecided(claim);
    assertStatusIn(claim, DECIDABLE, OUTCOME_STATUS[input.outcome]);
    assertClaimVersion(claim, input.version);
    const escalation = claim.status === 'escalated' ? await openEscalationOf(trx, claim.id) : null;
    if (claim.status === 'escalated' && !ESCALATION_DECIDERS.has(actor.role)) {
      throw new AppError('forbidden', `Claim ${claim.claim_number} is escalated: a supervisor decides it.`);
    }

    await lockPolicyAccumulators(trx, claim.policy_id);
    const assessment = await assessmentForDecision(trx, claim);
    const claimLines = await trx
      .selectFrom('claim_lines')
      .select(['line_no', 'amount_minor'])
      .where('claim_id', '=', claim.id)
      .execute();
    const amounts = decideAmounts({
      outcome: input.outcome,
      requested: input.lines,
      claimLines: claimLines.map((l) => ({ lineNo: l.line_no, claimedMinor: l.amount_minor })),
      assessment: assessment.result,
    });
    if (!amounts.ok) {
      throw new AppError('decision_amount_invalid', amounts.errors.map((e) => e.message).join(' '), {
        errors: amounts.errors,
      });
    }
    const verdict = await authorityVerdict(trx, {
      claim,
      actor,
      proposal: { outcome: input.outcome, amountMinor: amounts.totalMinor },
    });
    const view = async () => loadClaimView(trx, await findClaimRow(trx, actor, claim.id));

    let result: DecideClaimResult;
    if (verdict.allowed) {
      const resolved = escalation
        ? await resolveEscalation(trx, {
            escalation,
            actor,
            status: 'decided',
            comment: input.comment ?? null,
          })
        : null;
      const { decision, events } = await recordDecision(trx, {
        claim,
        actor,
        outcome: input.outcome,
        lines: amounts.lines,
        totalMinor: amounts.totalMinor,
        assessmentId: assessment.id,
        deltas: decisionDeltas(assessment.result, input.outcome, amounts.lines),
        reasonCodes: input.reasonCodes ?? [],
        clause: input.clause ?? null,
        comment: input.comment ?? null,
        escalationId: escalation?.id ?? null,
      });
      await recordAuditEvents(trx, claim.customer_id, [...assessment.events, ...events]);
      result = {
        status: 201,
        replayed: false,
        body: {
          result: 'decided',
          claim: await view(),
          decision: toPersonDecisionView(decision),
          escalation: resolved ? await escalationView(trx, resolved) : null,
        },
      };
    } else if (claim.status === 'escalated') {
      throw new AppError('authority_exceeded', `Beyond your authority: ${verdict.detail}`, {
        extra: { reason: verdict.escalate },
      });
    } else {
      const opened = await openEscalation(trx, {
        claim,
        actor,
        reason: verdict.escalate,
        comment: input.comment ?? null,
        proposal: {
          outcome: input.outcome,
          amountMinor: amounts.totalMinor,
          currency: claim.currency,
          lines: amounts.lines,
          reasonCodes: input.reasonCodes ?? [],
          clause: input.clause ?? null,
          comment: input.comment ?? null,
          detail: verdict.detail,
        },
      });
      await recordAuditEvents(trx, claim.customer_id, [...assessment.events, ...opened.events]);
      result = {
        status: 202,
        replayed: false,
        body: {
          result: 'escalated',
          claim: await view(),
          decision: null,
          escalation: await escalationView(trx, opened.escalation),
        },
      };
    }
    if (key) await storeIdempotentResponse(trx, key, result.status, result.body);
    return result;
  });
}
