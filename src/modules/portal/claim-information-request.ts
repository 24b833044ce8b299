import type { InformationItem } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import type { ClaimInformationRequest } from './portal-schemas.ts';

/**
 * The claim's latest request for information (open, or how the last one ended): what was asked —
 * documents by kind, questions in the representative's words — and the final day to answer.
 * The customer answers with POST /claims/{ref}/information-requests/answer.
 */
export async function getClaimInformationRequest(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<ClaimInformationRequest> {
  assertCan(opts.actor, 'claims:read');
  const claim = await findClaimRow(opts.db, opts.actor, opts.ref);
  const row = await opts.db
    .selectFrom('information_requests')
    .select(['id', 'status', 'items', 'due_on', 'created_at', 'answered_at'])
    .where('claim_id', '=', claim.id)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    claimNumber: claim.claim_number,
    request: row
      ? {
          id: row.id,
          status: row.status,
          items: row.items as InformationItem[],
          dueOn: String(row.due_on).slice(0, 10),
          createdAt: row.created_at.toISOString(),
          answeredAt: row.answered_at?.toISOString() ?? null,
        }
      : null,
  };
}
