import type { Kysely, Selectable } from 'kysely';
import type { AuditEventsTable, DB } from '../../db/schema.ts';
import { eventHash, GENESIS_HASH } from './record-audit-event.ts';

export type ChainVerdict =
  | { chain: string; events: number; ok: true }
  | { chain: string; events: number; ok: false; brokenAtSeq: number };

/** The hash a stored event should carry after `prev`: what was hashed when it was appended. */
export function storedEventHash(prev: string, r: Selectable<AuditEventsTable>): string {
  return eventHash(prev, {
    id: r.id,
    chain: r.chain,
    occurredAt: r.occurred_at.toISOString(),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    customerId: r.customer_id,
    reason: r.reason,
    data: r.data,
  });
}

/** Recomputes every hash of one chain from its first event; the first mismatch is reported. */
export async function verifyAuditChain(db: Kysely<DB>, chain: string): Promise<ChainVerdict> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('chain', '=', chain)
    .orderBy('seq')
    .execute();
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const expected = storedEventHash(prev, r);
    if (r.prev_hash !== prev || r.hash !== expected)
      return { chain, events: rows.length, ok: false, brokenAtSeq: r.seq };
    prev = r.hash;
  }
  return { chain, events: rows.length, ok: true };
}
