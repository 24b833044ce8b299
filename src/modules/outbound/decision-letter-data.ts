import { sql, type Transaction } from 'kysely';
import type { DB, Language } from '../../db/schema.ts';
// The assessment's sentence renderer is not on its public surface yet (decisions reach it the same way).
import { compileProduct } from '../assessment/compiled-product.ts';
import { renderReason } from '../assessment/explain.ts';
import type { Assessment, Reason } from '../assessment/index.ts';
import { ProductConfigSchema } from '../products/index.ts';
import type { DecisionLetterData, DecisionLine, RenderedReason } from './decision-letter.ts';

// What a decision letter needs beyond its notice: the decision the notice announced, the lines of
// its assessment (claimed, eligible, deductible, co-payment, benefit), what the decision pays per
// line, the reasons re-written in the letter's language, and the product's country for the
// appeal bodies. The notice and its decision are written in one transaction, so the decision is
// the claim's latest one decided at or before the notice.

/** Reasons that only the desk needs; quoted to the customer only when a decision names them. */
const INTERNAL_REASONS = new Set([
  'straight_through',
  'above_straight_through_limit',
  'duplicate_claim',
  'possible_duplicate',
  'engine_error',
  'income_missing',
  'premium_grace_period',
  'document_missing',
  'date_in_future',
  'date_before_birth',
  'negative_amount',
  'amounts_do_not_sum',
  'currency_mismatch',
  'line_outside_incident',
]);

export async function loadDecisionLetterData(
  trx: Transaction<DB>,
  opts: { claimId: string; notificationId: string; language: Language },
): Promise<DecisionLetterData> {
  const claim = await trx
    .selectFrom('claims')
    .innerJoin('policies', 'policies.id', 'claims.policy_id')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .select(['claims.claim_number', 'claims.currency', 'products.country'])
    .where('claims.id', '=', opts.claimId)
    .executeTakeFirstOrThrow();
  const decision = await trx
    .selectFrom('claim_decisions')
    .selectAll()
    .where('claim_id', '=', opts.claimId)
    // Compared in SQL: a JS Date would cut the notice's timestamp to milliseconds.
    .where(
      'decided_at',
      '<=',
      sql<Date>`(SELECT created_at FROM notifications WHERE id = ${opts.notificationId})`,
    )
    .orderBy('decision_no', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!decision) throw new Error(`decision letter: claim ${claim.claim_number} has no decision`);
  const assessmentRow = await trx
    .selectFrom('claim_assessments')
    .innerJoin('product_versions', 'product_versions.id', 'claim_assessments.product_version_id')
    .select(['claim_assessments.result', 'product_versions.config'])
    .where('claim_assessments.id', '=', decision.assessment_id)
    .executeTakeFirstOrThrow();
  const claimLines = await trx
    .selectFrom('claim_lines')
    .select(['line_no', 'description', 'amount_minor'])
    .where('claim_id', '=', opts.claimId)
    .orderBy('line_no')
    .execute();

  const assessment = assessmentRow.result as Assessment;
  const product = compileProduct(ProductConfigSchema.parse(assessmentRow.config));
  const decided = new Map((decision.line_amounts ?? []).map((l) => [l.lineNo, l.payableMinor]));
  const byLine = new Map(assessment.lines.map((l) => [l.lineNo, l]));
  const lines: DecisionLine[] =
    decision.outcome === 'denied'
      ? []
      : claimLines.map((cl) => {
          const a = byLine.get(cl.line_no);
          const computed = a?.benefitMinor ?? 0;
          return {
            lineNo: cl.line_no,
            description: cl.description,
            claimedMinor: a?.submittedMinor ?? cl.amount_minor,
            eligibleMinor: a?.eligibleMinor ?? 0,
            deductibleMinor: a?.deductibleMinor ?? 0,
            copayMinor: a?.copayMinor ?? 0,
            computedMinor: computed,
            // No per-line amounts: a straight-through decision, which pays the assessment's.
            payableMinor: decision.line_amounts ? (decided.get(cl.line_no) ?? 0) : computed,
          };
        });

  const adjusted = new Set(lines.filter((l) => l.payableMinor !== l.computedMinor).map((l) => l.lineNo));
  const render = (reason: Reason, lineNo: number | null): RenderedReason => ({
    code: reason.code,
    clause: reason.clause,
    text: renderReason(reason, opts.language, decision.currency, product),
    lineNo,
    // "Paid in full" would contradict a line the person paid less on.
    explains:
      !INTERNAL_REASONS.has(reason.code) &&
      !(reason.code === 'covered_in_full' && lineNo !== null && adjusted.has(lineNo)),
  });
  const assessmentReasons = [
    ...assessment.reasons.map((r) => render(r, typeof r.params.lineNo === 'number' ? r.params.lineNo : null)),
    ...assessment.lines.flatMap((l) => l.reasons.map((r) => render(r, l.lineNo))),
  ];

  return {
    reference: claim.claim_number,
    outcome: decision.outcome,
    currency: decision.currency,
    payableMinor: decision.amount_minor,
    claimedMinor: lines.reduce((s, l) => s + l.claimedMinor, 0),
    lines,
    reasonCodes: decision.reason_codes,
    clauses: decision.clauses,
    assessmentReasons,
    jurisdiction: claim.country === 'IT' ? 'IT' : 'SE',
  };
}
