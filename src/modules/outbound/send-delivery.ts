import type { Transaction } from 'kysely';
import type { DB, DeliveryRow } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { readDocumentBytes } from '../documents/index.ts';
import { DELIVERY_JOB } from '../notifications/index.ts';
import { deliveryEvent } from './delivery-audit.ts';
import { type MailSettings, messageIdFor, sendEmail } from './smtp-mailer.ts';

// Sending a pending email delivery: to the SMTP server, or into the local outbox when none is
// configured. A failed send is recorded on the delivery (attempts, last_error) and retried by a
// new job with backoff, rather than by throwing: a throw would roll the record of the attempt back
// with it. After MAX_SEND_ATTEMPTS the delivery is failed, for staff to see.

export const MAX_SEND_ATTEMPTS = 8;
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;

/** Backoff before the next attempt: 30 s, 1 min, 2 min, … at most 1 h. */
export function retryDelayMs(attemptsSoFar: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attemptsSoFar - 1), RETRY_MAX_MS);
}

/** The unique key of the job that makes attempt `attempt` of a notice's email. */
export function retryJobKey(notificationId: string, attempt: number): string {
  return `${DELIVERY_JOB}:${notificationId}:attempt:${attempt}`;
}

export async function sendPendingEmail(
  trx: Transaction<DB>,
  delivery: DeliveryRow,
  settings: MailSettings,
  now: Date,
  notificationId: string,
): Promise<void> {
  const customerId = delivery.customer_id;
  if (!settings.smtpUrl) {
    const row = await trx
      .updateTable('deliveries')
      .set({ status: 'outbox' })
      .where('id', '=', delivery.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvents(trx, customerId, [deliveryEvent(row, 'delivery.outboxed', {})]);
    return;
  }
  const recipient = delivery.recipient as { name?: string; email?: string };
  const attachments = [];
  if (delivery.document_id) {
    const doc = await trx
      .selectFrom('documents')
      .select(['id', 'content', 'storage_key', 'filename', 'media_type'])
      .where('id', '=', delivery.document_id)
      .executeTakeFirstOrThrow();
    attachments.push({
      filename: doc.filename,
      content: await readDocumentBytes(trx, doc),
      contentType: doc.media_type,
    });
  }
  const attempts = delivery.attempts + 1;
  try {
    await sendEmail(
      { ...settings, smtpUrl: settings.smtpUrl },
      {
        messageId: delivery.smtp_message_id ?? messageIdFor(delivery.id, settings.mailFrom),
        to: { name: recipient.name ?? '', address: recipient.email ?? '' },
        subject: delivery.subject,
        text: delivery.body ?? '',
        headers: { 'X-Claimdesk-Delivery': delivery.id },
        attachments,
      },
    );
  } catch (error) {
    const lastError = `${(error as Error).name}: ${(error as Error).message}`.slice(0, 2000);
    const spent = attempts >= MAX_SEND_ATTEMPTS;
    const row = await trx
      .updateTable('deliveries')
      .set({ attempts, last_error: lastError, status: spent ? 'failed' : 'pending' })
      .where('id', '=', delivery.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (spent) {
      await recordAuditEvents(trx, customerId, [
        deliveryEvent(row, 'delivery.failed', { reason: lastError }),
      ]);
    } else {
      await enqueueJob(trx, {
        kind: DELIVERY_JOB,
        payload: { notificationId },
        runAt: new Date(now.getTime() + retryDelayMs(attempts)),
        uniqueKey: retryJobKey(notificationId, attempts + 1),
      });
    }
    return;
  }
  const row = await trx
    .updateTable('deliveries')
    .set({ attempts, status: 'sent', sent_at: new Date(), last_error: null })
    .where('id', '=', delivery.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAuditEvents(trx, customerId, [deliveryEvent(row, 'delivery.sent', { attempts })]);
}
