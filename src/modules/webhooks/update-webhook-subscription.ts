import { sql } from 'kysely';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { type Actor, assertCan } from '../users/index.ts';
import { assertAllowedWebhookUrl } from './check-webhook-url.ts';
import {
  type WebhookSubscriptionPatch,
  WebhookSubscriptionPatchSchema,
  type WebhookSubscriptionView,
} from './webhook-schemas.ts';
import { generateWebhookSecret } from './webhook-signature.ts';
import type { TargetRules } from './webhook-target.ts';
import { toSubscriptionView } from './webhook-views.ts';

/**
 * Changes a subscription at the version the administrator read (optimistic concurrency: two admins
 * editing at once cannot overwrite each other). `active: false` is how a subscription is removed:
 * its deliveries stay as history. A rotated secret is returned this once.
 */
export async function updateWebhookSubscription(opts: {
  db: Executor;
  actor: Actor;
  id: string;
  input: WebhookSubscriptionPatch;
  rules: TargetRules;
}): Promise<WebhookSubscriptionView & { secret?: string }> {
  const { actor } = opts;
  assertCan(actor, 'webhooks:manage');
  const input = parseInput(WebhookSubscriptionPatchSchema, opts.input);
  if (input.url !== undefined) await assertAllowedWebhookUrl(input.url, opts.rules);
  return inTransaction(opts.db, async (trx) => {
    const current = await trx
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('not_found', 'No such webhook subscription.');
    if (current.version !== input.version) {
      throw new AppError(
        'version_conflict',
        `The subscription is at version ${current.version}, not ${input.version}.`,
        {
          extra: { currentVersion: current.version },
        },
      );
    }
    const secret = input.rotateSecret ? generateWebhookSecret() : undefined;
    const row = await trx
      .updateTable('webhook_subscriptions')
      .set({
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.events !== undefined ? { events: input.events } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        ...(secret ? { secret } : {}),
        version: current.version + 1,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = (['url', 'events', 'description', 'active'] as const).filter(
      (k) => input[k] !== undefined,
    );
    await recordAuditEvent(trx, {
      actor,
      action: input.active === false ? 'webhook_subscription.deactivated' : 'webhook_subscription.updated',
      entityType: 'webhook_subscription',
      entityId: row.id,
      customerId: null,
      data: {
        changed,
        secretRotated: secret !== undefined,
        host: new URL(row.url).host,
        version: row.version,
      },
    });
    return secret ? { ...toSubscriptionView(row), secret } : toSubscriptionView(row);
  });
}
