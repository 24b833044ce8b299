import type { Selectable } from 'kysely';
import type { WebhookDeliveriesTable, WebhookSubscriptionsTable } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import type { WebhookDeliveryView, WebhookSubscriptionView } from './webhook-schemas.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Never the secret: it is shown only by the response that made it. */
export function toSubscriptionView(row: Selectable<WebhookSubscriptionsTable>): WebhookSubscriptionView {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    active: row.active,
    version: row.version,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function toDeliveryView(row: Selectable<WebhookDeliveriesTable>): WebhookDeliveryView {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventKind: row.event_kind,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    lastResponseStatus: row.last_response_status,
    lastError: row.last_error,
    deliveredAt: iso(row.delivered_at),
    replays: row.replays,
    createdAt: new Date(row.created_at).toISOString(),
    payload: row.payload,
  };
}

/** One delivery with its attempts, oldest first. */
export async function deliveryWithAttempts(
  db: Executor,
  id: string,
): Promise<WebhookDeliveryView | undefined> {
  const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const attempts = await db
    .selectFrom('webhook_delivery_attempts')
    .selectAll()
    .where('delivery_id', '=', id)
    .orderBy('attempt')
    .execute();
  return {
    ...toDeliveryView(row),
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      startedAt: new Date(a.started_at).toISOString(),
      durationMs: a.duration_ms,
      responseStatus: a.response_status,
      error: a.error,
      outcome: a.outcome,
    })),
  };
}
