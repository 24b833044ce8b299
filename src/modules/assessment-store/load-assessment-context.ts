import type { Selectable, Transaction } from 'kysely';
import type { DB, PoliciesTable } from '../../db/schema.ts';
import { todayIn } from '../../lib/dates.ts';
import { formatIsoDay, parseIsoDay } from '../../lib/day-number.ts';
import type { AssessmentInput, PriorClaim } from '../assessment/assessment-types.ts';
import { NEAR_DAYS } from '../assessment/detect-duplicates.ts';
import { derivePremiumStatus } from '../policies/index.ts';
import { ProductConfigSchema, productVersionInForce as pickVersionInForce } from '../products/index.ts';
import type { DocumentKind } from '../products/product-config-schema.ts';

/**
 * Everything the engine needs about one claim, read inside the caller's transaction: the claim
 * and its lines, the insured person's birth date, the customer's zone and language, the policy with
 * its premium state on the date of loss, the product version in force on that date, the policy's
 * accumulators and its other claims. Call `lockPolicyAccumulators` first when the result may be
 * applied, so that two claims on one policy never read the same accumulators.
 */
export async function loadAssessmentContext(trx: Transaction<DB>, claimId: string): Promise<AssessmentInput> {
  const claim = await trx
    .selectFrom('claims')
    .innerJoin('customers', 'customers.id', 'claims.customer_id')
    .innerJoin('policy_insured_persons as person', 'person.id', 'claims.insured_person_id')
    .selectAll('claims')
    .select([
      'customers.time_zone',
      'customers.preferred_language',
      'person.birth_date as insured_birth_date',
    ])
    .where('claims.id', '=', claimId)
    .executeTakeFirstOrThrow();
  const policy = await trx
    .selectFrom('policies')
    .selectAll()
    .where('id', '=', claim.policy_id)
    .executeTakeFirstOrThrow();
  const [lines, terms] = await Promise.all([
    trx.selectFrom('claim_lines').selectAll().where('claim_id', '=', claimId).orderBy('line_no').execute(),
    loadPolicyTerms(trx, policy, {
      id: claimId,
      insuredPersonId: claim.insured_person_id,
      incidentDate: claim.incident_date,
    }),
  ]);
  return {
    claim: {
      id: claim.id,
      customerId: claim.customer_id,
      insuredPersonId: claim.insured_person_id,
      insuredBirthDate: claim.insured_birth_date,
      incidentDate: claim.incident_date,
      // The day it was registered, not today: a re-assessment months later judges dates the same way.
      registeredOn: todayIn(claim.time_zone, claim.registered_at),
      currency: claim.currency,
      totalClaimedMinor: claim.total_claimed_minor,
      cause: claim.cause,
      incidentCountry: claim.incident_country,
      preExistingCondition: claim.pre_existing_condition,
      documents: [...claim.documents].sort() as DocumentKind[],
      lines: lines.map((l) => ({
        lineNo: l.line_no,
        benefitCode: l.benefit_code,
        serviceDate: l.service_date,
        amountMinor: l.amount_minor,
        currency: l.currency,
        provider: l.provider,
        days: l.days,
      })),
    },
    ...terms,
    language: claim.preferred_language,
  };
}

/**
 * The engine's input about the policy on the date of loss, shared with the draft preview
 * (assessment-preview): the policy with its premium state then, the product version in force then
 * (see products/product-version-in-force.ts) with its config, the policy's accumulators, and its
 * claims on file that can matter to the claim (relevantPriorClaims), but the claim itself (`id`,
 * null for a draft, which is not on file).
 */
export async function loadPolicyTerms(
  trx: Transaction<DB>,
  policy: Selectable<PoliciesTable>,
  claim: { id: string | null; insuredPersonId: string; incidentDate: string },
): Promise<Pick<AssessmentInput, 'policy' | 'product' | 'accumulators' | 'priorClaims'>> {
  const { incidentDate } = claim;
  const [periods, payments, accumulators, priorClaims] = await Promise.all([
    trx
      .selectFrom('product_versions')
      .select(['id', 'version', 'status', 'effective_from', 'effective_to'])
      .where('product_id', '=', policy.product_id)
      .execute(),
    trx
      .selectFrom('premium_payments')
      .select(['paid_on', 'amount_minor', 'currency'])
      .where('policy_id', '=', policy.id)
      .orderBy('paid_on')
      .execute(),
    trx
      .selectFrom('benefit_accumulators')
      .select(['key', 'used'])
      .where('policy_id', '=', policy.id)
      .execute(),
    loadPriorClaims(trx, policy.id, claim),
  ]);
  const version = await trx
    .selectFrom('product_versions')
    .select(['id', 'version', 'config'])
    .where('id', '=', pickVersionInForce(periods, policy.product_version_id, incidentDate))
    .executeTakeFirstOrThrow();
  const config = ProductConfigSchema.parse(version.config);
  const premium = derivePremiumStatus({
    schedule: policy.premium_schedule,
    policy: { startsOn: policy.starts_on, endsOn: policy.ends_on },
    payments: payments.map((p) => ({ paidOn: p.paid_on, amountMinor: p.amount_minor, currency: p.currency })),
    terms: config.premiumTerms,
    asOf: incidentDate,
  });
  return {
    policy: {
      id: policy.id,
      startsOn: policy.starts_on,
      endsOn: policy.ends_on,
      status: policy.status,
      currency: policy.currency,
      premiumState: premium.state,
      declaredAnnualIncomeMinor: policy.declared_annual_income_minor,
    },
    product: { id: version.id, version: version.version, config },
    accumulators: Object.fromEntries(accumulators.map((a) => [a.key, a.used])),
    priorClaims,
  };
}

/**
 * The policy's claims on file that can matter to `claim` (relevantPriorClaims: the same insured
 * person, incident dates at most NEAR_DAYS apart) as the engine's prior claims, all but the claim
 * itself (`id`; null for a draft that has no id yet).
 */
export async function loadPriorClaims(
  trx: Transaction<DB>,
  policyId: string,
  claim: { id: string | null; insuredPersonId: string; incidentDate: string },
): Promise<PriorClaim[]> {
  const day = parseIsoDay(claim.incidentDate);
  let query = trx
    .selectFrom('claims')
    .select(['id', 'claim_number', 'insured_person_id', 'incident_date', 'total_claimed_minor'])
    .where('policy_id', '=', policyId)
    .where('insured_person_id', '=', claim.insuredPersonId)
    .where('incident_date', '>=', formatIsoDay(day - NEAR_DAYS))
    .where('incident_date', '<=', formatIsoDay(day + NEAR_DAYS));
  if (claim.id !== null) query = query.where('id', '!=', claim.id);
  const claims = await query.orderBy('claim_number').execute();
  if (claims.length === 0) return [];
  const lines = await trx
    .selectFrom('claim_lines')
    .select(['claim_id', 'provider', 'service_date'])
    .where(
      'claim_id',
      'in',
      claims.map((c) => c.id),
    )
    .orderBy('claim_id')
    .orderBy('line_no')
    .execute();
  return claims.map((c) => {
    const own = lines.filter((l) => l.claim_id === c.id);
    return {
      id: c.id,
      claimNumber: c.claim_number,
      insuredPersonId: c.insured_person_id,
      incidentDate: c.incident_date,
      totalClaimedMinor: c.total_claimed_minor,
      providers: [...new Set(own.flatMap((l) => (l.provider ? [l.provider] : [])))],
      serviceDates: [...new Set(own.map((l) => l.service_date))],
    };
  });
}
