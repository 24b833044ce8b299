import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, canSeeCustomer } from '../users/permissions.ts';
import { type ClaimView, toClaimView } from './claim-schemas.ts';

const CLAIM_NUMBER = /^CLM-\d{4}-\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By id or by the number read out on the phone (CLM-2026-000123). */
export async function getClaim(opts: { db: Kysely<DB>; actor: Actor; ref: string }): Promise<ClaimView> {
  assertCan(opts.actor, 'claims:read');
  const ref = opts.ref.trim().toUpperCase();
  if (!CLAIM_NUMBER.test(ref) && !UUID.test(ref)) throw new AppError('not_found', 'No such claim.');
  const claim = await opts.db
    .selectFrom('claims')
    .selectAll()
    .where(
      CLAIM_NUMBER.test(ref) ? 'claim_number' : 'id',
      '=',
      CLAIM_NUMBER.test(ref) ? ref : ref.toLowerCase(),
    )
    .executeTakeFirst();
  if (!claim || !canSeeCustomer(opts.actor, claim.customer_id))
    throw new AppError('not_found', 'No such claim.');
  const lines = await opts.db
    .selectFrom('claim_lines')
    .selectAll()
    .where('claim_id', '=', claim.id)
    .execute();
  return toClaimView(claim, lines);
}

export async function listClaims(opts: {
  db: Kysely<DB>;
  actor: Actor;
  customerId?: string | undefined;
  policyId?: string | undefined;
  limit: number;
  offset: number;
}): Promise<{ items: ClaimView[]; total: number }> {
  assertCan(opts.actor, 'claims:read');
  let q = opts.db.selectFrom('claims');
  // Customers see only their own claims whatever filter they send.
  if (opts.actor.kind === 'user' && opts.actor.role === 'customer')
    q = q.where('customer_id', '=', opts.actor.customerId ?? '');
  if (opts.customerId) q = q.where('customer_id', '=', opts.customerId);
  if (opts.policyId) q = q.where('policy_id', '=', opts.policyId);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('registered_at', 'desc')
      .orderBy('id', 'desc')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const lines = rows.length
    ? await opts.db
        .selectFrom('claim_lines')
        .selectAll()
        .where(
          'claim_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return {
    items: rows.map((r) =>
      toClaimView(
        r,
        lines.filter((l) => l.claim_id === r.id),
      ),
    ),
    total: Number(count.n),
  };
}
