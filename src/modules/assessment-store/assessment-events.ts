import type { AccumulatorDelta, Assessment } from '../assessment/index.ts';
import type { AuditInput } from '../audit/index.ts';
import { systemActor } from '../users/index.ts';

// The audit events an assessment and a straight-through decision leave, built in one place for
// the single-claim and the bulk path: an audit trail must not depend on which path registered a
// claim.

export const ASSESSMENT_ACTOR = systemActor('assessment');

export function assessedEvent(opts: {
  claimId: string;
  customerId: string;
  assessmentId: string;
  seq: number;
  trigger: string;
  result: Assessment;
}): AuditInput {
  const { result } = opts;
  return {
    actor: ASSESSMENT_ACTOR,
    action: 'claim.assessed',
    entityType: 'claim',
    entityId: opts.claimId,
    customerId: opts.customerId,
    data: {
      assessmentId: opts.assessmentId,
      seq: opts.seq,
      trigger: opts.trigger,
      recommendation: result.recommendation,
      straightThrough: result.straightThrough,
      benefitMinor: result.totals.benefitMinor,
      currency: result.currency,
      engineVersion: result.engineVersion,
      productVersionId: result.productVersionId,
      missing: result.missing.map((m) => m.document),
      riskFlags: result.riskFlags.map((f) => f.code),
    },
  };
}

export function decidedEvent(opts: {
  claimId: string;
  customerId: string;
  assessmentId: string;
  decisionId: string;
  outcome: string;
  amountMinor: number;
  currency: string;
  deltas: AccumulatorDelta[];
}): AuditInput {
  return {
    actor: ASSESSMENT_ACTOR,
    action: 'claim.decided',
    entityType: 'claim',
    entityId: opts.claimId,
    customerId: opts.customerId,
    data: {
      decisionId: opts.decisionId,
      outcome: opts.outcome,
      amountMinor: opts.amountMinor,
      currency: opts.currency,
      straightThrough: true,
      assessmentId: opts.assessmentId,
      accumulatorDeltas: opts.deltas,
    },
  };
}

/** One delta per key (one upsert may touch a row only once), zero deltas dropped. */
export function mergeDeltas(deltas: readonly AccumulatorDelta[]): AccumulatorDelta[] {
  const byKey = new Map<string, number>();
  for (const d of deltas) byKey.set(d.key, (byKey.get(d.key) ?? 0) + d.amountMinor);
  return [...byKey].filter(([, amount]) => amount !== 0).map(([key, amountMinor]) => ({ key, amountMinor }));
}
