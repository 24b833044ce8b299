import { sql } from 'kysely';
import type { Executor } from '../../db/transaction.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import type { JobHandler } from '../../jobs/job-types.ts';
import { newId } from '../../lib/ids.ts';
import { type PostResult, postWebhook } from './post-webhook.ts';
import { webhookRetryDelayMs } from './webhook-retry.ts';
import type { WebhookSettings } from './webhook-settings.ts';
import {
  DELIVERY_ID_HEADER,
  EVENT_ID_HEADER,
  EVENT_KIND_HEADER,
  SIGNATURE_HEADER,
  signatureOf,
} from './webhook-signature.ts';

// One job per delivery attempt (payload { deliveryId, attempt }). The POST happens in the job's
// `outside` step, before its transaction opens: a receiver that hangs for the whole timeout holds
// no database session (on PGlite that session is the one every request needs). The handler then
// records the attempt and either marks the delivery delivered/failed or enqueues the next attempt
// with backoff and jitter — all in the job's transaction, so the record and the job's completion
// commit together. Delivery is at-least-once (a crash between POST and commit repeats the POST):
// receivers deduplicate on the Claimdesk-Event-Id header.

export const WEBHOOK_DELIVERY_JOB = 'webhook.deliver';

/** Job-level retries are for our own failures (the database); the receiver's are counted by us. */
const JOB_ATTEMPTS = 3;

type Prepared = { result: PostResult; final?: boolean } | { skip: string };

export function enqueueWebhookAttempt(trx: Executor, deliveryId: string, attempt: number, runAt?: Date) {
  return enqueueJob(trx, {
    kind: WEBHOOK_DELIVERY_JOB,
    payload: { deliveryId, attempt },
    runAt,
    // One job per attempt number, ever: a retried outbox or a double replay adds nothing.
    uniqueKey: `webhook:${deliveryId}:${attempt}`,
    maxAttempts: JOB_ATTEMPTS,
  });
}

export function deliverWebhookJob(settings: WebhookSettings): JobHandler {
  const handler: JobHandler = async ({ trx, job, prepared, log }) => {
    const { deliveryId, attempt } = payloadOf(job.payload);
    const outcome = prepared as Prepared | undefined;
    if (!outcome || 'skip' in outcome) return;
    // The exactly-once guard for the record: this attempt is still the next one.
    const delivery = await trx
      .selectFrom('webhook_deliveries')
      .select(['id', 'status', 'attempts', 'attempt_limit'])
      .where('id', '=', deliveryId)
      .forUpdate()
      .executeTakeFirst();
    if (delivery?.status !== 'pending' || delivery.attempts >= attempt) return;
    const { result } = outcome;
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const final = ok || outcome.final === true || attempt >= delivery.attempt_limit;
    const status = ok ? 'delivered' : final ? 'failed' : 'pending';
    // Our own words (a status, a socket error); the receiver's response body is never kept.
    const error = ok ? null : (result.error ?? `HTTP ${result.status} from the receiver`).slice(0, 1000);
    const retryAt = final ? null : new Date(Date.now() + webhookRetryDelayMs(attempt, settings.retry));
    await trx
      .insertInto('webhook_delivery_attempts')
      .values({
        id: newId(),
        delivery_id: deliveryId,
        attempt,
        started_at: result.startedAt,
        duration_ms: result.durationMs,
        response_status: result.status,
        error,
        outcome: ok ? 'delivered' : final ? 'failed' : 'retry',
      })
      .execute();
    await trx
      .updateTable('webhook_deliveries')
      .set({
        status,
        attempts: attempt,
        last_response_status: result.status,
        last_error: error,
        next_attempt_at: retryAt,
        delivered_at: ok ? result.startedAt : null,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', deliveryId)
      .execute();
    if (retryAt) await enqueueWebhookAttempt(trx, deliveryId, attempt + 1, retryAt);
    if (!ok)
      log.warn({ deliveryId, attempt, status: result.status, final }, 'webhook delivery attempt failed');
  };

  handler.outside = async ({ db, job }): Promise<Prepared> => {
    const { deliveryId, attempt } = payloadOf(job.payload);
    const row = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
      .select([
        'd.id',
        'd.status',
        'd.attempts',
        'd.event_id',
        'd.event_kind',
        'd.payload',
        's.url',
        's.secret',
        's.active',
      ])
      .where('d.id', '=', deliveryId)
      .executeTakeFirst();
    if (!row) return { skip: 'no such delivery' };
    if (row.status !== 'pending' || row.attempts >= attempt) return { skip: 'attempt already recorded' };
    if (!row.active) {
      const now = new Date();
      return {
        result: { startedAt: now, durationMs: 0, status: null, error: 'the subscription is inactive' },
        final: true,
      };
    }
    const body = JSON.stringify(row.payload);
    const t = Math.floor(Date.now() / 1000);
    const result = await postWebhook({
      url: row.url,
      body,
      headers: {
        [SIGNATURE_HEADER]: signatureOf(row.secret, t, body),
        [EVENT_ID_HEADER]: row.event_id,
        [EVENT_KIND_HEADER]: row.event_kind,
        [DELIVERY_ID_HEADER]: row.id,
      },
      timeoutMs: settings.timeoutMs,
      rules: settings.rules,
    });
    return { result };
  };
  return handler;
}

function payloadOf(payload: Record<string, unknown>): { deliveryId: string; attempt: number } {
  const { deliveryId, attempt } = payload;
  if (typeof deliveryId !== 'string' || typeof attempt !== 'number') {
    throw new Error(`${WEBHOOK_DELIVERY_JOB}: payload needs deliveryId and attempt`);
  }
  return { deliveryId, attempt };
}
