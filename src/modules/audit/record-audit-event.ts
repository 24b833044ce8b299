import { createHash } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, actorId } from '../users/actor.ts';

// Every change appends one event in the same transaction as the change itself, so there is no
// change without its history and no history of a change that was rolled back. Events form a hash
// chain per customer ('system' for organisation-wide changes): altering or removing an old event
// breaks every later hash, which `verifyAuditChain` detects. The table also refuses UPDATE/DELETE.

export const GENESIS_HASH = '0'.repeat(64);

export type AuditInput = {
  actor: Actor;
  action: string; // 'customer.created', 'claim.registered', …
  entityType: string;
  entityId: string;
  customerId: string | null;
  reason?: string | null;
  data?: Record<string, unknown>;
};

export type HashedFields = {
  id: string;
  chain: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  customerId: string | null;
  reason: string | null;
  data: unknown;
};

export function eventHash(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}

export async function recordAuditEvent(trx: Transaction<DB>, input: AuditInput): Promise<string> {
  const [id] = await recordAuditEvents(trx, input.customerId, [input]);
  return id as string;
}

/**
 * Appends several events to one chain under one lock and one INSERT (bulk paths such as the
 * demo seed and imports). Every input must belong to `customerId`'s chain. Returns their ids.
 */
export async function recordAuditEvents(
  trx: Transaction<DB>,
  customerId: string | null,
  inputs: readonly AuditInput[],
): Promise<string[]> {
  if (inputs.length === 0) return [];
  const chain = customerId ?? 'system';
  if (inputs.some((e) => (e.customerId ?? 'system') !== chain)) {
    throw new Error(`recordAuditEvents: every event must belong to chain ${chain}`);
  }
  // Serialise appends to one chain (two concurrent writers would both link to the same parent).
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${chain}, 0))`.execute(trx);
  const last = await trx
    .selectFrom('audit_events')
    .select('hash')
    .where('chain', '=', chain)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  const occurredAt = new Date().toISOString();
  const rows = inputs.map((input) => {
    const fields: HashedFields = {
      id: newId(),
      chain,
      occurredAt,
      actorId: actorId(input.actor),
      actorRole: input.actor.role,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      customerId: input.customerId,
      reason: input.reason ?? null,
      data: input.data ?? {},
    };
    const hash = eventHash(prevHash, fields);
    const row = {
      id: fields.id,
      chain,
      occurred_at: occurredAt,
      actor_id: fields.actorId,
      actor_role: fields.actorRole,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      customer_id: fields.customerId,
      reason: fields.reason,
      data: JSON.stringify(fields.data),
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  // seq (an identity column) follows the order of the VALUES list, so the chain stays in order.
  await trx.insertInto('audit_events').values(rows).execute();
  return rows.map((r) => r.id);
}
