import type { Transaction } from 'kysely';
import type { ClaimRow, DB } from '../../db/schema.ts';
import { type Assessment, type AssessmentInput, assessClaim } from '../assessment/index.ts';
import { assessedEvent, loadAssessmentContext, storeAssessment } from '../assessment-store/index.ts';
import type { AuditInput } from '../audit/index.ts';
import { currentDecision } from './record-decision.ts';

/**
 * The assessment a person's decision rests on: the latest one, unless the accumulators it read have
 * moved since (another claim on the policy was decided, or an appeal gave amounts back). Then the
 * year and lifetime limits it applied may no longer hold, so the engine runs again on today's
 * accumulators and that run is stored ('manual') and used. The claim's own current decision (an
 * appeal) is given back in memory first: the new decision replaces it, it does not add to it.
 * The caller holds the policy's accumulator lock.
 */
export async function assessmentForDecision(
  trx: Transaction<DB>,
  claim: ClaimRow,
): Promise<{ id: string; result: Assessment; events: AuditInput[] }> {
  const latest = await trx
    .selectFrom('claim_assessments')
    .selectAll()
    .where('claim_id', '=', claim.id)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  const result = latest.result as Assessment;
  const seen = (latest.input as AssessmentInput).accumulators;
  const previous = await currentDecision(trx, claim.id);
  const giveBack = new Map((previous?.accumulator_deltas ?? []).map((d) => [d.key, d.amountMinor]));
  const keys = [...new Set(result.accumulatorDeltas.map((d) => d.key))];
  const used =
    keys.length === 0
      ? []
      : await trx
          .selectFrom('benefit_accumulators')
          .select(['key', 'used'])
          .where('key', 'in', keys)
          .execute();
  const usedNow = new Map(used.map((u) => [u.key, u.used]));
  const stale = keys.some((k) => (usedNow.get(k) ?? 0) - (giveBack.get(k) ?? 0) !== (seen[k] ?? 0));
  if (!stale) return { id: latest.id, result, events: [] };

  const context = await loadAssessmentContext(trx, claim.id);
  const accumulators: Record<string, number> = { ...context.accumulators };
  for (const [k, amount] of giveBack) accumulators[k] = (accumulators[k] ?? 0) - amount;
  const input: AssessmentInput = { ...context, accumulators };
  const fresh = assessClaim(input);
  const stored = await storeAssessment(trx, { input, result: fresh, trigger: 'manual' });
  const event = assessedEvent({
    claimId: claim.id,
    customerId: claim.customer_id,
    assessmentId: stored.id,
    seq: stored.seq,
    trigger: 'manual',
    result: fresh,
  });
  return { id: stored.id, result: fresh, events: [event] };
}
