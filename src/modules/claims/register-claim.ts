import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { numberYear } from '../../db/number-year.ts';
import { nextNumber } from '../../db/numbers.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { todayIn } from '../../lib/dates.ts';
import { AppError, type FieldError, fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { runAssessment } from '../assessment-store/index.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { linkCallToClaim } from '../calls/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { acknowledgeClaim } from './acknowledge-claim.ts';
import { type ClaimView, type NewClaim, NewClaimSchema, toClaimView } from './claim-schemas.ts';
import { routeAssessedClaim } from './route-assessed-claim.ts';

const EXTERNAL_REF_SCOPE = 'claims.external_ref';

export type RegisterClaimResult = { claim: ClaimView; replayed: boolean };

/**
 * Registers a claim with its lines, in one transaction with its audit event and a readable number.
 * Retries are safe twice over: an `Idempotency-Key` (per actor) and the sender's `externalRef`
 * (global) each return the first claim instead of creating another. Data checks here are the ones
 * that make a claim impossible to register; whether it is *covered* is the assessment's job, which
 * runs in the same transaction: a clean claim under the product's threshold is decided straight
 * through, anything else goes to the representatives' queue with the recommendation.
 */
export async function registerClaim(opts: {
  db: Executor;
  actor: Actor;
  input: NewClaim;
  idempotencyKey?: string | undefined;
}): Promise<RegisterClaimResult> {
  const { actor } = opts;
  assertCan(actor, 'claims:create');
  const isCustomer = actor.kind === 'user' && actor.role === 'customer';
  // A customer files only for themselves, and always through the portal.
  const parsed = parseInput(NewClaimSchema, opts.input);
  // Registered during a phone call: that is its channel (the call is linked below).
  const input: NewClaim = isCustomer
    ? { ...parsed, channel: 'portal' }
    : parsed.callId
      ? { ...parsed, channel: 'phone' }
      : parsed;
  if (isCustomer && actor.customerId !== input.customerId) {
    throw fieldError('customer_not_found', ['customerId'], 'You can only file claims for yourself.');
  }
  if (isCustomer && input.callId) {
    // The call log is staff's; a customer cannot name a call.
    throw fieldError('call_link_invalid', ['callId'], 'No call with this id belongs to you.');
  }

  const hash = requestHash(input);
  const keys: IdempotencyKey[] = [];
  if (opts.idempotencyKey)
    keys.push({ scope: `claims.register:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey });
  if (input.externalRef) keys.push({ scope: EXTERNAL_REF_SCOPE, key: input.externalRef });

  return inTransaction(opts.db, async (trx) => {
    for (const [i, key] of keys.entries()) {
      const replay = await claimIdempotencyKey<ClaimView>(trx, key, hash, () =>
        key.scope === EXTERNAL_REF_SCOPE
          ? fieldError(
              'external_ref_exists',
              ['externalRef'],
              `A different claim was already registered with externalRef "${key.key}".`,
              'duplicate',
            )
          : new AppError(
              'idempotency_key_reused',
              `The Idempotency-Key "${key.key}" was already used for a different request.`,
            ),
      );
      if (replay) {
        // Keys claimed just above (a new Idempotency-Key before a known externalRef) must store the
        // replayed claim, or a retry with that key would find an empty placeholder.
        for (const earlier of keys.slice(0, i))
          await storeIdempotentResponse(trx, earlier, replay.status, replay.body);
        return { claim: replay.body, replayed: true };
      }
    }
    // The bulk path records externalRef on the claim only (not in idempotency_keys), so a claim it
    // registered is found here; a resend through this path must not collide with it.
    if (input.externalRef) {
      const existing = await trx
        .selectFrom('claims')
        .select('claim_number')
        .where('external_ref', '=', input.externalRef)
        .executeTakeFirst();
      if (existing) {
        throw new AppError(
          'external_ref_exists',
          `Claim ${existing.claim_number} was already registered with externalRef "${input.externalRef}".`,
          {
            errors: [
              {
                in: 'body',
                path: ['externalRef'],
                code: 'duplicate',
                message: `Already used by ${existing.claim_number}.`,
              },
            ],
            extra: { claimNumber: existing.claim_number },
          },
        );
      }
    }

    const customer = await trx
      .selectFrom('customers')
      .select(['id', 'time_zone'])
      .where('id', '=', input.customerId)
      .executeTakeFirst();
    if (!customer) throw fieldError('customer_not_found', ['customerId'], 'No customer with this id.');
    const policy = await trx
      .selectFrom('policies')
      .select(['id', 'customer_id', 'currency'])
      .where('id', '=', input.policyId)
      .executeTakeFirst();
    // A customer probing someone else's policy id learns only that it is not theirs to use.
    if (!policy || (isCustomer && policy.customer_id !== input.customerId)) {
      throw fieldError('policy_not_found', ['policyId'], 'No policy with this id.');
    }
    if (policy.customer_id !== input.customerId) {
      throw fieldError('policy_not_of_customer', ['policyId'], 'This policy belongs to another customer.');
    }
    let personQuery = trx
      .selectFrom('policy_insured_persons')
      .select('id')
      .where('policy_id', '=', policy.id);
    personQuery = input.insuredPersonId
      ? personQuery.where('id', '=', input.insuredPersonId)
      : personQuery.where('relation', '=', 'holder');
    const person = await personQuery.executeTakeFirst();
    if (!person)
      throw fieldError(
        'insured_person_not_on_policy',
        ['insuredPersonId'],
        'This person is not insured by the policy.',
      );

    const errors = checkClaimData(input, policy.currency, todayIn(customer.time_zone));
    if (errors.length > 0) {
      const code = errors.some((e) => e.code === 'currency_mismatch')
        ? 'claim_currency_mismatch'
        : 'claim_date_invalid';
      throw new AppError(code, errors.map((e) => e.message).join(' '), { errors });
    }

    const id = newId();
    const total = input.lines.reduce((sum, l) => sum + l.amountMinor, 0);
    if (!Number.isSafeInteger(total))
      throw fieldError(
        'validation_failed',
        ['lines'],
        'The line amounts add up to more than can be represented.',
      );
    const row = await trx
      .insertInto('claims')
      .values({
        id,
        claim_number: await nextNumber(trx, 'CLM', numberYear()),
        customer_id: input.customerId,
        policy_id: policy.id,
        insured_person_id: person.id,
        status: 'registered',
        channel: input.channel,
        incident_date: input.incidentDate,
        description: input.description,
        currency: policy.currency,
        total_claimed_minor: total,
        external_ref: input.externalRef ?? null,
        registered_by: actorId(actor),
        cause: input.cause ?? null,
        incident_country: input.incidentCountry ?? null,
        pre_existing_condition: input.preExistingCondition ?? false,
        documents: [...new Set(input.documents ?? [])].sort(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const callEvents = input.callId
      ? await linkCallToClaim(trx, { callId: input.callId, claimId: id, customerId: input.customerId, actor })
      : [];
    const lines = await trx
      .insertInto('claim_lines')
      .values(
        input.lines.map((l, i) => ({
          id: newId(),
          claim_id: id,
          customer_id: input.customerId,
          line_no: i + 1,
          benefit_code: l.benefitCode,
          description: l.description,
          service_date: l.serviceDate,
          amount_minor: l.amountMinor,
          currency: l.currency,
          provider: l.provider ?? null,
          days: l.days ?? null,
        })),
      )
      .returningAll()
      .execute();
    const run = await runAssessment(trx, { claimId: id, policyId: policy.id, trigger: 'registration' });
    const routed = await routeAssessedClaim(trx, { claim: row, run, actor, askForMissing: true });
    // A claim not decided at once is acknowledged in writing (one decided straight through gets
    // its decision instead, which says the same and more).
    if (!run.decision) await acknowledgeClaim(trx, row);
    await recordAuditEvents(trx, input.customerId, [
      {
        actor,
        action: 'claim.registered',
        entityType: 'claim',
        entityId: id,
        customerId: input.customerId,
        data: {
          claimNumber: row.claim_number,
          channel: input.channel,
          totalClaimedMinor: total,
          currency: policy.currency,
        },
      },
      ...callEvents,
      ...run.events,
      ...routed,
    ]);
    const current = await trx.selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const claim = toClaimView(current, lines, { assessment: run.stored, decision: run.decision });
    for (const key of keys) await storeIdempotentResponse(trx, key, 201, claim);
    return { claim, replayed: false };
  });
}

/** Impossible data: amounts in another currency than the policy's, dates after today. */
export function checkClaimData(input: NewClaim, policyCurrency: string, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (input.incidentDate > today) {
    errors.push({
      in: 'body',
      path: ['incidentDate'],
      code: 'in_future',
      message: `The incident date ${input.incidentDate} is after today (${today}).`,
    });
  }
  input.lines.forEach((l, i) => {
    if (l.currency !== policyCurrency) {
      errors.push({
        in: 'body',
        path: ['lines', i, 'currency'],
        code: 'currency_mismatch',
        message: `Line ${i + 1} is in ${l.currency}; the policy pays in ${policyCurrency}.`,
      });
    }
    if (l.serviceDate > today) {
      errors.push({
        in: 'body',
        path: ['lines', i, 'serviceDate'],
        code: 'in_future',
        message: `Line ${i + 1} has a service date after today.`,
      });
    }
  });
  return errors;
}
