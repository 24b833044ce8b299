import { sql } from 'kysely';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { type Actor, assertCan } from '../users/index.ts';
import { enqueueWebhookAttempt } from './deliver-webhook.ts';
import { DEFAULT_WEBHOOK_RETRY } from './webhook-retry.ts';
import type { WebhookDeliveryView } from './webhook-schemas.ts';
import { toDeliveryView } from './webhook-views.ts';

/**
 * Sends a delivered or failed delivery again (the receiver lost it, or was down past the retries):
 * the same event id and payload, a fresh retry budget, attempts numbered on from the last. A
 * delivery still pending is already on its way: returned unchanged, nothing is added.
 */
export async function replayWebhookDelivery(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  retryBudget?: number;
}): Promise<WebhookDeliveryView> {
  assertCan(opts.actor, 'webhooks:manage');
  return inTransaction(opts.db, async (trx) => {
    const current = await trx
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('not_found', 'No such webhook delivery.');
    if (current.status === 'pending') return toDeliveryView(current);
    const row = await trx
      .updateTable('webhook_deliveries')
      .set({
        status: 'pending',
        attempt_limit: current.attempts + (opts.retryBudget ?? DEFAULT_WEBHOOK_RETRY.maxAttempts),
        replays: current.replays + 1,
        next_attempt_at: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await enqueueWebhookAttempt(trx, row.id, current.attempts + 1);
    await recordAuditEvent(trx, {
      actor: opts.actor,
      action: 'webhook_delivery.replayed',
      entityType: 'webhook_delivery',
      entityId: row.id,
      customerId: null,
      data: { subscriptionId: row.subscription_id, eventId: row.event_id, previousStatus: current.status },
    });
    return toDeliveryView(row);
  });
}
