import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { runAssessment } from '../assessment-store/index.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { applyInformationAnswer } from '../information-requests/answer-information-request.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type ClaimView, type DocumentsReceived, DocumentsReceivedSchema } from './claim-schemas.ts';
import { findClaimRow } from './find-claims.ts';
import { loadClaimView } from './load-claim-views.ts';
import { routeAssessedClaim } from './route-assessed-claim.ts';

const UNDECIDED = new Set(['registered', 'in_review', 'awaiting_information', 'appealed']);

/**
 * Records kinds of documents received for an undecided claim (added to those already there) and
 * re-assesses it: if it is now clean and under the product's threshold it is decided straight
 * through. `version` is always compared: a retry of a request that went through carries the version
 * it used up and is refused (409 version_conflict); kinds already recorded, sent at the current
 * version, change nothing.
 */
export async function recordDocumentsReceived(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
  input: DocumentsReceived;
}): Promise<ClaimView> {
  const { actor } = opts;
  assertCan(actor, 'claims:create');
  const input = parseInput(DocumentsReceivedSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const claim = await findClaimRow(trx, actor, opts.ref, { forUpdate: true });
    if (!UNDECIDED.has(claim.status)) {
      throw new AppError('claim_already_decided', `Claim ${claim.claim_number} is already ${claim.status}.`, {
        extra: { claimNumber: claim.claim_number, status: claim.status },
      });
    }
    if (input.version !== claim.version) {
      throw new AppError(
        'version_conflict',
        `Claim ${claim.claim_number} is at version ${claim.version}, not ${input.version}.`,
        { extra: { currentVersion: claim.version } },
      );
    }
    const added = [...new Set(input.documents)].filter((d) => !claim.documents.includes(d)).sort();
    if (added.length === 0) return loadClaimView(trx, claim);
    if (claim.status === 'awaiting_information') {
      // Documents for a claim that waits on the customer are their answer, whichever way they came.
      const isCustomer = actor.kind === 'user' && actor.role === 'customer';
      const { events } = await applyInformationAnswer(trx, {
        claim,
        answer: { channel: isCustomer ? 'portal' : 'letter', documents: added, answers: [] },
        actor,
      });
      await recordAuditEvents(trx, claim.customer_id, events);
      return loadClaimView(trx, await findClaimRow(trx, actor, claim.id));
    }
    const documents = [...claim.documents, ...added].sort();
    await trx
      .updateTable('claims')
      .set((eb) => ({ documents, version: eb('version', '+', 1) }))
      .where('id', '=', claim.id)
      .execute();
    const run = await runAssessment(trx, {
      claimId: claim.id,
      policyId: claim.policy_id,
      trigger: 'documents_received',
    });
    await recordAuditEvents(trx, claim.customer_id, [
      {
        actor,
        action: 'claim.documents_received',
        entityType: 'claim',
        entityId: claim.id,
        customerId: claim.customer_id,
        data: { claimNumber: claim.claim_number, added, documents, version: claim.version + 1 },
      },
      ...run.events,
      ...(await routeAssessedClaim(trx, { claim, run, actor, askForMissing: false })),
    ]);
    const updated = await findClaimRow(trx, actor, claim.id);
    return loadClaimView(trx, updated);
  });
}
