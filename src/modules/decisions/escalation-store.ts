import type { Transaction } from 'kysely';
import type { ClaimEscalationRow, ClaimRow, DB, EscalationReason } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { AuditInput } from '../audit/index.ts';
import { assertTransition, transitionClaim } from '../claims/claim-lifecycle.ts';
import { customerContact, notify } from '../notifications/index.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { escalateClaimWork, openClaimWork, supervisorOf } from '../work/claim-work.ts';
import { workItemOf } from '../work/work-item-store.ts';
import type { Proposal } from './decision-schemas.ts';
import { escalationReasonText } from './decision-texts.ts';

// Escalations shared by the automatic (authority) and the manual path: one row per hand-over,
// the claim in 'escalated', its work item with the supervisor, and the supervisor told in the app.
// All in the caller's transaction, which holds the claim row lock.

/**
 * Hands the claim to the decider's supervisor (their manager, else a supervisor of their team,
 * else a supervisor of the work item's team). Refused when there is nobody: a claim escalated to
 * no one would sit in no queue.
 */
export async function openEscalation(
  trx: Transaction<DB>,
  opts: {
    claim: ClaimRow;
    actor: Actor;
    reason: EscalationReason;
    comment: string | null;
    proposal: Proposal;
  },
): Promise<{ escalation: ClaimEscalationRow; events: AuditInput[] }> {
  const { claim, actor } = opts;
  // escalated → escalated is not in the table either: one open escalation per claim.
  assertTransition(claim.status, 'escalated');
  const events: AuditInput[] = [];
  // A claim registered before work items existed has none yet; it gets one like any other.
  if (!(await workItemOf(trx, 'claim', claim.id))) {
    events.push(...(await openClaimWork(trx, { claimId: claim.id, actor, reason: 'Escalated' })));
  }
  const item = await workItemOf(trx, 'claim', claim.id);
  const target =
    (await supervisorOf(trx, actorId(actor))) ?? (await teamSupervisor(trx, item?.team, actorId(actor)));
  if (!target || target === actorId(actor)) {
    throw new AppError('escalation_target_missing', `Nobody to escalate claim ${claim.claim_number} to.`, {
      extra: { claimNumber: claim.claim_number },
    });
  }
  const escalation = await trx
    .insertInto('claim_escalations')
    .values({
      id: newId(),
      claim_id: claim.id,
      customer_id: claim.customer_id,
      reason: opts.reason,
      comment: opts.comment,
      proposal: opts.proposal ? JSON.stringify(opts.proposal) : null,
      escalated_by: actorId(actor),
      escalated_to: target,
      status: 'open',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const moved = await transitionClaim(trx, claim.id, 'escalated', {
    actor,
    reason: `Escalated (${opts.reason})${opts.comment ? `: ${opts.comment}` : ''}`,
    data: { escalationId: escalation.id },
  });
  events.push(
    {
      actor,
      action: 'claim.escalated',
      entityType: 'claim',
      entityId: claim.id,
      customerId: claim.customer_id,
      reason: opts.comment,
      data: {
        claimNumber: claim.claim_number,
        escalationId: escalation.id,
        escalationReason: opts.reason,
        escalatedTo: target,
        proposal: opts.proposal,
      },
    },
    ...(moved ? [moved] : []),
    ...(await escalateClaimWork(trx, { claimId: claim.id, toUserId: target, actor, reason: opts.reason })),
  );
  const supervisor = await trx
    .selectFrom('users')
    .select('locale')
    .where('id', '=', target)
    .executeTakeFirstOrThrow();
  await notify(trx, {
    audience: 'staff',
    userId: target,
    customerId: claim.customer_id,
    kind: 'claim.escalated',
    language: supervisor.locale,
    params: {
      reference: claim.claim_number,
      reason: escalationReasonText(supervisor.locale, opts.reason, opts.comment),
    },
    entityType: 'claim',
    entityId: claim.id,
    dedupeKey: `escalated:${escalation.id}`,
  });
  // The customer is told a senior colleague decides (never why: the reason is internal).
  const contact = await customerContact(trx, claim.customer_id);
  await notify(trx, {
    audience: 'customer',
    customerId: claim.customer_id,
    channel: contact.channel,
    kind: 'claim.escalated_to_senior',
    language: contact.language,
    params: { reference: claim.claim_number },
    entityType: 'claim',
    entityId: claim.id,
    dedupeKey: `escalated-customer:${escalation.id}`,
  });
  return { escalation, events };
}

/** The claim's open escalation, locked; null when it has none. */
export async function openEscalationOf(
  trx: Transaction<DB>,
  claimId: string,
): Promise<ClaimEscalationRow | null> {
  return (
    (await trx
      .selectFrom('claim_escalations')
      .selectAll()
      .where('claim_id', '=', claimId)
      .where('status', '=', 'open')
      .forUpdate()
      .executeTakeFirst()) ?? null
  );
}

/** Closes the open escalation as decided or returned; a second resolver finds it closed (409). */
export async function resolveEscalation(
  trx: Transaction<DB>,
  opts: {
    escalation: ClaimEscalationRow;
    actor: Actor;
    status: 'decided' | 'returned';
    comment: string | null;
  },
): Promise<ClaimEscalationRow> {
  const row = await trx
    .updateTable('claim_escalations')
    .set({
      status: opts.status,
      resolved_by: actorId(opts.actor),
      resolved_at: new Date(),
      resolution_comment: opts.comment,
    })
    .where('id', '=', opts.escalation.id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('version_conflict', 'The escalation was resolved by someone else; reload.');
  return row;
}

async function teamSupervisor(
  trx: Transaction<DB>,
  team: string | null | undefined,
  exceptUserId: string | null,
): Promise<string | null> {
  if (!team) return null;
  let q = trx
    .selectFrom('users')
    .select('id')
    .where('team', '=', team)
    .where('role', '=', 'supervisor')
    .where('active', '=', true);
  if (exceptUserId) q = q.where('id', '!=', exceptUserId);
  return (await q.orderBy('id').executeTakeFirst())?.id ?? null;
}
