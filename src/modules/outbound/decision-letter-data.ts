import { sql, type Transaction } from 'kysely';
import type { DB, Language } from '../../db/schema.ts';
// The assessment's sentence renderer is not on its public surface yet (decisions reach it the same way).
import { compileProduct } from '../assessment/compiled-product.ts';
import { renderReason } from '../assessment/explain.ts';
import type { Assessment, Reason } from '../assessment/index.ts';
import { ProductConfigSchema } from '../products/index.ts';
import type {
  DecisionLetterData,
  DecisionLetterPayment,
  DecisionLine,
  RenderedReason,
} from './decision-letter.ts';

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
    payment: await decisionPayment(trx, decision),
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

/**
 * The payment orders the decision made (issue 7), summed for the letter: written in the decision's
 * transaction, so they exist when its notice does. After an appeal, what earlier decisions already
 * paid and any recovery item the decision opened. Null when the decision pays nothing (a denial
 * with nothing paid before, or an amount of zero).
 */
async function decisionPayment(
  trx: Transaction<DB>,
  decision: { id: string; outcome: string; amount_minor: number },
): Promise<DecisionLetterPayment | null> {
  const orders = await trx
    .selectFrom('payment_orders')
    .selectAll()
    .where('decision_id', '=', decision.id)
    .where('status', '!=', 'cancelled')
    .where('kind', '!=', 'repayment')
    .orderBy('instalment_no')
    .execute();
  const recovery = await trx
    .selectFrom('recovery_items')
    .select('amount_minor')
    .where('decision_id', '=', decision.id)
    .executeTakeFirst();
  const decided = decision.outcome === 'denied' ? 0 : decision.amount_minor;
  const principalMinor = orders.reduce((s, o) => s + o.principal_minor, 0);
  const recoveryMinor = recovery?.amount_minor ?? 0;
  const alreadyPaidMinor =
    recoveryMinor > 0 ? decided + recoveryMinor : Math.max(decided - principalMinor, 0);
  if (orders.length === 0 && recoveryMinor === 0 && alreadyPaidMinor === 0) return null;
  const first = orders[0];
  const account = first
    ? ((first.creditor_scheme === 'iban' ? first.creditor_iban : first.creditor_account_number) ?? null)
    : null;
  const interest = orders.find((o) => o.interest !== null && o.interest_minor > 0)?.interest ?? null;
  return {
    principalMinor,
    interestMinor: orders.reduce((s, o) => s + o.interest_minor, 0),
    executionDate: first ? String(first.requested_execution_date).slice(0, 10) : null,
    // Like maskBankAccount: never more than the last four characters.
    masked:
      first?.bank_account_id && account
        ? `**** ${account.slice(account.length - Math.min(4, Math.floor(account.length / 2)))}`
        : null,
    instalments: orders.length,
    alreadyPaidMinor,
    recoveryMinor,
    interest: interest
      ? {
          legalDueDate: interest.legalDueDate,
          daysLate: interest.periods.reduce((s, p) => s + p.days, 0),
          marginPercentagePoints: interest.marginPercentagePoints,
          annualRatesPercent: [...new Set(interest.periods.map((p) => p.annualRatePercent))],
        }
      : null,
  };
}
