import type { ClaimEscalationRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type EscalationView, toEscalationView } from './decision-schemas.ts';

/** One escalation with the claim number and the representative's name, for responses. */
export async function escalationView(db: Executor, row: ClaimEscalationRow): Promise<EscalationView> {
  const [view] = await escalationViews(db, [row]);
  return view as EscalationView;
}

async function escalationViews(db: Executor, rows: ClaimEscalationRow[]): Promise<EscalationView[]> {
  if (rows.length === 0) return [];
  const claimIds = [...new Set(rows.map((r) => r.claim_id))];
  const userIds = [...new Set(rows.flatMap((r) => (r.escalated_by ? [r.escalated_by] : [])))];
  const [claims, users] = await Promise.all([
    db.selectFrom('claims').select(['id', 'claim_number', 'version']).where('id', 'in', claimIds).execute(),
    userIds.length === 0
      ? []
      : db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute(),
  ]);
  return rows.map((r) => {
    const claim = claims.find((c) => c.id === r.claim_id);
    return toEscalationView(r, {
      claimNumber: claim?.claim_number ?? '',
      claimVersion: claim?.version ?? 0,
      escalatedByName: users.find((u) => u.id === r.escalated_by)?.display_name ?? null,
    });
  });
}

/**
 * The supervisor's desk: open escalations handed to them, oldest first (the longest wait is the
 * most urgent). The system actor sees every open escalation.
 */
export async function listOpenEscalations(opts: {
  db: Executor;
  actor: Actor;
  limit: number;
  offset: number;
}): Promise<{ items: EscalationView[]; total: number }> {
  assertCan(opts.actor, 'escalations:resolve');
  let q = opts.db.selectFrom('claim_escalations').where('status', '=', 'open');
  const me = actorId(opts.actor);
  if (me) q = q.where('escalated_to', '=', me);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('created_at').orderBy('id').limit(opts.limit).offset(opts.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: await escalationViews(opts.db, rows), total: Number(count.n) };
}

/**
 * Every escalation of a claim, oldest first: the history survives returns, decisions and appeals.
 * Internal (the representative's proposals and the supervisor's comments): staff only.
 */
export async function listClaimEscalations(opts: {
  db: Executor;
  actor: Actor;
  ref: string;
}): Promise<EscalationView[]> {
  assertCan(opts.actor, 'claims:read');
  if (opts.actor.role === 'customer') {
    throw new AppError('forbidden', 'Escalations are internal to the claims desk.');
  }
  const claim = await findClaimRow(opts.db, opts.actor, opts.ref);
  const rows = await opts.db
    .selectFrom('claim_escalations')
    .selectAll()
    .where('claim_id', '=', claim.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return escalationViews(opts.db, rows);
}
