import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayIn } from '../../lib/dates.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { AssessmentInput } from '../assessment/index.ts';
import { loadPolicyTerms } from '../assessment-store/index.ts';
import type { NewClaim } from '../claims/index.ts';
import { checkClaimData } from '../claims/register-claim.ts';
import type { DocumentKind } from '../products/product-config-schema.ts';

/**
 * The engine's input for a claim that is not registered yet, read in the caller's (read-only)
 * transaction. It is what assessment-store's loadAssessmentContext would read back had the draft
 * just been registered: the same customer, policy and insured-person checks as registration
 * (so a draft that could not be registered says why, at the same field paths), the product
 * version in force on the date of loss, the premium state then, the policy's accumulators and its
 * claims on file (for duplicates). "Registered on" is today in the customer's zone.
 */
export async function loadDraftContext(
  trx: Transaction<DB>,
  opts: { input: NewClaim; isCustomer: boolean },
): Promise<AssessmentInput> {
  const { input, isCustomer } = opts;
  const customer = await trx
    .selectFrom('customers')
    .select(['id', 'time_zone', 'preferred_language'])
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer) throw fieldError('customer_not_found', ['customerId'], 'No customer with this id.');
  const policy = await trx
    .selectFrom('policies')
    .selectAll()
    .where('id', '=', input.policyId)
    .executeTakeFirst();
  // As at registration: a customer probing someone else's policy learns only that it is not theirs.
  if (!policy || (isCustomer && policy.customer_id !== input.customerId)) {
    throw fieldError('policy_not_found', ['policyId'], 'No policy with this id.');
  }
  if (policy.customer_id !== input.customerId) {
    throw fieldError('policy_not_of_customer', ['policyId'], 'This policy belongs to another customer.');
  }
  let personQuery = trx
    .selectFrom('policy_insured_persons')
    .select(['id', 'birth_date'])
    .where('policy_id', '=', policy.id);
  personQuery = input.insuredPersonId
    ? personQuery.where('id', '=', input.insuredPersonId)
    : personQuery.where('relation', '=', 'holder');
  const person = await personQuery.executeTakeFirst();
  if (!person) {
    throw fieldError(
      'insured_person_not_on_policy',
      ['insuredPersonId'],
      'This person is not insured by the policy.',
    );
  }
  const today = todayIn(customer.time_zone);
  const errors = checkClaimData(input, policy.currency, today);
  if (errors.length > 0) {
    const code = errors.some((e) => e.code === 'currency_mismatch')
      ? 'claim_currency_mismatch'
      : 'claim_date_invalid';
    throw new AppError(code, errors.map((e) => e.message).join(' '), { errors });
  }
  const total = input.lines.reduce((sum, l) => sum + l.amountMinor, 0);
  if (!Number.isSafeInteger(total)) {
    throw fieldError(
      'validation_failed',
      ['lines'],
      'The line amounts add up to more than can be represented.',
    );
  }

  const terms = await loadPolicyTerms(trx, policy, {
    id: null,
    insuredPersonId: person.id,
    incidentDate: input.incidentDate,
  });
  return {
    claim: {
      // Never stored: an id only so that the engine can tell this claim from those on file.
      id: newId(),
      customerId: input.customerId,
      insuredPersonId: person.id,
      insuredBirthDate: person.birth_date,
      incidentDate: input.incidentDate,
      registeredOn: today,
      currency: policy.currency,
      totalClaimedMinor: total,
      cause: input.cause ?? null,
      incidentCountry: input.incidentCountry ?? null,
      preExistingCondition: input.preExistingCondition ?? false,
      documents: [...new Set(input.documents ?? [])].sort() as DocumentKind[],
      lines: input.lines.map((l, i) => ({
        lineNo: i + 1,
        benefitCode: l.benefitCode,
        serviceDate: l.serviceDate,
        amountMinor: l.amountMinor,
        currency: l.currency,
        provider: l.provider ?? null,
        days: l.days ?? null,
      })),
    },
    ...terms,
    language: customer.preferred_language,
  };
}
