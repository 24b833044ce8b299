import type { Language } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { validateNationalId } from '../../lib/national-id/index.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { registerClaim } from '../claims/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { toClaimResponse } from './claim-response.ts';
import { loadFhirClaimState } from './load-fhir-claim-state.ts';
import { fhirPathFor, type MappedFhirClaim, mapFhirClaim } from './map-fhir-claim.ts';
import { validateFhirResource } from './validate-fhir.ts';

export type SubmitFhirClaimResult = {
  status: 200 | 201;
  replayed: boolean;
  claimId: string;
  claimResponse: Record<string, unknown>;
};

/** The FHIR interface is for staff integrations (an API token of a claims user), not the portal. */
function assertStaffIntegration(actor: Actor): void {
  assertCan(actor, 'claims:create');
  if (actor.kind === 'user' && actor.role === 'customer') {
    throw new AppError(
      'forbidden',
      'The FHIR interface is for staff integrations; customers file in the portal.',
    );
  }
}

const notFound = (
  code: 'policy_not_found' | 'customer_not_found',
  path: FieldError['path'],
  message: string,
) => new AppError(code, message, { errors: [{ in: 'body', path, code: 'not-found', message }] });

/** The policy by number and the insured person the patient is on it (null: the holder). */
async function resolveParties(db: Executor, mapped: MappedFhirClaim) {
  const coverageAt = ['insurance', 0, 'coverage'];
  const policy = await db
    .selectFrom('policies')
    .select(['id', 'customer_id', 'policy_number'])
    .where('policy_number', '=', mapped.policyNumber)
    .executeTakeFirst();
  if (!policy) throw notFound('policy_not_found', coverageAt, `No policy ${mapped.policyNumber}.`);

  const p = mapped.patient;
  let query = db.selectFrom('customers').select('id').where('erased_at', 'is', null);
  if (p.kind === 'customer_number') query = query.where('customer_number', '=', p.value);
  else {
    const nid = validateNationalId(p.country, p.value);
    if (!nid.ok) {
      throw new AppError('fhir_claim_unprocessable', nid.message, {
        errors: [{ in: 'body', path: ['patient'], code: 'value', message: nid.message }],
      });
    }
    query = query
      .where('national_id_country', '=', p.country)
      .where('national_id', '=', nid.value.normalized);
  }
  const customer = await query.executeTakeFirst();
  if (!customer) throw notFound('customer_not_found', ['patient'], 'No customer matches the patient.');
  if (customer.id === policy.customer_id) return { policy, insuredPersonId: undefined };
  const person = await db
    .selectFrom('policy_insured_persons')
    .select('id')
    .where('policy_id', '=', policy.id)
    .where('person_customer_id', '=', customer.id)
    .executeTakeFirst();
  if (!person) {
    const message = `The patient is not insured by policy ${policy.policy_number}.`;
    throw new AppError('insured_person_not_on_policy', message, {
      errors: [{ in: 'body', path: ['patient'], code: 'business-rule', message }],
    });
  }
  return { policy, insuredPersonId: person.id };
}

/** registerClaim speaks of NewClaim fields; the sender knows its FHIR elements. */
function inFhirTerms(error: AppError, mapped: MappedFhirClaim): AppError {
  if (error.errors.length === 0) return error;
  return new AppError(error.code, error.message, {
    errors: error.errors.map((e) =>
      e.in === undefined || e.in === 'body' ? { ...e, path: fhirPathFor(mapped.sources, e.path) } : e,
    ),
    extra: error.extra,
    cause: error,
  });
}

/**
 * A FHIR R4 Claim in, our claim registered (and assessed) through the claims module's own use
 * case, and its ClaimResponse out. Idempotent twice over, as registerClaim is: on Claim.identifier
 * (our externalRef `system|value`) and on the Idempotency-Key; a Claim with neither is refused,
 * because its retry could not be recognised.
 */
export async function submitFhirClaim(opts: {
  db: Executor;
  actor: Actor;
  resource: unknown;
  idempotencyKey?: string | undefined;
  language: Language | null;
}): Promise<SubmitFhirClaimResult> {
  const { actor } = opts;
  assertStaffIntegration(actor);
  const invalid = validateFhirResource(opts.resource, 'Claim');
  if (invalid.length > 0) {
    throw new AppError(
      'validation_failed',
      `The FHIR Claim does not validate against the FHIR R4 schema (${invalid.length} problem${invalid.length === 1 ? '' : 's'}).`,
      {
        errors: invalid.map((i) => ({
          in: 'body',
          path: i.path ?? [],
          code: i.code,
          message: i.diagnostics,
        })),
      },
    );
  }
  const result = mapFhirClaim(opts.resource as Record<string, unknown>);
  const issues = result.ok ? [] : [...result.issues];
  if (result.ok && !result.value.identifier && !opts.idempotencyKey) {
    issues.push({
      in: 'body',
      path: ['identifier'],
      code: 'required',
      message:
        'Give Claim.identifier (system and value) or an Idempotency-Key, so that a retry is recognised.',
    });
  }
  if (!result.ok || issues.length > 0) {
    throw new AppError(
      'fhir_claim_unprocessable',
      `The FHIR Claim cannot be registered (${issues.length} problem${issues.length === 1 ? '' : 's'}).`,
      { errors: issues },
    );
  }
  const mapped = result.value;

  const registered = await inTransaction(opts.db, async (trx) => {
    const { policy, insuredPersonId } = await resolveParties(trx, mapped);
    let outcome: Awaited<ReturnType<typeof registerClaim>>;
    try {
      outcome = await registerClaim({
        db: trx,
        actor,
        input: {
          ...mapped.claim,
          customerId: policy.customer_id,
          policyId: policy.id,
          ...(insuredPersonId ? { insuredPersonId } : {}),
        },
        idempotencyKey: opts.idempotencyKey,
      });
    } catch (error) {
      throw error instanceof AppError ? inFhirTerms(error, mapped) : error;
    }
    if (!outcome.replayed) {
      const claimId = outcome.claim.id;
      await trx
        .insertInto('fhir_claims')
        .values({
          claim_id: claimId,
          customer_id: policy.customer_id,
          identifier_system: mapped.identifier?.system ?? null,
          identifier_value: mapped.identifier?.value ?? null,
          claim_type: JSON.stringify(mapped.claimType),
          provider: JSON.stringify(mapped.provider),
          item_sequences: mapped.itemSequences,
          language: mapped.language,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await recordAuditEvents(trx, policy.customer_id, [
        {
          actor,
          action: 'claim.fhir_received',
          entityType: 'claim',
          entityId: claimId,
          customerId: policy.customer_id,
          data: { claimNumber: outcome.claim.claimNumber, identifier: mapped.identifier },
        },
      ]);
    }
    return outcome;
  });

  const state = await loadFhirClaimState(opts.db, { claimId: registered.claim.id, language: opts.language });
  if (!state) throw new Error(`FHIR: claim ${registered.claim.id} vanished after registration`);
  return {
    status: registered.replayed ? 200 : 201,
    replayed: registered.replayed,
    claimId: registered.claim.id,
    claimResponse: toClaimResponse(state),
  };
}
