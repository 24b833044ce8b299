import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
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
  if (inputs.some((e) => chainOf(e) !== chain)) {
    throw new Error(`recordAuditEvents: every event must belong to chain ${chain}`);
  }
  const rows = await prepareAuditEvents(trx, inputs);
  // seq (an identity column) follows the order of the VALUES list, so the chain stays in order.
  await trx.insertInto('audit_events').values(rows).execute();
  return rows.map((r) => r.id);
}

/** The chain an event belongs to: its customer's, or 'system'. */
export function chainOf(input: Pick<AuditInput, 'customerId'>): string {
  return input.customerId ?? 'system';
}

/** An audit_events row as inserted (seq is assigned by the database in insertion order). */
export type AuditEventRow = {
  id: string;
  chain: string;
  occurred_at: string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  customer_id: string | null;
  reason: string | null;
  /** JSON text. */
  data: string;
  prev_hash: string;
  hash: string;
};

/**
 * Serialises appends to these chains for the rest of the transaction: one statement, locks taken
 * in a fixed (sorted) order so that two writers locking overlapping sets cannot deadlock.
 */
export async function lockAuditChains(trx: Transaction<DB>, chains: Iterable<string>): Promise<void> {
  const list = [...new Set(chains)].sort();
  if (list.length === 0) return;
  if (list.length === 1) {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${list[0]}, 0))`.execute(trx);
    return;
  }
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(c, 0))
    FROM unnest(${list}::text[]) AS c ORDER BY c`.execute(trx);
}

/** The last hash of each chain (GENESIS_HASH for an empty one), in one query. */
export async function auditChainHeads(
  trx: Kysely<DB>,
  chains: Iterable<string>,
): Promise<Map<string, string>> {
  const list = [...new Set(chains)];
  const heads = new Map<string, string>(list.map((c) => [c, GENESIS_HASH]));
  if (list.length === 0) return heads;
  // Several chains: one backward probe of audit_events_chain_idx per chain, reading its head row
  // only (DISTINCT ON read and sorted every event of every chain: 2.5× slower at 5 events a chain,
  // and growing with the chains' length).
  const rows =
    list.length === 1
      ? await trx
          .selectFrom('audit_events')
          .select(['chain', 'hash'])
          .where('chain', '=', list[0] as string)
          .orderBy('seq', 'desc')
          .limit(1)
          .execute()
      : (
          await sql<{ chain: string; hash: string }>`
            SELECT c.chain, h.hash FROM unnest(${list}::text[]) AS c(chain)
            CROSS JOIN LATERAL (SELECT a.hash FROM audit_events a WHERE a.chain = c.chain
              ORDER BY a.seq DESC LIMIT 1) h`.execute(trx)
        ).rows;
  for (const r of rows) heads.set(r.chain, r.hash);
  return heads;
}

/**
 * Hashes events onto their chains, given each chain's current head (updated in place, so a caller
 * can hash several groups in turn). Pure: no I/O. Events keep their order within each chain.
 */
export function hashAuditEvents(
  heads: Map<string, string>,
  inputs: readonly AuditInput[],
  occurredAt: string = new Date().toISOString(),
): AuditEventRow[] {
  return inputs.map((input) => {
    const chain = chainOf(input);
    const prevHash = heads.get(chain) ?? GENESIS_HASH;
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
    heads.set(chain, hash);
    return {
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
  });
}

/**
 * Locks every chain the events touch (one statement), reads their heads (one query) and hashes
 * the events onto them: the rows to insert, in order, within this transaction. For callers that
 * write the rows themselves (e.g. with COPY); `appendAuditEvents` also inserts them.
 */
export async function prepareAuditEvents(
  trx: Transaction<DB>,
  inputs: readonly AuditInput[],
): Promise<AuditEventRow[]> {
  if (inputs.length === 0) return [];
  const chains = new Set(inputs.map(chainOf));
  await lockAuditChains(trx, chains);
  const heads = await auditChainHeads(trx, chains);
  return hashAuditEvents(heads, inputs);
}

/**
 * Appends events to any number of chains (bulk intake): one lock statement, one head query, one
 * INSERT. Events keep their order within each chain. Returns their ids in input order.
 */
export async function appendAuditEvents(
  trx: Transaction<DB>,
  inputs: readonly AuditInput[],
): Promise<string[]> {
  const rows = await prepareAuditEvents(trx, inputs);
  if (rows.length === 0) return [];
  await insertAuditEventRows(trx, rows);
  return rows.map((r) => r.id);
}

/** One INSERT … SELECT FROM unnest(…) for any number of prepared rows (no parameter limit). */
export async function insertAuditEventRows(
  trx: Transaction<DB>,
  rows: readonly AuditEventRow[],
): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof AuditEventRow>(k: K) => rows.map((r) => r[k]);
  // WITH ORDINALITY + ORDER BY keeps seq (an identity column) in the order of the rows.
  await sql`
    INSERT INTO audit_events (id, chain, occurred_at, actor_id, actor_role, action, entity_type,
      entity_id, customer_id, reason, data, prev_hash, hash)
    SELECT id, chain, occurred_at, actor_id, actor_role, action, entity_type, entity_id,
      customer_id, reason, data, prev_hash, hash
    FROM unnest(${col('id')}::uuid[], ${col('chain')}::text[], ${col('occurred_at')}::timestamptz[],
      ${col('actor_id')}::uuid[], ${col('actor_role')}::text[], ${col('action')}::text[],
      ${col('entity_type')}::text[], ${col('entity_id')}::uuid[], ${col('customer_id')}::uuid[],
      ${col('reason')}::text[], ${col('data')}::jsonb[], ${col('prev_hash')}::text[], ${col('hash')}::text[])
      WITH ORDINALITY AS t(id, chain, occurred_at, actor_id, actor_role, action, entity_type, entity_id,
        customer_id, reason, data, prev_hash, hash, n)
    ORDER BY n`.execute(trx);
}
