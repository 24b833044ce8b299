import type { Kysely } from 'kysely';
import type { DB, Language } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { getClaim } from '../claims/index.ts';
import type { Actor } from '../users/actor.ts';
import type { FhirClaimState } from './claim-response.ts';
import { isPaid, toClaimResponse, toExplanationOfBenefit } from './claim-response.ts';
import { loadFhirClaimState } from './load-fhir-claim-state.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The claim behind a FHIR resource id (our claim id), as the actor may see it: the claims module's
 * own read decides (permission, customer and department scoping), so FHIR shows no more than
 * GET /claims/{ref}. The FHIR interface is for staff integrations: customers get 403.
 */
async function visibleState(opts: {
  db: Kysely<DB>;
  actor: Actor;
  id: string;
  language: Language | null;
}): Promise<FhirClaimState> {
  if (opts.actor.kind === 'user' && opts.actor.role === 'customer') {
    throw new AppError(
      'forbidden',
      'The FHIR interface is for staff integrations; customers use the portal.',
    );
  }
  if (!UUID.test(opts.id)) throw new AppError('not_found', `No ClaimResponse ${opts.id}.`);
  const claim = await getClaim({ db: opts.db, actor: opts.actor, ref: opts.id });
  const state = await loadFhirClaimState(opts.db, { claimId: claim.id, language: opts.language });
  if (!state) throw new AppError('not_found', `No ClaimResponse ${opts.id}.`);
  return state;
}

export async function getFhirClaimResponse(opts: {
  db: Kysely<DB>;
  actor: Actor;
  id: string;
  language: Language | null;
}): Promise<Record<string, unknown>> {
  return toClaimResponse(await visibleState(opts));
}

/** Only a paid claim has an ExplanationOfBenefit: before that, 404 with the reason. */
export async function getFhirExplanationOfBenefit(opts: {
  db: Kysely<DB>;
  actor: Actor;
  id: string;
  language: Language | null;
}): Promise<Record<string, unknown>> {
  const state = await visibleState(opts);
  if (!isPaid(state)) {
    throw new AppError(
      'not_found',
      `No ExplanationOfBenefit yet: claim ${state.claim.claimNumber} is ${state.claim.status}, not paid. ` +
        `GET /fhir/ClaimResponse/${state.claim.id} shows its current state.`,
    );
  }
  return toExplanationOfBenefit(state);
}
