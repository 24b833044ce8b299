import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { type Actor, assertCan } from '../users/index.ts';
import type { WebhookDeliveryView, WebhookSubscriptionView } from './webhook-schemas.ts';
import { deliveryWithAttempts, toDeliveryView, toSubscriptionView } from './webhook-views.ts';

export async function listWebhookSubscriptions(opts: {
  db: Kysely<DB>;
  actor: Actor;
}): Promise<WebhookSubscriptionView[]> {
  assertCan(opts.actor, 'webhooks:manage');
  const rows = await opts.db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').execute();
  return rows.map(toSubscriptionView);
}

export async function getWebhookSubscription(opts: {
  db: Kysely<DB>;
  actor: Actor;
  id: string;
}): Promise<WebhookSubscriptionView> {
  assertCan(opts.actor, 'webhooks:manage');
  const row = await opts.db
    .selectFrom('webhook_subscriptions')
    .selectAll()
    .where('id', '=', opts.id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such webhook subscription.');
  return toSubscriptionView(row);
}

/** A subscription's deliveries, newest first (the index webhook_deliveries_subscription_idx). */
export async function listWebhookDeliveries(opts: {
  db: Kysely<DB>;
  actor: Actor;
  query: { subscription: string; status?: 'pending' | 'delivered' | 'failed' | undefined; limit: number };
}): Promise<WebhookDeliveryView[]> {
  assertCan(opts.actor, 'webhooks:manage');
  let q = opts.db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('subscription_id', '=', opts.query.subscription)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.query.limit);
  if (opts.query.status) q = q.where('status', '=', opts.query.status);
  return (await q.execute()).map(toDeliveryView);
}

export async function getWebhookDelivery(opts: {
  db: Kysely<DB>;
  actor: Actor;
  id: string;
}): Promise<WebhookDeliveryView> {
  assertCan(opts.actor, 'webhooks:manage');
  const view = await deliveryWithAttempts(opts.db, opts.id);
  if (!view) throw new AppError('not_found', 'No such webhook delivery.');
  return view;
}
