import type { JobHandler } from '../../jobs/job-types.ts';
import { DELIVERY_JOB } from '../notifications/index.ts';
import { createDelivery, type DeliverableNotice, lockDelivery } from './create-delivery.ts';
import { sendPendingEmail } from './send-delivery.ts';
import type { MailSettings } from './smtp-mailer.ts';

// The job behind every customer notice sent by email or letter (DELIVERY_JOB, enqueued by notify()
// in the notice's transaction). It makes the notice's ONE delivery — the letter written, its PDF
// stored — and then sends the email through SMTP, or leaves it in the local outbox when no SMTP
// server is configured; a letter waits for the next print batch.
//
// Exactly once: the delivery row is locked (FOR UPDATE) and its status checked before anything is
// sent, so a job that runs twice, or a retry racing it, sends once. The one gap SMTP leaves — the
// server accepted the message and the process died before the commit — resends the same message
// with the same Message-ID, by which the receiving side can recognise the duplicate.

export { DELIVERY_JOB };

export function sendDeliveryJob(settings: MailSettings): JobHandler {
  return async ({ trx, job, now, log }) => {
    const notificationId = job.payload.notificationId;
    if (typeof notificationId !== 'string') throw new Error(`${DELIVERY_JOB}: payload lacks notificationId`);
    const notice = await trx
      .selectFrom('notifications')
      .select([
        'id',
        'audience',
        'customer_id',
        'channel',
        'kind',
        'language',
        'subject',
        'entity_type',
        'entity_id',
        'recipient',
        'created_at',
      ])
      .where('id', '=', notificationId)
      .executeTakeFirst();
    if (
      notice?.audience !== 'customer' ||
      !notice.customer_id ||
      (notice.channel !== 'email' && notice.channel !== 'letter')
    ) {
      log.warn(
        { notificationId },
        `${DELIVERY_JOB}: not a customer notice by email or letter; nothing to deliver`,
      );
      return;
    }
    let delivery = await lockDelivery(trx, notice.id);
    if (!delivery) {
      const params = (job.payload.params ?? {}) as Record<string, string | number>;
      delivery = await createDelivery(trx, notice as DeliverableNotice, params, settings);
    }
    // Sent, in the outbox, failed or printed: done. A letter is complete once written.
    if (delivery?.status !== 'pending' || delivery.channel !== 'email') return;
    await sendPendingEmail(trx, delivery, settings, now, notice.id);
  };
}
