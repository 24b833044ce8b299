import { type Kysely, sql } from 'kysely';
import type { ClaimRow, DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { claimInReach, departmentScope, reaches } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, canSeeCustomer } from '../users/permissions.ts';
import type { ClaimView } from './claim-schemas.ts';
import { loadClaimView, loadClaimViews } from './load-claim-views.ts';

const CLAIM_NUMBER = /^CLM-\d{4}-\d{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The claim row by id or by the number read out on the phone (CLM-2026-000123), if the actor may
 * see it (404 otherwise, never 403). `forUpdate` locks it for a change in the caller's transaction.
 */
export async function findClaimRow(
  db: Executor,
  actor: Actor,
  ref: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ClaimRow> {
  const wanted = ref.trim().toUpperCase();
  const byNumber = CLAIM_NUMBER.test(wanted);
  if (!byNumber && !UUID.test(wanted)) throw new AppError('not_found', 'No such claim.');
  let q = db
    .selectFrom('claims')
    .selectAll()
    .where(byNumber ? 'claim_number' : 'id', '=', byNumber ? wanted : wanted.toLowerCase());
  if (opts.forUpdate) q = q.forUpdate();
  const claim = await q.executeTakeFirst();
  // A department agent reaches only claims a case referred to their department is about.
  if (!claim || !canSeeCustomer(actor, claim.customer_id) || !(await reaches(db, actor, 'claim', claim.id))) {
    throw new AppError('not_found', 'No such claim.');
  }
  return claim;
}

/** By id or by the number read out on the phone (CLM-2026-000123). */
export async function getClaim(opts: { db: Kysely<DB>; actor: Actor; ref: string }): Promise<ClaimView> {
  assertCan(opts.actor, 'claims:read');
  return loadClaimView(opts.db, await findClaimRow(opts.db, opts.actor, opts.ref));
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
  const department = departmentScope(opts.actor);
  if (department !== null) q = q.where(claimInReach(department, sql.ref('claims.id')));
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
  return {
    items: await loadClaimViews(opts.db, rows),
    total: Number(count.n),
  };
}
