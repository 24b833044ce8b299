import type { Transaction } from 'kysely';
import type { ClaimAssessmentRow, DB } from '../../db/schema.ts';
import type { JobHandler } from '../../jobs/job-types.ts';
import type { Assessment } from '../assessment/index.ts';
import { loadAssessmentContext } from '../assessment-store/load-assessment-context.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { systemActor } from '../users/actor.ts';
import { routeAssessedClaim } from './route-assessed-claim.ts';

export const ROUTE_CLAIMS_JOB = 'claims.route';
/** Claims per routing job: one short transaction each (PGlite has one session for everything). */
export const ROUTE_CHUNK = 100;

const BULK_ACTOR = systemActor('bulk-intake');

/**
 * Routes bulk-registered claims that wait for a person exactly as registration routes one claim
 * (work item, clocks, the assessment's request for missing documents). A claim no longer waiting
 * (decided or withdrawn meanwhile) or already routed is left alone, so a rerun changes nothing.
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
  if (claim?.status !== 'in_review') return;
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
  await recordAuditEvents(trx, claim.customer_id, events);
}
