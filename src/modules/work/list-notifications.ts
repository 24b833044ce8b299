import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../users/actor.ts';

/** Staff see their in-app notices; a customer sees the notices sent to them on any channel. */
export async function listMyNotifications(opts: { db: Kysely<DB>; actor: Actor; limit: number }) {
  const { actor } = opts;
  if (actor.kind !== 'user') return { items: [] };
  let q = opts.db.selectFrom('notifications').selectAll();
  q =
    actor.role === 'customer' && actor.customerId
      ? q.where('audience', '=', 'customer').where('customer_id', '=', actor.customerId)
      : q.where('user_id', '=', actor.userId);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(opts.limit).execute();
  return {
    items: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      channel: n.channel,
      language: n.language,
      subject: n.subject,
      body: n.body,
      entityType: n.entity_type,
      entityId: n.entity_id,
      createdAt: n.created_at.toISOString(),
      readAt: n.read_at?.toISOString() ?? null,
    })),
  };
}
