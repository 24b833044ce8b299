import { sql, type Transaction } from 'kysely';
import type { AssessmentTrigger, ClaimAssessmentRow, DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { Assessment, AssessmentInput } from '../assessment/assessment-types.ts';

/**
 * Serialises assessments that may change a policy's accumulators: two claims on one policy read
 * and add to the same counters one after the other, so limits hold whatever order claims arrive in.
 */
export async function lockPolicyAccumulators(trx: Transaction<DB>, policyId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`accumulators:${policyId}`}, 0))`.execute(trx);
}

/**
 * Keeps one engine run: the whole result with the whole input it came from, so that
 * `assessClaim(input)` re-explains it exactly later. seq counts 1, 2, … per claim (the caller holds
 * the claim, so no other run can take the same number).
 */
export async function storeAssessment(
  trx: Transaction<DB>,
  opts: { input: AssessmentInput; result: Assessment; trigger: AssessmentTrigger },
): Promise<ClaimAssessmentRow> {
  const { input, result } = opts;
  const last = await trx
    .selectFrom('claim_assessments')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('claim_id', '=', input.claim.id)
    .executeTakeFirst();
  return trx
    .insertInto('claim_assessments')
    .values({
      id: newId(),
      claim_id: input.claim.id,
      customer_id: input.claim.customerId,
      seq: Number(last?.seq ?? 0) + 1,
      engine_version: result.engineVersion,
      product_version_id: result.productVersionId,
      recommendation: result.recommendation,
      benefit_minor: result.totals.benefitMinor,
      straight_through: result.straightThrough,
      result: JSON.stringify(result),
      input: JSON.stringify(input),
      trigger: opts.trigger,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
