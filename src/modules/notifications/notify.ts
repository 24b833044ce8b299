import type { Transaction } from 'kysely';
import type { DB, Language, NoticeRecipient } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import { newId } from '../../lib/ids.ts';
import { type NoticeKind, renderNotice } from './notice-texts.ts';

// Notifications are rows written in the same transaction as the change they tell about, so a
// notice exists exactly when its change committed. dedupe_key makes each notice exactly-once: a
// job that runs again after a crash, or two workers racing, insert it once (ON CONFLICT DO NOTHING).
// Staff read theirs in the app, customers theirs in the portal; a customer notice by email or
// letter is delivered by the job DELIVERY_JOB (src/modules/outbound), enqueued with it.

export type StaffNotice = {
  audience: 'staff';
  userId: string;
  customerId?: string | null;
};
export type CustomerNotice = {
  audience: 'customer';
  customerId: string;
  channel: 'portal' | 'email' | 'letter';
  /** An explicit destination (e.g. the old email of a bank-account change); default: the current contact. */
  recipient?: NoticeRecipient;
};

export type Notice = (StaffNotice | CustomerNotice) & {
  kind: NoticeKind;
  language: Language;
  params: Record<string, string | number>;
  entityType?: string;
  entityId?: string;
  /** Same key, same notice: a second insert is ignored. */
  dedupeKey: string;
};

/**
 * The job that delivers a customer notice by email or letter (src/modules/outbound): enqueued with
 * the notice, in its transaction, so a notice is delivered exactly when it committed.
 */
export const DELIVERY_JOB = 'deliveries.send';

/** Writes the notice; returns false when one with the same dedupe key already exists. */
export async function notify(trx: Transaction<DB>, notice: Notice): Promise<boolean> {
  const { subject, body } = renderNotice(notice.kind, notice.language, notice.params);
  const id = newId();
  const result = await trx
    .insertInto('notifications')
    .values({
      id,
      audience: notice.audience,
      user_id: notice.audience === 'staff' ? notice.userId : null,
      customer_id: notice.customerId ?? null,
      channel: notice.audience === 'staff' ? 'in_app' : notice.channel,
      kind: notice.kind,
      language: notice.language,
      subject,
      body,
      entity_type: notice.entityType ?? null,
      entity_id: notice.entityId ?? null,
      dedupe_key: notice.dedupeKey,
      recipient: notice.audience === 'customer' && notice.recipient ? JSON.stringify(notice.recipient) : null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  const inserted = Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  if (
    inserted &&
    notice.audience === 'customer' &&
    (notice.channel === 'email' || notice.channel === 'letter')
  ) {
    // The letter templates need the notice's parameters (amounts, dates, names), not only its
    // rendered gist: they travel with the job.
    await enqueueJob(trx, {
      kind: DELIVERY_JOB,
      payload: { notificationId: id, params: notice.params },
      uniqueKey: `${DELIVERY_JOB}:${id}`,
    });
  }
  return inserted;
}
