import type { Transaction } from 'kysely';
import type { DB, InboundMessageRow } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { readDocumentBytes, type StoredDocument, storeDocument } from '../documents/index.ts';
import type { Actor } from '../users/actor.ts';

// Steps shared by the ways a person sorts a message out of triage (assign, open a claim).

/**
 * The message, locked: two people sorting the same message run one after the other, and the
 * second gets a version conflict (or "not in triage") instead of a second link.
 */
export async function lockTriageMessage(
  trx: Transaction<DB>,
  id: string,
  version: number,
): Promise<InboundMessageRow> {
  const row = await trx
    .selectFrom('inbound_messages')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such inbound message.');
  if (row.version !== version) {
    throw new AppError('version_conflict', `The message is at version ${row.version}, not ${version}.`, {
      extra: { currentVersion: row.version },
    });
  }
  if (row.status !== 'triage') {
    throw new AppError(
      'inbound_not_in_triage',
      row.status === 'rejected'
        ? 'The message was rejected as malformed; it cannot be linked.'
        : 'The message is already linked; it is no longer in triage.',
      { extra: { status: row.status, claimId: row.claim_id, caseId: row.case_id } },
    );
  }
  return row;
}

/**
 * The message's documents become the customer's, and are copied to the claim or case it is now
 * about (the same bytes: the store keeps one file; each record has its own document row).
 */
export async function fileMessageDocuments(
  trx: Transaction<DB>,
  opts: {
    message: InboundMessageRow;
    customerId: string;
    target: { entityType: 'claim' | 'service_case'; entityId: string } | null;
    actor: Actor;
  },
): Promise<StoredDocument[]> {
  const own = await trx
    .updateTable('documents')
    .set({ customer_id: opts.customerId })
    .where('entity_type', '=', 'inbound_message')
    .where('entity_id', '=', opts.message.id)
    .returning(['id', 'filename', 'media_type', 'content', 'storage_key'])
    .execute();
  if (!opts.target) return [];
  const copies: StoredDocument[] = [];
  for (const d of own) {
    copies.push(
      await storeDocument(trx, {
        customerId: opts.customerId,
        entityType: opts.target.entityType,
        entityId: opts.target.entityId,
        filename: d.filename,
        content: await readDocumentBytes(trx, d),
        mediaType: d.media_type,
        source: opts.message.channel === 'letter' ? 'letter' : 'email',
        uploadedBy: null,
        actor: opts.actor,
      }),
    );
  }
  return copies;
}
