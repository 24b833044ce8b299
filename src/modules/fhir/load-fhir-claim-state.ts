import type { Language } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
// The assessment's sentence renderer is not on its public surface yet (decision letters reach it
// the same way, src/modules/outbound/decision-letter-data.ts).
import { compileProduct } from '../assessment/compiled-product.ts';
import { renderReason } from '../assessment/explain.ts';
import type { Assessment, Reason } from '../assessment/index.ts';
import { ProductConfigSchema } from '../products/index.ts';
import type { FhirClaimState } from './claim-response.ts';
import { currencyDigits } from './fhir-money.ts';

/** Risk signals stay on the desk: an outside system is not told we suspect a duplicate. */
const INTERNAL_REASONS = new Set(['duplicate_claim', 'possible_duplicate']);
/** Payments that did not or will not reach the customer are not the claim's payment. */
const NOT_PAID = ['cancelled', 'rejected', 'returned'] as const;

/** A `date` column as YYYY-MM-DD whichever way the driver returns it. */
function dateOf(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/**
 * Everything a ClaimResponse/ExplanationOfBenefit shows, read in one snapshot. `language`: the one
 * asked for, else the FHIR Claim's, else the customer's preferred language. Null: no such claim.
 */
export async function loadFhirClaimState(
  db: Executor,
  opts: { claimId: string; language: Language | null },
): Promise<FhirClaimState | null> {
  const claim = await db
    .selectFrom('claims')
    .innerJoin('customers', 'customers.id', 'claims.customer_id')
    .innerJoin('policies', 'policies.id', 'claims.policy_id')
    .select([
      'claims.id',
      'claims.claim_number',
      'claims.status',
      'claims.currency',
      'claims.registered_at',
      'customers.customer_number',
      'customers.preferred_language',
      'policies.policy_number',
    ])
    .where('claims.id', '=', opts.claimId)
    .executeTakeFirst();
  if (!claim) return null;
  const [fhir, lines, assessment, decision, payments, requests] = await Promise.all([
    db.selectFrom('fhir_claims').selectAll().where('claim_id', '=', claim.id).executeTakeFirst(),
    db
      .selectFrom('claim_lines')
      .select(['line_no', 'benefit_code', 'amount_minor', 'provider'])
      .where('claim_id', '=', claim.id)
      .orderBy('line_no')
      .execute(),
    db
      .selectFrom('claim_assessments')
      .innerJoin('product_versions', 'product_versions.id', 'claim_assessments.product_version_id')
      .select(['claim_assessments.result', 'product_versions.config'])
      .where('claim_assessments.claim_id', '=', claim.id)
      .orderBy('claim_assessments.seq', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('claim_decisions')
      .select(['outcome', 'amount_minor', 'line_amounts', 'decided_at'])
      .where('claim_id', '=', claim.id)
      .where('superseded_at', 'is', null)
      .orderBy('decision_no', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('payment_orders')
      .select([
        'payment_number',
        'status',
        'principal_minor',
        'interest_minor',
        'currency',
        'settled_on',
        'requested_execution_date',
      ])
      .where('claim_id', '=', claim.id)
      .where('kind', '!=', 'repayment')
      .where('status', 'not in', NOT_PAID)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('information_requests')
      .select(['id', 'items', 'due_on', 'created_at'])
      .where('claim_id', '=', claim.id)
      .where('status', '=', 'open')
      .orderBy('created_at')
      .execute(),
  ]);
  const language =
    opts.language ?? (fhir?.language as Language | null | undefined) ?? claim.preferred_language;
  const result = assessment ? (assessment.result as Assessment) : null;
  let notes: FhirClaimState['notes'] = [];
  if (assessment && result) {
    const product = compileProduct(ProductConfigSchema.parse(assessment.config));
    const render = (r: Reason, lineNo: number | null) => ({
      code: r.code,
      text: renderReason(r, language, result.currency, product),
      lineNo,
    });
    notes = [
      ...result.reasons.map((r) => render(r, typeof r.params.lineNo === 'number' ? r.params.lineNo : null)),
      ...result.lines.flatMap((l) => l.reasons.map((r) => render(r, l.lineNo))),
    ].filter((n) => !INTERNAL_REASONS.has(n.code));
  }
  return {
    claim: {
      id: claim.id,
      claimNumber: claim.claim_number,
      status: claim.status,
      currency: claim.currency,
      registeredAt: claim.registered_at.toISOString(),
      customerNumber: claim.customer_number,
      policyNumber: claim.policy_number,
    },
    fhir: fhir
      ? {
          identifier:
            fhir.identifier_system && fhir.identifier_value
              ? { system: fhir.identifier_system, value: fhir.identifier_value }
              : null,
          claimType: fhir.claim_type,
          provider: fhir.provider,
          itemSequences: fhir.item_sequences,
        }
      : null,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      benefitCode: l.benefit_code,
      amountMinor: l.amount_minor,
      provider: l.provider,
    })),
    assessment: result ? { lines: result.lines, totals: result.totals } : null,
    decision: decision
      ? {
          outcome: decision.outcome,
          amountMinor: decision.amount_minor,
          lineAmounts: decision.line_amounts,
          decidedAt: decision.decided_at.toISOString(),
        }
      : null,
    notes,
    payments: payments.map((p) => ({
      paymentNumber: p.payment_number,
      status: p.status,
      amountMinor: p.principal_minor + p.interest_minor,
      currency: p.currency,
      date: dateOf(p.settled_on ?? p.requested_execution_date),
    })),
    openRequests: requests.map((r) => ({
      id: r.id,
      items: r.items,
      dueOn: dateOf(r.due_on),
      createdAt: r.created_at.toISOString(),
    })),
    language,
    digits: currencyDigits(claim.currency) ?? 2,
  };
}
