import { sql } from 'kysely';
import type { JobHandler } from '../../jobs/job-types.ts';
import { newId } from '../../lib/ids.ts';
import { enqueueWebhookAttempt } from './deliver-webhook.ts';
import { SOURCE_ACTIONS, type SourceEvent, webhookEventOf } from './webhook-events.ts';
import type { WebhookSettings } from './webhook-settings.ts';

// The outbox: a periodic job reads the audit trail after a high-water mark (audit_events.seq) and
// makes one delivery per active subscription × event — the UNIQUE (subscription_id, event_id) key
// makes that exactly once however often an event is read — each with the job of its first attempt.
//
// Why the mark trails by SETTLE_MS: seq is taken when a row is inserted, not when its transaction
// commits, so a long transaction can commit an event with a lower seq after we read past it. The
// mark therefore only passes events older than the settle window; younger ones are read again on
// the next runs (the unique key turns the re-reads into no-ops). An event whose transaction takes
// longer than SETTLE_MS to commit after writing its audit row would be missed (docs/webhooks.md).

export const WEBHOOK_OUTBOX_JOB = 'webhook.outbox';
export const WEBHOOK_OUTBOX_EVERY_MS = 5_000;
export const SETTLE_MS = 60_000;
const PAGE = 500;
/** Pages per run: keeps one job short (on PGlite its transaction holds the only session). */
const MAX_PAGES = 20;

// A literal list, so the planner can match the partial index audit_events_webhook_source_idx.
const SOURCE_IN = sql.raw(SOURCE_ACTIONS.map((a) => `'${a}'`).join(', '));

export function webhookOutboxJob(settings: WebhookSettings): JobHandler {
  return async ({ trx, log }) => {
    // One outbox at a time, whatever the number of workers.
    const state = await trx
      .selectFrom('webhook_outbox_state')
      .select('high_water_seq')
      .forUpdate()
      .executeTakeFirstOrThrow();
    const subscriptions = await trx
      .selectFrom('webhook_subscriptions')
      .select(['id', 'events', 'created_at'])
      .where('active', '=', true)
      .execute();
    const settledBefore = new Date(Date.now() - SETTLE_MS);
    let cursor = state.high_water_seq;
    let mark = state.high_water_seq;
    let created = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { rows } = await sql<SourceEvent & { seq: number }>`
        SELECT id, seq, action, entity_id, customer_id, occurred_at, data FROM audit_events
        WHERE action IN (${SOURCE_IN}) AND seq > ${cursor}
        ORDER BY seq LIMIT ${PAGE}`.execute(trx);
      for (const e of rows) {
        // The mark passes an event only once it has settled, and never past an unsettled one.
        if (mark === cursor && new Date(e.occurred_at) < settledBefore) mark = e.seq;
        cursor = e.seq;
      }
      if (subscriptions.length > 0) created += await createDeliveries(trx, rows, subscriptions, settings);
      if (rows.length < PAGE) break;
    }
    if (mark > state.high_water_seq) {
      await trx.updateTable('webhook_outbox_state').set({ high_water_seq: mark }).execute();
    }
    if (created > 0) log.info({ created, mark }, 'webhook deliveries created');
  };
}

async function createDeliveries(
  trx: Parameters<JobHandler>[0]['trx'],
  rows: SourceEvent[],
  subscriptions: { id: string; events: string[]; created_at: Date }[],
  settings: WebhookSettings,
): Promise<number> {
  const values = [];
  for (const row of rows) {
    const event = webhookEventOf(row);
    if (!event) continue;
    for (const s of subscriptions) {
      // A subscription hears of what happens after it was made, not of the history before.
      if (!s.events.includes(event.type) || new Date(event.occurredAt) < s.created_at) continue;
      values.push({
        id: newId(),
        subscription_id: s.id,
        event_id: event.id,
        event_kind: event.type,
        customer_id: row.customer_id,
        payload: JSON.stringify(event),
        attempt_limit: settings.retry.maxAttempts,
      });
    }
  }
  if (values.length === 0) return 0;
  const inserted = await trx
    .insertInto('webhook_deliveries')
    .values(values)
    .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
    .returning('id')
    .execute();
  for (const { id } of inserted) await enqueueWebhookAttempt(trx, id, 1);
  return inserted.length;
}
