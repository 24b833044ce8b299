import type { Transaction } from 'kysely';
import type { DB, InboundMessageRow, Language } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { caseOwner, transitionCaseInTransaction } from '../cases/index.ts';
import { type StoredDocument, storeDocument } from '../documents/index.ts';
import { notify } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { openTriageWork } from '../work/triage-work.ts';
import type { AttachmentVerdict } from './attachment-policy.ts';
import { countryOfAddress, countryOfLanguage } from './guess-language.ts';
import { inboundReference } from './inbound-schemas.ts';

// What a stored inbound message does, in the intake's transaction: its documents are filed where
// it belongs, and the people who must know are told. On a case it is the customer writing on the
// case; on a claim its documents join the claim and the owner hears of it; otherwise it is work
// for triage. Each returns the audit events for the caller to append.

type Accepted = Extract<AttachmentVerdict, { ok: true }>;

/** Files the accepted attachments on a record (the message itself, a claim or a case). */
export async function fileAttachments(
  trx: Transaction<DB>,
  opts: {
    attachments: readonly Accepted[];
    customerId: string | null;
    entityType: 'inbound_message' | 'claim' | 'service_case';
    entityId: string;
    source?: 'email' | 'letter';
    actor: Actor;
  },
): Promise<StoredDocument[]> {
  const stored: StoredDocument[] = [];
  for (const a of opts.attachments) {
    stored.push(
      await storeDocument(trx, {
        customerId: opts.customerId,
        entityType: opts.entityType,
        entityId: opts.entityId,
        filename: a.filename,
        content: a.content,
        // Already read from the bytes by the attachment policy (the same detector the store uses).
        mediaType: a.mediaType,
        source: opts.source ?? 'email',
        uploadedBy: null,
        actor: opts.actor,
      }),
    );
  }
  return stored;
}

/**
 * The customer wrote on a case by email: a customer message on the case with the documents, the
 * case back to in_progress if it waited for them (or was resolved: they say it is not solved),
 * and its owner told. A closed or withdrawn case takes no messages: the caller sends it to triage.
 */
export async function postEmailOnCase(
  trx: Transaction<DB>,
  opts: { message: InboundMessageRow; caseId: string; documentIds: string[]; actor: Actor; now: Date },
): Promise<AuditInput[]> {
  const { message } = opts;
  const c = await trx
    .selectFrom('service_cases')
    .selectAll()
    .where('id', '=', opts.caseId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const body = [message.subject, message.body_text].filter(Boolean).join('\n\n').trim() || '(empty email)';
  const posted = await trx
    .insertInto('case_messages')
    .values({
      id: newId(),
      case_id: c.id,
      customer_id: c.customer_id,
      author_kind: 'customer',
      author_user_id: null,
      visibility: 'customer',
      body: body.slice(0, 10_000),
      document_ids: opts.documentIds,
      created_at: opts.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const events: AuditInput[] = [
    {
      actor: opts.actor,
      action: 'case.message_posted',
      entityType: 'service_case',
      entityId: c.id,
      customerId: c.customer_id,
      data: {
        caseNumber: c.case_number,
        messageId: posted.id,
        authorKind: 'customer',
        visibility: 'customer',
        documentIds: opts.documentIds,
        channel: message.channel,
        inboundMessageId: message.id,
      },
    },
  ];
  let version = c.version;
  if (c.status === 'awaiting_customer' || c.status === 'resolved') {
    const moved = await transitionCaseInTransaction(trx, {
      caseId: c.id,
      to: 'in_progress',
      actor: opts.actor,
      reason:
        c.status === 'resolved'
          ? 'The customer wrote after the resolution: reopened.'
          : 'The customer answered by email.',
      now: opts.now,
    });
    version = moved.serviceCase.version;
    events.push(...moved.events);
  } else {
    const bumped = await trx
      .updateTable('service_cases')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: opts.now }))
      .where('id', '=', c.id)
      .returning('version')
      .executeTakeFirstOrThrow();
    version = bumped.version;
  }
  const ownerId = await caseOwner(trx, c.id);
  if (ownerId) {
    await notify(trx, {
      audience: 'staff',
      userId: ownerId,
      customerId: c.customer_id,
      kind: 'case.customer_replied',
      language: await localeOf(trx, ownerId),
      params: { reference: c.case_number },
      entityType: 'service_case',
      entityId: c.id,
      dedupeKey: `case:${c.id}:customer_wrote:v${version}`,
    });
  }
  return events;
}

/**
 * The customer emailed about a claim: its documents are already on the claim; the owner is told,
 * and told differently while a request for information is open, because a person decides whether
 * the email answers it (it is never taken as the answer automatically).
 */
export async function tellClaimOwner(
  trx: Transaction<DB>,
  opts: { message: InboundMessageRow; claimId: string; documents: number },
): Promise<void> {
  const claim = await trx
    .selectFrom('claims')
    .leftJoin('work_items', (j) =>
      j.onRef('work_items.subject_id', '=', 'claims.id').on('work_items.kind', '=', 'claim'),
    )
    .select(['claims.claim_number', 'claims.customer_id', 'work_items.owner_id'])
    .where('claims.id', '=', opts.claimId)
    .executeTakeFirstOrThrow();
  if (!claim.owner_id) return;
  const open = await trx
    .selectFrom('information_requests')
    .select('id')
    .where('claim_id', '=', opts.claimId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  await notify(trx, {
    audience: 'staff',
    userId: claim.owner_id,
    customerId: claim.customer_id,
    kind: open ? 'inbound.claim_email_request_open' : 'inbound.claim_email',
    language: await localeOf(trx, claim.owner_id),
    params: {
      reference: claim.claim_number,
      from: opts.message.from_address ?? '?',
      attachments: opts.documents,
    },
    entityType: 'inbound_message',
    entityId: opts.message.id,
    dedupeKey: `inbound:${opts.message.id}:claim-owner`,
  });
}

/**
 * Nobody matched (or only the customer is known): the message waits in triage, with the team of
 * the customer's country when the customer is known, else of the language or the sender's domain.
 */
export async function sendToTriage(
  trx: Transaction<DB>,
  opts: { message: InboundMessageRow; actor: Actor; now: Date },
): Promise<AuditInput[]> {
  const { message } = opts;
  const customer = message.customer_id
    ? await trx
        .selectFrom('customers')
        .select('country')
        .where('id', '=', message.customer_id)
        .executeTakeFirst()
    : undefined;
  const country =
    customer?.country === 'SE' || customer?.country === 'IT'
      ? customer.country
      : (countryOfLanguage(message.language) ?? countryOfAddress(message.from_address));
  const language: Language = message.language ?? (country === 'SE' ? 'sv' : country === 'IT' ? 'it' : 'en');
  const { events } = await openTriageWork(trx, {
    inboundMessageId: message.id,
    customerId: message.customer_id,
    reference: inboundReference(message.id),
    summary: [message.from_address, message.subject].filter(Boolean).join(': ') || '(no subject)',
    language,
    country,
    actor: opts.actor,
    now: opts.now,
  });
  return events;
}

async function localeOf(trx: Transaction<DB>, userId: string): Promise<Language> {
  const user = await trx.selectFrom('users').select('locale').where('id', '=', userId).executeTakeFirst();
  return user?.locale ?? 'en';
}
