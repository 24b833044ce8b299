import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { deadlinePolicy } from '../deadlines/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { toQueueItem } from './list-queue.ts';

/** Who has the claim, its clocks with time left, and what it waits for: the workspace's side panel. */
export async function getClaimWork(opts: { db: Kysely<DB>; actor: Actor; ref: string; now?: Date }) {
  assertCan(opts.actor, 'claims:read');
  // Owners, escalations and internal service levels are the office's business; a customer follows
  // their claim's status and the requests addressed to them on the claim itself.
  if (opts.actor.kind === 'user' && opts.actor.role === 'customer') {
    throw new AppError('forbidden', 'The work view of a claim is for staff.');
  }
  const now = opts.now ?? new Date();
  const claim = await findClaimRow(opts.db, opts.actor, opts.ref);
  const item = await opts.db
    .selectFrom('work_items')
    .selectAll()
    .where('kind', '=', 'claim')
    .where('subject_id', '=', claim.id)
    .executeTakeFirst();
  const deadlines = item
    ? await opts.db
        .selectFrom('deadlines')
        .selectAll()
        .where('work_item_id', '=', item.id)
        .orderBy('created_at')
        .execute()
    : [];
  const requests = await opts.db
    .selectFrom('information_requests')
    .selectAll()
    .where('claim_id', '=', claim.id)
    .orderBy('created_at')
    .execute();
  return {
    claimId: claim.id,
    claimNumber: claim.claim_number,
    status: claim.status,
    workItem: item ? { ...toQueueItem(item, now), open: item.open } : null,
    deadlines: deadlines.map((d) => {
      const policy = deadlinePolicy(d.policy_code);
      return {
        id: d.id,
        policy: d.policy_code,
        label: policy.label,
        source: policy.source,
        status: d.status,
        state: d.state,
        startedAt: d.started_at.toISOString(),
        dueAt: d.due_at?.toISOString() ?? null,
        timeLeftMs: d.due_at && d.status === 'running' ? d.due_at.getTime() - now.getTime() : null,
        pauses: d.pauses,
        stageReached: d.stage_reached,
      };
    }),
    informationRequests: requests.map((r) => ({
      id: r.id,
      status: r.status,
      items: r.items,
      channel: r.channel,
      dueOn: r.due_on,
      remindersSent: r.reminders_sent,
      requestedBy: r.requested_by,
      answeredAt: r.answered_at?.toISOString() ?? null,
      answerChannel: r.answer_channel,
      createdAt: r.created_at.toISOString(),
    })),
  };
}
