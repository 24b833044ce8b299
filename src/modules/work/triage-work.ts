import { sql, type Transaction } from 'kysely';
import type { DB, Language, WorkItemRow } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import type { Actor } from '../users/actor.ts';
import { workEvent } from './claim-work.ts';
import { workItemOf } from './work-item-store.ts';

// The triage side of work items: an inbound message (an email, a scanned letter) that nobody
// could match to a claim or case is a piece of work of its own until a person links it, opens a
// claim from it, or decides it needs nothing. Its subject is the inbound_messages row; its
// customer may be unknown (work_items.customer_id is NULL only for triage, migration
// 20261121192000_inbound). It waits, unowned, in the team queue of the country its language or
// sender suggests (any member may take it), else in no team's queue, and always in
// GET /inbound-messages?status=triage. It has no legal clock: the clock belongs to the claim or
// case the message turns out to be about. Every function runs in the caller's transaction and
// returns the audit events for the caller to append.

export type OpenTriageWorkOptions = {
  inboundMessageId: string;
  customerId: string | null;
  /** What people see in the queue: the sender or the scan, e.g. "MSG-1a2b3c4d". */
  reference: string;
  summary: string;
  language: Language;
  /** The country whose team sorts it (from the language, the sender's domain or the customer). */
  country: 'SE' | 'IT' | null;
  actor: Actor;
  now?: Date;
};

/**
 * Puts the message in the triage queue of its country's team and tells that team's supervisors.
 * Idempotent: a message that already has its item gets it back unchanged.
 */
export async function openTriageWork(
  trx: Transaction<DB>,
  opts: OpenTriageWorkOptions,
): Promise<{ item: WorkItemRow; events: AuditInput[] }> {
  const existing = await workItemOf(trx, 'triage', opts.inboundMessageId);
  if (existing) return { item: existing, events: [] };
  const team = opts.country ? await triageTeam(trx, opts.country) : null;
  const item = await trx
    .insertInto('work_items')
    .values({
      id: newId(),
      kind: 'triage',
      subject_id: opts.inboundMessageId,
      customer_id: opts.customerId,
      reference: opts.reference.slice(0, 64),
      summary: opts.summary.slice(0, 200),
      subject_status: 'triage',
      owner_id: null,
      team: team?.code ?? null,
      department: team?.department ?? null,
      language: opts.language,
      product_code: null,
      amount_minor: null,
      currency: null,
      ...(opts.now ? { created_at: opts.now, updated_at: opts.now } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (team) {
    const supervisors = await trx
      .selectFrom('users')
      .select(['id', 'locale'])
      .where('team', '=', team.code)
      .where('role', '=', 'supervisor')
      .where('active', '=', true)
      .execute();
    for (const s of supervisors) {
      await notify(trx, {
        audience: 'staff',
        userId: s.id,
        customerId: opts.customerId,
        kind: 'inbound.triage',
        language: s.locale,
        params: { reference: item.reference, summary: item.summary || '—' },
        entityType: 'inbound_message',
        entityId: opts.inboundMessageId,
        dedupeKey: `triage:${opts.inboundMessageId}:${s.id}`,
      });
    }
  }
  const rule = team ? `team of ${opts.country}` : 'no team (country unknown)';
  return {
    item,
    events: [workEvent(opts.actor, item, 'work_item.opened', `Inbound message to sort: ${rule}.`, {})],
  };
}

/**
 * The message was sorted (linked, made a claim, or set aside): its item leaves the queues, and
 * takes the customer a person identified. A closed or missing item is a no-op.
 */
export async function closeTriageWork(
  trx: Transaction<DB>,
  opts: {
    inboundMessageId: string;
    customerId: string | null;
    status: string;
    actor: Actor;
    reason: string;
    now?: Date;
  },
): Promise<AuditInput[]> {
  const item = await workItemOf(trx, 'triage', opts.inboundMessageId);
  if (!item?.open) return [];
  const closed = await trx
    .updateTable('work_items')
    .set((eb) => ({
      open: false,
      customer_id: opts.customerId ?? item.customer_id,
      subject_status: opts.status,
      version: eb('version', '+', 1),
      updated_at: opts.now ?? new Date(),
    }))
    .where('id', '=', item.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return [workEvent(opts.actor, closed, 'work_item.closed', opts.reason, {})];
}

/** The team that sorts a country's mail: a catch-all team of the country before a specialised one. */
function triageTeam(trx: Transaction<DB>, country: 'SE' | 'IT') {
  return trx
    .selectFrom('teams')
    .select(['code', 'department'])
    .where('country', '=', country)
    .orderBy(sql`cardinality(product_codes) = 0`, 'desc')
    .orderBy('code')
    .executeTakeFirst();
}
