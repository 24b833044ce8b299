import type { Insertable, Transaction } from 'kysely';
import type { DB, DeliveriesTable, DeliveryRow, Language, NoticeRecipient } from '../../db/schema.ts';
import { todayIn } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import { type AuditInput, recordAuditEvents } from '../audit/index.ts';
import { storeDocument } from '../documents/index.ts';
import type { NoticeKind } from '../notifications/index.ts';
import { loadDecisionLetterData } from './decision-letter-data.ts';
import { DELIVERY_ACTOR, deliveryEvent } from './delivery-audit.ts';
import { destinationOf } from './delivery-destination.ts';
import type { LetterContent } from './letter-content.ts';
import { letterDocument } from './letter-document.ts';
import { formatLetterDate } from './letter-format.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import { letterheadFor } from './letter-texts.ts';
import { letterText } from './render-text.ts';
import { type MailSettings, messageIdFor } from './smtp-mailer.ts';
import { composeLetter, needsDecision, templateOf } from './templates.ts';

// A notice's one delivery: where it goes, the letter written in the customer's language, its PDF
// stored as a document (every letter, and an email that is a decision or a final answer), and the
// row with what will be sent. A letter that cannot be written whole (a missing parameter, no
// address) is recorded as a failed delivery instead: visible to staff, never sent with a hole.

export type DeliverableNotice = {
  id: string;
  customer_id: string;
  channel: 'email' | 'letter';
  kind: string;
  language: Language;
  subject: string;
  entity_type: string | null;
  entity_id: string | null;
  recipient: NoticeRecipient | null;
  created_at: Date;
};

/** The notice's delivery, locked for the rest of the transaction (the exactly-once guard). */
export async function lockDelivery(
  trx: Transaction<DB>,
  notificationId: string,
): Promise<DeliveryRow | undefined> {
  return trx
    .selectFrom('deliveries')
    .selectAll()
    .where('notification_id', '=', notificationId)
    .orderBy('created_at')
    .forUpdate()
    .executeTakeFirst();
}

/** Returns the new pending delivery, or undefined when it was recorded as failed. */
export async function createDelivery(
  trx: Transaction<DB>,
  notice: DeliverableNotice,
  params: Record<string, string | number>,
  settings: MailSettings,
): Promise<DeliveryRow | undefined> {
  const customer = await trx
    .selectFrom('customers')
    .select(['given_name', 'family_name', 'email', 'address', 'country', 'customer_number', 'time_zone'])
    .where('id', '=', notice.customer_id)
    .executeTakeFirstOrThrow();
  const name = `${customer.given_name} ${customer.family_name}`;
  const destination = destinationOf(notice, customer);
  const id = newId();
  const events: AuditInput[] = [];
  const base = {
    id,
    notification_id: notice.id,
    customer_id: notice.customer_id,
    channel: destination.channel,
    language: notice.language,
  };

  let content: LetterContent | null = null;
  let failure: string | null = 'error' in destination ? destination.error : null;
  if (!failure) {
    try {
      content = composeLetter({
        kind: notice.kind as NoticeKind,
        language: notice.language,
        params,
        customerName: name,
        entity: notice.entity_type === 'claim' ? 'claim' : 'case',
        decision:
          needsDecision(notice.kind) && notice.entity_id
            ? await loadDecisionLetterData(trx, {
                claimId: notice.entity_id,
                notificationId: notice.id,
                language: notice.language,
              })
            : undefined,
      });
    } catch (error) {
      // A letter that cannot be written whole is not sent at all: recorded, visible, not retried.
      failure = `The letter could not be written: ${(error as Error).message}`;
    }
  }

  if (failure || !content || 'error' in destination) {
    const row = await insertDelivery(trx, {
      ...base,
      template: templateOf(notice.kind),
      recipient: JSON.stringify({ name }),
      subject: notice.subject,
      status: 'failed',
      last_error: failure ?? 'No letter.',
      note: null,
    });
    events.push(deliveryEvent(row, 'delivery.failed', { reason: row.last_error }));
    await recordAuditEvents(trx, notice.customer_id, events);
    return undefined;
  }

  // The company that writes is the one of the customer's country, wherever the letter goes.
  const senderCountry = customer.country === 'IT' ? 'IT' : 'SE';
  const letterhead = letterheadFor(senderCountry);
  const dateText = formatLetterDate(todayIn(customer.time_zone, notice.created_at), notice.language);
  const body = letterText(content, letterhead, dateText);
  let documentId: string | null = null;
  if (destination.channel === 'letter' || content.formal) {
    const pdf = await renderLetterPdf(
      letterDocument({
        content,
        letterhead,
        senderCountry,
        recipient: {
          name,
          address:
            destination.channel === 'letter'
              ? destination.address
              : (customer.address ?? { street: '', postalCode: '', city: '', country: customer.country }),
        },
        dateText,
        customerNumber: customer.customer_number,
      }),
    );
    const stored = await storeDocument(trx, {
      customerId: notice.customer_id,
      entityType: 'letter',
      entityId: id,
      filename: `${content.reference}-${content.template}.pdf`,
      content: pdf,
      source: 'generated',
      uploadedBy: null,
      mediaType: 'application/pdf',
      actor: DELIVERY_ACTOR,
    });
    documentId = stored.document.id;
    events.push(...stored.events);
  }
  const row = await insertDelivery(trx, {
    ...base,
    template: content.template,
    recipient: JSON.stringify(
      destination.channel === 'email'
        ? { name, email: destination.email }
        : { name, address: destination.address },
    ),
    subject: content.subject,
    status: 'pending',
    body,
    document_id: documentId,
    smtp_message_id: destination.channel === 'email' ? messageIdFor(id, settings.mailFrom) : null,
    note: destination.note,
  });
  if (destination.channel === 'letter') {
    events.push(deliveryEvent(row, 'delivery.letter_ready', { documentId, note: destination.note }));
  }
  await recordAuditEvents(trx, notice.customer_id, events);
  return row;
}

function insertDelivery(trx: Transaction<DB>, values: Insertable<DeliveriesTable>): Promise<DeliveryRow> {
  return trx.insertInto('deliveries').values(values).returningAll().executeTakeFirstOrThrow();
}
