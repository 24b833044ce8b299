import { type Kysely, sql } from 'kysely';
import type { DB, InboundMessageRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import {
  decodeKeysetCursor,
  encodeKeysetCursor,
  isDateText,
  isUuidText,
  keysetPage,
} from '../../lib/keyset-cursor.ts';
import { DOCUMENT_META_COLUMNS, toDocumentView } from '../documents/index.ts';
import { departmentScope, inboundInReach } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type InboundMessageSummary, type InboundMessageView, toInboundSummary } from './inbound-schemas.ts';

// Reading inbound messages: the triage list (oldest first: it is a queue, and the oldest waits
// longest) and one message with its documents, what was refused, and its triage item. Staff only.

// A department agent reads mail that came in about what their referrals reach (department-reach.ts).
const inboundLinks = {
  caseId: sql.ref('inbound_messages.case_id'),
  claimId: sql.ref('inbound_messages.claim_id'),
};

export async function listInboundMessages(opts: {
  db: Kysely<DB>;
  actor: Actor;
  status: InboundMessageRow['status'];
  customerId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ items: InboundMessageSummary[]; nextCursor: string | null }> {
  assertCan(opts.actor, 'inbound:read');
  let q = opts.db.selectFrom('inbound_messages').selectAll().where('status', '=', opts.status);
  const department = departmentScope(opts.actor);
  if (department !== null) q = q.where(inboundInReach(department, inboundLinks));
  if (opts.customerId) q = q.where('customer_id', '=', opts.customerId);
  if (opts.cursor) {
    const key = decodeInboundCursor(opts.cursor);
    q = q.where(
      sql<boolean>`(received_at, id) > (${new Date(key.receivedAt)}::timestamptz, ${key.id}::uuid)`,
    );
  }
  const rows = await q
    .orderBy('received_at')
    .orderBy('id')
    .limit(opts.limit + 1)
    .execute();
  return keysetPage(rows, opts.limit, toInboundSummary, (last) =>
    encodeKeysetCursor([last.received_at.toISOString(), last.id]),
  );
}

export async function getInboundMessage(opts: {
  db: Kysely<DB>;
  actor: Actor;
  id: string;
}): Promise<InboundMessageView> {
  assertCan(opts.actor, 'inbound:read');
  const row = await opts.db
    .selectFrom('inbound_messages')
    .selectAll()
    .where('id', '=', opts.id)
    .where((eb) => {
      const department = departmentScope(opts.actor);
      return department === null ? eb.val(true) : inboundInReach(department, inboundLinks);
    })
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such inbound message.');
  return loadInboundView(opts.db, row);
}

/** The full view of a row (in the caller's transaction when it has one). */
export async function loadInboundView(db: Executor, row: InboundMessageRow): Promise<InboundMessageView> {
  const [documents, claim, serviceCase, item] = await Promise.all([
    db
      .selectFrom('documents')
      .select(DOCUMENT_META_COLUMNS)
      .where('entity_type', '=', 'inbound_message')
      .where('entity_id', '=', row.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    row.claim_id
      ? db.selectFrom('claims').select('claim_number').where('id', '=', row.claim_id).executeTakeFirst()
      : undefined,
    row.case_id
      ? db.selectFrom('service_cases').select('case_number').where('id', '=', row.case_id).executeTakeFirst()
      : undefined,
    db
      .selectFrom('work_items')
      .select(['id', 'open', 'team', 'owner_id'])
      .where('kind', '=', 'triage')
      .where('subject_id', '=', row.id)
      .executeTakeFirst(),
  ]);
  const extracted = (row.extracted ?? {}) as Record<string, unknown>;
  const rejected = Array.isArray(extracted.rejectedAttachments) ? extracted.rejectedAttachments : [];
  return {
    ...toInboundSummary(row),
    toAddresses: row.to_addresses,
    bodyText: row.body_text,
    inReplyTo: row.in_reply_to,
    references: row.references_ids,
    claimNumber: claim?.claim_number ?? null,
    caseNumber: serviceCase?.case_number ?? null,
    extracted,
    rejectedAttachments: rejected as InboundMessageView['rejectedAttachments'],
    documents: documents.map(toDocumentView),
    triage: item ? { workItemId: item.id, open: item.open, team: item.team, ownerId: item.owner_id } : null,
    triagedBy: row.triaged_by,
    triagedAt: row.triaged_at?.toISOString() ?? null,
  };
}

function decodeInboundCursor(cursor: string): { receivedAt: string; id: string } {
  const [receivedAt, id] = decodeKeysetCursor(cursor, [isDateText, isUuidText]);
  return { receivedAt, id };
}
