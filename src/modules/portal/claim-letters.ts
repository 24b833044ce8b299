import type { Executor } from '../../db/transaction.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import type { ClaimLetter } from './portal-schemas.ts';

/**
 * The letters sent about a claim that have a PDF (every paper letter, and an email that carried
 * one, e.g. a decision), newest first. Staff read any claim's; a customer only their own (404
 * otherwise). The outbox itself stays staff's (outbox:read): this lists only the claim's own
 * customer's deliveries, and the PDF is fetched as a document, whose access rule already lets the
 * letter's customer read it.
 */
export async function listClaimLetters(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<{ claimNumber: string; items: ClaimLetter[] }> {
  assertCan(opts.actor, 'claims:read');
  const claim = await findClaimRow(opts.db, opts.actor, opts.ref);
  const rows = await opts.db
    .selectFrom('deliveries')
    .innerJoin('notifications', 'notifications.id', 'deliveries.notification_id')
    .innerJoin('documents', 'documents.id', 'deliveries.document_id')
    .select([
      'deliveries.id as deliveryId',
      'documents.id as documentId',
      'documents.filename',
      'deliveries.channel',
      'deliveries.template',
      'deliveries.subject',
      'deliveries.language',
      'deliveries.created_at',
    ])
    .where('notifications.entity_type', '=', 'claim')
    .where('notifications.entity_id', '=', claim.id)
    .where('deliveries.customer_id', '=', claim.customer_id)
    .orderBy('deliveries.created_at', 'desc')
    .orderBy('deliveries.id', 'desc')
    .limit(100)
    .execute();
  return {
    claimNumber: claim.claim_number,
    items: rows.map(({ created_at, ...r }) => ({ ...r, createdAt: created_at.toISOString() })),
  };
}
