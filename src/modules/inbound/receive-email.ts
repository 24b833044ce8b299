import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, InboundMatchRule, InboundMessageRow, InboundMessagesTable } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { type Actor, systemActor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { judgeAttachment, type RejectedAttachment } from './attachment-policy.ts';
import { extractReferences } from './extract-references.ts';
import { findMatchCandidates } from './find-candidates.ts';
import { guessLanguage } from './guess-language.ts';
import { type MatchInput, matchLookups, matchMessage } from './match-message.ts';
import { type MalformedEmail, type ParsedEmail, parseEmail } from './parse-email.ts';
import { fileAttachments, postEmailOnCase, sendToTriage, tellClaimOwner } from './thread-message.ts';

// The email intake: one raw message in, one inbound_messages row out, in ONE transaction with its
// documents, its threading (a case message, documents on a claim, or a triage item), the notices
// and the audit events. The SMTP server and the IMAP poller both call this and acknowledge the
// message (250, \Seen) only after it returns, i.e. after the commit: a crash before that makes the
// sender retry, and the retry finds either nothing (and does the work) or the committed row.
//
// Exactly once per Message-ID: the row is inserted first in the transaction, ON CONFLICT DO
// NOTHING on the unique index; a second delivery (or a concurrent one, which waits on the index
// until the first commits) writes nothing and reports the first row.

export type ReceivedEmail = {
  id: string;
  messageId: string;
  status: InboundMessageRow['status'];
  duplicate: boolean;
  matchRule: InboundMatchRule | null;
  customerId: string | null;
  claimId: string | null;
  caseId: string | null;
};

export type EmailEnvelope = { mailFrom: string | null; rcptTo: string[]; remoteAddress?: string | null };

export async function receiveEmail(opts: {
  db: Kysely<DB>;
  raw: Buffer;
  envelope?: EmailEnvelope;
  source?: 'smtp' | 'imap';
  actor?: Actor;
  now?: Date;
}): Promise<ReceivedEmail> {
  const actor = opts.actor ?? systemActor('email-intake');
  assertCan(actor, 'inbound:receive');
  const now = opts.now ?? new Date();
  const parsed = await parseEmail(opts.raw);
  const base = {
    source: opts.source ?? 'smtp',
    envelope: opts.envelope ?? null,
    messageIdDerived: parsed.ok ? parsed.email.messageIdDerived : parsed.malformed.messageIdDerived,
  };
  if (!parsed.ok)
    return storeRejected(opts.db, { ...base, raw: opts.raw, malformed: parsed.malformed, actor, now });
  return storeParsed(opts.db, { ...base, raw: opts.raw, email: parsed.email, actor, now });
}

type Common = {
  raw: Buffer;
  source: 'smtp' | 'imap';
  envelope: EmailEnvelope | null;
  messageIdDerived: boolean;
  actor: Actor;
  now: Date;
};

async function storeParsed(db: Kysely<DB>, o: Common & { email: ParsedEmail }): Promise<ReceivedEmail> {
  const { email } = o;
  const verdicts = await Promise.all(email.attachments.map(judgeAttachment));
  const accepted = verdicts.filter((v) => v.ok);
  const rejectedAttachments: RejectedAttachment[] = verdicts.flatMap((v) => (v.ok ? [] : [v.rejected]));
  const text = [email.subject, email.text].filter(Boolean).join('\n');
  const language = guessLanguage(text);
  const today = todayIn('Europe/Stockholm', o.now);
  const input: MatchInput = {
    subject: email.subject,
    text: email.text,
    inReplyTo: email.inReplyTo,
    references: email.references,
    fromAddress: email.from ?? o.envelope?.mailFrom ?? null,
  };

  return inTransaction(db, async (trx) => {
    const candidates = await findMatchCandidates(trx, matchLookups(input, today));
    let match = matchMessage(input, candidates, today);
    let triageReason: string | null = null;
    if (match?.caseId) {
      const c = await trx
        .selectFrom('service_cases')
        .select('status')
        .where('id', '=', match.caseId)
        .executeTakeFirst();
      if (c && (c.status === 'closed' || c.status === 'withdrawn')) {
        // A closed case takes no messages; a person decides whether this is a new matter.
        triageReason = `case_${c.status}`;
        match = { rule: match.rule, customerId: match.customerId };
      }
    }
    const threaded = Boolean(match?.claimId || match?.caseId);
    const id = newId();
    const message = await insertOnce(trx, {
      id,
      channel: 'email',
      message_id: email.messageId,
      customer_id: match?.customerId ?? null,
      claim_id: match?.claimId ?? null,
      case_id: match?.caseId ?? null,
      match_rule: match?.rule ?? null,
      status: threaded ? 'matched' : 'triage',
      rejection_reason: null,
      from_address: input.fromAddress?.slice(0, 320) ?? null,
      to_addresses: email.to.length > 0 ? email.to : (o.envelope?.rcptTo ?? []),
      subject: email.subject,
      body_text: email.text,
      in_reply_to: email.inReplyTo,
      references_ids: email.references,
      language,
      extracted: JSON.stringify({
        ...extractReferences(text, today),
        rejectedAttachments,
        ...(triageReason ? { triageReason } : {}),
        source: o.source,
        messageIdDerived: o.messageIdDerived,
        envelope: o.envelope,
      }),
      size_bytes: o.raw.byteLength,
      received_at: o.now,
    });
    if (!message.inserted) return result(message.row, true);
    const row = message.row;
    const events: AuditInput[] = [];
    const own = await fileAttachments(trx, {
      attachments: accepted,
      customerId: row.customer_id,
      entityType: 'inbound_message',
      entityId: row.id,
      actor: o.actor,
    });
    events.push(...own.flatMap((d) => d.events));
    if (row.case_id) {
      const copies = await fileAttachments(trx, {
        attachments: accepted,
        customerId: row.customer_id,
        entityType: 'service_case',
        entityId: row.case_id,
        actor: o.actor,
      });
      events.push(...copies.flatMap((d) => d.events));
      events.push(
        ...(await postEmailOnCase(trx, {
          message: row,
          caseId: row.case_id,
          documentIds: copies.map((d) => d.document.id),
          actor: o.actor,
          now: o.now,
        })),
      );
    } else if (row.claim_id) {
      const copies = await fileAttachments(trx, {
        attachments: accepted,
        customerId: row.customer_id,
        entityType: 'claim',
        entityId: row.claim_id,
        actor: o.actor,
      });
      events.push(...copies.flatMap((d) => d.events));
      await tellClaimOwner(trx, { message: row, claimId: row.claim_id, documents: copies.length });
    } else {
      events.push(...(await sendToTriage(trx, { message: row, actor: o.actor, now: o.now })));
    }
    events.unshift(receivedEvent(o.actor, row, accepted.length, rejectedAttachments.length));
    await appendAuditEvents(trx, events);
    return result(row, false);
  });
}

async function storeRejected(
  db: Kysely<DB>,
  o: Common & { malformed: MalformedEmail },
): Promise<ReceivedEmail> {
  const m = o.malformed;
  return inTransaction(db, async (trx) => {
    const message = await insertOnce(trx, {
      id: newId(),
      channel: 'email',
      message_id: m.messageId,
      customer_id: null,
      claim_id: null,
      case_id: null,
      match_rule: null,
      status: 'rejected',
      rejection_reason: m.reason,
      from_address: (m.from ?? o.envelope?.mailFrom ?? null)?.slice(0, 320) ?? null,
      to_addresses: o.envelope?.rcptTo ?? [],
      subject: m.subject,
      // The raw size and the first KB are what a person needs to recognise it and ask again.
      body_text: m.preview,
      in_reply_to: null,
      references_ids: [],
      language: null,
      extracted: JSON.stringify({
        source: o.source,
        messageIdDerived: o.messageIdDerived,
        envelope: o.envelope,
      }),
      size_bytes: o.raw.byteLength,
      received_at: o.now,
    });
    if (message.inserted) await appendAuditEvents(trx, [receivedEvent(o.actor, message.row, 0, 0)]);
    return result(message.row, !message.inserted);
  });
}

/** Inserts the row unless its Message-ID is already stored; then returns the stored one. */
async function insertOnce(
  trx: Transaction<DB>,
  values: Insertable<InboundMessagesTable> & { message_id: string },
): Promise<{ inserted: boolean; row: InboundMessageRow }> {
  const inserted = await trx
    .insertInto('inbound_messages')
    .values(values)
    .onConflict((oc) => oc.column('message_id').where('message_id', 'is not', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { inserted: true, row: inserted };
  const existing = await trx
    .selectFrom('inbound_messages')
    .selectAll()
    .where('message_id', '=', values.message_id)
    .executeTakeFirstOrThrow();
  return { inserted: false, row: existing };
}

function receivedEvent(actor: Actor, row: InboundMessageRow, documents: number, refused: number): AuditInput {
  return {
    actor,
    action: row.status === 'rejected' ? 'inbound_message.rejected' : 'inbound_message.received',
    entityType: 'inbound_message',
    entityId: row.id,
    customerId: row.customer_id,
    reason: row.rejection_reason,
    // Identity and outcome only: the text is personal data and stays on the message.
    data: {
      messageId: row.message_id,
      channel: row.channel,
      status: row.status,
      matchRule: row.match_rule,
      claimId: row.claim_id,
      caseId: row.case_id,
      sizeBytes: row.size_bytes,
      documents,
      rejectedAttachments: refused,
    },
  };
}

function result(row: InboundMessageRow, duplicate: boolean): ReceivedEmail {
  return {
    id: row.id,
    messageId: row.message_id ?? '',
    status: row.status,
    duplicate,
    matchRule: row.match_rule,
    customerId: row.customer_id,
    claimId: row.claim_id,
    caseId: row.case_id,
  };
}
