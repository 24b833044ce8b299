import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { type Actor, actorId, assertCan } from '../users/index.ts';
import { assertAllowedWebhookUrl } from './check-webhook-url.ts';
import {
  type NewWebhookSubscription,
  NewWebhookSubscriptionSchema,
  type WebhookSubscriptionView,
} from './webhook-schemas.ts';
import { generateWebhookSecret } from './webhook-signature.ts';
import type { TargetRules } from './webhook-target.ts';
import { toSubscriptionView } from './webhook-views.ts';

export type CreatedSubscription = {
  status: 200 | 201;
  body: WebhookSubscriptionView & { secret?: string };
  replayed: boolean;
};

/**
 * An administrator subscribes a URL to event kinds. The signing secret is generated here and
 * returned this once; the idempotency record keeps the response WITHOUT it, so a retry with the
 * same key gets the subscription but never the secret again (rotate it with PATCH if it was lost).
 */
export async function createWebhookSubscription(opts: {
  db: Executor;
  actor: Actor;
  input: NewWebhookSubscription;
  rules: TargetRules;
  idempotencyKey?: string | undefined;
}): Promise<CreatedSubscription> {
  const { actor } = opts;
  assertCan(actor, 'webhooks:manage');
  const input = parseInput(NewWebhookSubscriptionSchema, opts.input);
  await assertAllowedWebhookUrl(input.url, opts.rules);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `webhooks.create:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<WebhookSubscriptionView>(trx, key, requestHash(input));
      if (replay) return { status: 200, body: replay.body, replayed: true };
    }
    const secret = generateWebhookSecret();
    const row = await trx
      .insertInto('webhook_subscriptions')
      .values({
        id: newId(),
        url: input.url,
        events: input.events,
        description: input.description ?? null,
        secret,
        created_by: actorId(actor),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, {
      actor,
      action: 'webhook_subscription.created',
      entityType: 'webhook_subscription',
      entityId: row.id,
      customerId: null,
      // The URL's host and the kinds; never the secret.
      data: { host: new URL(row.url).host, events: row.events },
    });
    const view = toSubscriptionView(row);
    if (key) await storeIdempotentResponse(trx, key, 201, view);
    return { status: 201, body: { ...view, secret }, replayed: false };
  });
}
