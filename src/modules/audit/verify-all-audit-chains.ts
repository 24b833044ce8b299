import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { GENESIS_HASH } from './record-audit-event.ts';
import { storedEventHash } from './verify-audit-chain.ts';

// Verifies every chain (or some) in one pass over audit_events in (chain, seq) order, a page at a
// time by keyset on the (chain, seq) index: memory stays at one page however many millions of
// events there are, and no page query repeats work (no OFFSET). Events are append-only and a
// chain's appends are serialised, so new events arriving during the pass only extend chains.

/** The first event of a chain whose link does not hold. */
export type BrokenLink = {
  chain: string;
  seq: number;
  eventId: string;
  action: string;
  occurredAt: Date;
  /** prev_hash: it does not point at the previous event; hash: the event's content was changed. */
  problem: 'prev_hash' | 'hash';
};

export type AuditVerification = {
  chains: number;
  events: number;
  intact: boolean;
  /** Chains with a broken link (all of them counted; `broken` lists the first `maxReported`). */
  brokenChains: number;
  broken: BrokenLink[];
};

export const DEFAULT_PAGE_SIZE = 5000;

export async function verifyAllAuditChains(
  db: Kysely<DB>,
  opts: {
    /** Only these chains (default: all). */
    chains?: readonly string[];
    pageSize?: number;
    maxReported?: number;
    onProgress?: (progress: { chains: number; events: number }) => void;
  } = {},
): Promise<AuditVerification> {
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxReported = opts.maxReported ?? 100;
  const result: AuditVerification = { chains: 0, events: 0, intact: true, brokenChains: 0, broken: [] };
  let chain: string | undefined;
  let prev = GENESIS_HASH;
  let chainBroken = false;
  let after: { chain: string; seq: number } | undefined;

  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().orderBy('chain').orderBy('seq').limit(pageSize);
    if (opts.chains) query = query.where('chain', '=', sql<string>`ANY(${[...opts.chains]}::text[])`);
    if (after) query = query.where(sql<boolean>`(chain, seq) > (${after.chain}, ${after.seq}::bigint)`);
    const rows = await query.execute();

    for (const r of rows) {
      if (r.chain !== chain) {
        chain = r.chain;
        prev = GENESIS_HASH;
        chainBroken = false;
        result.chains++;
      }
      result.events++;
      if (chainBroken) continue; // after the first broken link, later ones tell nothing new
      const expected = storedEventHash(prev, r);
      if (r.prev_hash !== prev || r.hash !== expected) {
        chainBroken = true;
        result.intact = false;
        result.brokenChains++;
        if (result.broken.length < maxReported) {
          result.broken.push({
            chain: r.chain,
            seq: r.seq,
            eventId: r.id,
            action: r.action,
            occurredAt: r.occurred_at,
            problem: r.prev_hash !== prev ? 'prev_hash' : 'hash',
          });
        }
      }
      prev = r.hash;
    }
    opts.onProgress?.({ chains: result.chains, events: result.events });
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) break;
    after = { chain: last.chain, seq: last.seq };
  }
  return result;
}
