import type { Transaction } from 'kysely';
import type { ClaimAssessmentRow, DB } from '../../db/schema.ts';
import type { JobHandler } from '../../jobs/job-types.ts';
import type { Assessment } from '../assessment/index.ts';
import { loadAssessmentContext } from '../assessment-store/load-assessment-context.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { notifyCustomerOfDecision } from '../decisions/notify-customer-of-decision.ts';
import { createPaymentOrdersForDecision } from '../payments/index.ts';
import { systemActor } from '../users/actor.ts';
import { acknowledgeClaim } from './acknowledge-claim.ts';
import { routeAssessedClaim } from './route-assessed-claim.ts';

export const ROUTE_CLAIMS_JOB = 'claims.route';
/** Claims per routing job: one short transaction each (PGlite has one session for everything). */
export const ROUTE_CHUNK = 100;

const BULK_ACTOR = systemActor('bulk-intake');

/**
 * Finishes bulk-registered claims as registration finishes one claim: one waiting for a person is
 * routed (work item, clocks, the assessment's request for missing documents) and acknowledged to
 * the customer; one decided straight through gets its payment order and is told to the customer
 * with the decision notice.
 * A claim already routed, or whose notice exists (the notices' dedupe keys), is left alone, so a
 * rerun changes nothing; a claim withdrawn meanwhile is not touched.
 */
export const routeClaimsJob: JobHandler = async ({ trx, job }) => {
  const ids = job.payload.claimIds;
  if (!Array.isArray(ids)) throw new Error('claims.route: payload.claimIds must be an array');
  for (const id of ids) {
    if (typeof id === 'string') await routeOne(trx, id);
  }
};

async function routeOne(trx: Transaction<DB>, claimId: string): Promise<void> {
  const claim = await trx
    .selectFrom('claims')
    .selectAll()
    .where('id', '=', claimId)
    .forUpdate()
    .executeTakeFirst();
  if (!claim) return;
  if (claim.status === 'approved' || claim.status === 'partially_approved') {
    const decision = await trx
      .selectFrom('claim_decisions')
      .selectAll()
      .where('claim_id', '=', claimId)
      .where('superseded_at', 'is', null)
      .where('straight_through', '=', true)
      .executeTakeFirst();
    if (decision) {
      // The bulk path writes decisions set-based and leaves the payment order to this job (one
      // order per decision: createPaymentOrdersForDecision returns the existing one on a rerun).
      const payments = await createPaymentOrdersForDecision(trx, { decision, actor: BULK_ACTOR });
      await notifyCustomerOfDecision(trx, claim, decision);
      await recordAuditEvents(trx, claim.customer_id, payments.events);
    }
    return;
  }
  if (claim.status !== 'in_review') return;
  const routed = await trx
    .selectFrom('work_items')
    .select('id')
    .where('kind', '=', 'claim')
    .where('subject_id', '=', claimId)
    .executeTakeFirst();
  if (routed) return;
  const stored = (await trx
    .selectFrom('claim_assessments')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow()) as ClaimAssessmentRow;
  const context = await loadAssessmentContext(trx, claimId);
  const events = await routeAssessedClaim(trx, {
    claim,
    run: {
      stored,
      result: stored.result as Assessment,
      productConfig: context.product.config,
      decision: null,
      events: [],
    },
    actor: BULK_ACTOR,
    askForMissing: true,
  });
  await acknowledgeClaim(trx, claim);
  await recordAuditEvents(trx, claim.customer_id, events);
}
