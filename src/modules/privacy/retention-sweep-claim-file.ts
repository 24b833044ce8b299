import {
  deleteNotifications,
  deleteNotificationsAbout,
  deleteWorkItems,
  type SweepWrite,
} from './retention-sweep-delete.ts';
import { deleteDocumentsOn, deleteInboundMessages } from './retention-sweep-messages.ts';

// What the retention sweep deletes of the claim file (the claim_file rule) and of payments (the
// accounting rule). The due queries (retention-sweep.ts) guarantee the order: a claim is taken only
// once its payments and recoveries are gone, a payment only once a payment replacing it is gone,
// so every delete here finds nothing still pointing at what it deletes except what it deletes too.

/**
 * Claims with everything under them: lines, assessments, decisions, escalations, notes,
 * information requests, FHIR rows, the emails and letters received about them (with their scans),
 * documents, the letters sent about them, work items and deadlines. Calls and service cases about
 * a claim are records of their own rules: they lose the link, not their existence.
 */
export async function deleteClaimFiles(w: SweepWrite, ids: string[]): Promise<void> {
  const { trx, add } = w;
  const requests = await trx
    .selectFrom('information_requests')
    .select('id')
    .where('claim_id', 'in', ids)
    .execute();
  const messages = await trx
    .selectFrom('inbound_messages')
    .select('id')
    .where('claim_id', 'in', ids)
    .execute();

  await deleteNotificationsAbout(w, 'claim', ids);
  await deleteNotificationsAbout(
    w,
    'information_request',
    requests.map((r) => r.id),
  );
  // Documents on the claim; the messages with theirs (and their scans) and their triage items.
  await deleteDocumentsOn(w, 'claim', ids);
  await deleteInboundMessages(
    w,
    messages.map((m) => m.id),
  );
  await deleteWorkItems(w, ['claim'], ids);

  await trx.updateTable('calls').set({ claim_id: null }).where('claim_id', 'in', ids).execute();
  await trx.updateTable('service_cases').set({ claim_id: null }).where('claim_id', 'in', ids).execute();
  // Children before parents: decisions name assessments; everything names the claim.
  for (const table of [
    'claim_notes',
    'claim_escalations',
    'information_requests',
    'fhir_claims',
    'claim_lines',
    'claim_decisions',
    'claim_assessments',
  ] as const) {
    add(table, (await trx.deleteFrom(table).where('claim_id', 'in', ids).executeTakeFirst()).numDeletedRows);
  }
  add('claims', (await trx.deleteFrom('claims').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
}

/**
 * Payment orders with their status changes and the letters about them. The bank's statement
 * lines (bank_notification_entries, the bank's records, no customer) and a service case about a
 * late payment keep their row and lose the link.
 */
export async function deletePayments(w: SweepWrite, ids: string[]): Promise<void> {
  const { trx, add } = w;
  await trx
    .updateTable('bank_notification_entries')
    .set({ payment_id: null })
    .where('payment_id', 'in', ids)
    .execute();
  await trx.updateTable('service_cases').set({ payment_id: null }).where('payment_id', 'in', ids).execute();
  await deleteNotificationsAbout(w, 'payment', ids);
  add(
    'payment_status_changes',
    (await trx.deleteFrom('payment_status_changes').where('payment_id', 'in', ids).executeTakeFirst())
      .numDeletedRows,
  );
  add(
    'payment_orders',
    (await trx.deleteFrom('payment_orders').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
}

export async function deleteRecoveries(w: SweepWrite, ids: string[]): Promise<void> {
  await deleteNotificationsAbout(w, 'recovery', ids);
  w.add(
    'recovery_items',
    (await w.trx.deleteFrom('recovery_items').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
}

/** Letters and emails whose record is gone (or was never a claim's): by their own age. */
export async function deleteLetters(w: SweepWrite, ids: string[]): Promise<void> {
  await deleteNotifications(w, ids);
}

/** Webhook deliveries with their attempts: ids and codes, no personal text. */
export async function deleteWebhookDeliveries(w: SweepWrite, ids: string[]): Promise<void> {
  const { trx, add } = w;
  add(
    'webhook_delivery_attempts',
    (await trx.deleteFrom('webhook_delivery_attempts').where('delivery_id', 'in', ids).executeTakeFirst())
      .numDeletedRows,
  );
  add(
    'webhook_deliveries',
    (await trx.deleteFrom('webhook_deliveries').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
}
