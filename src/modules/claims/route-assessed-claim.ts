import type { Transaction } from 'kysely';
import type { DB, InformationItem } from '../../db/schema.ts';
import { ASSESSMENT_ACTOR } from '../assessment-store/assessment-events.ts';
import type { AssessmentRun } from '../assessment-store/index.ts';
import type { AuditInput } from '../audit/index.ts';
import { notifyCustomerOfDecision } from '../decisions/notify-customer-of-decision.ts';
import { informationTerms, openInformationRequest } from '../information-requests/index.ts';
import type { Actor } from '../users/actor.ts';
import { closeClaimWork, openClaimWork } from '../work/claim-work.ts';

/**
 * What happens to a claim after an assessment: decided straight through → it leaves the queues;
 * otherwise it is in a queue with its clocks running, and when the assessment found documents
 * missing, the assessment itself asks the customer for them (the claim then waits, clocks paused).
 */
export async function routeAssessedClaim(
  trx: Transaction<DB>,
  opts: {
    claim: { id: string; claim_number: string; customer_id: string };
    run: AssessmentRun;
    actor: Actor;
    /** Ask for missing documents automatically (registration); a person decides on later runs. */
    askForMissing: boolean;
  },
): Promise<AuditInput[]> {
  const { claim, run } = opts;
  if (run.decision) {
    // Decided straight through: the customer gets the same decision notice (and letter) as for a
    // decision by a person.
    await notifyCustomerOfDecision(trx, claim, run.decision);
    return closeClaimWork(trx, { claimId: claim.id, actor: opts.actor, reason: 'Decided straight through.' });
  }
  const events = await openClaimWork(trx, {
    claimId: claim.id,
    actor: opts.actor,
    reason: `Needs a person: the assessment recommends ${run.result.recommendation}.`,
  });
  if (
    opts.askForMissing &&
    run.result.recommendation === 'request_information' &&
    run.result.missing.length > 0
  ) {
    const documents = [...new Set(run.result.missing.map((m) => m.document))].sort();
    const items: InformationItem[] = documents.map((document) => ({ kind: 'document', document }));
    const { events: asked } = await openInformationRequest(trx, {
      claim,
      items,
      terms: informationTerms(run.productConfig),
      actor: ASSESSMENT_ACTOR,
      partOfRegistration: true,
    });
    events.push(...asked);
  }
  return events;
}
