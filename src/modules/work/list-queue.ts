import { type Kysely, sql } from 'kysely';
import type { DB, WorkItemDeadlineState, WorkItemKind, WorkItemRow } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import {
  decodeKeysetCursor,
  encodeKeysetCursor,
  isDateText,
  isInteger,
  isUuidText,
  keysetPage,
} from '../../lib/keyset-cursor.ts';
import { NO_DEADLINE } from '../deadline-store/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { decodeCursor, encodeCursor } from './queue-cursor.ts';

export const QUEUES = ['personal', 'team', 'unassigned', 'department', 'escalations'] as const;
export type QueueName = (typeof QUEUES)[number];
/** deadline (the default and the index order), priority (1 first), amount (largest first). */
export const QUEUE_SORTS = ['deadline', 'priority', 'amount'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const QUEUE_KINDS = ['claim', 'service_case', 'referral', 'triage'] as const;
export const QUEUE_DEADLINE_STATES = ['none', 'on_track', 'warning', 'breached', 'paused'] as const;

export type QueueItem = {
  id: string;
  kind: WorkItemKind;
  subjectId: string;
  reference: string;
  summary: string;
  status: string;
  /** null only for a triage item about a message from someone we do not know yet. */
  customerId: string | null;
  ownerId: string | null;
  team: string | null;
  department: string | null;
  escalatedTo: string | null;
  escalationLevel: number;
  priority: number;
  dueAt: string | null;
  timeLeftMs: number | null;
  deadlineState: WorkItemDeadlineState;
  language: string;
  productCode: string | null;
  amountMinor: number | null;
  currency: string | null;
  version: number;
};

/**
 * One page of a queue, deadline first, then priority, then id (the index order of every queue, so
 * each page is one index range scan). personal: mine; team: my team's (or `team`); unassigned: my
 * team's (or `team`) with no owner; department: referrals to my department (or `department`);
 * escalations: handed to me.
 */
export async function listQueue(opts: {
  db: Kysely<DB>;
  actor: Actor;
  queue: QueueName;
  team?: string | undefined;
  department?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  sort?: QueueSort | undefined;
  kind?: WorkItemKind | undefined;
  deadlineState?: WorkItemDeadlineState | undefined;
  product?: string | undefined;
  now?: Date;
}): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  const { actor } = opts;
  assertCan(actor, 'queues:read');
  if (actor.kind !== 'user') throw new AppError('forbidden', 'Queues belong to people.');
  const now = opts.now ?? new Date();
  let q = opts.db.selectFrom('work_items').selectAll().where('open', '=', true);
  switch (opts.queue) {
    case 'personal':
      q = q.where('owner_id', '=', actor.userId);
      break;
    case 'escalations':
      q = q.where('escalated_to', '=', actor.userId);
      break;
    case 'team':
    case 'unassigned': {
      // Teams work claims and cases; a department agent reads only what referrals reach
      // (docs/security.md): another team's queue is "not found", as another department's is.
      if (actor.role === 'department_agent')
        throw new AppError('not_found', 'No team queue that you may read: your work is your department’s.');
      const team = opts.team ?? actor.team;
      if (!team) throw queueScopeError('team', 'You are in no team; name one with ?team=.');
      q = q.where('team', '=', team);
      if (opts.queue === 'unassigned') q = q.where('owner_id', 'is', null);
      break;
    }
    case 'department': {
      const department = opts.department ?? actor.department;
      if (!department)
        throw queueScopeError('department', 'You are in no department; name one with ?department=.');
      // A department agent works their own department's referrals only (they are told "not
      // found" for another's, as for a referral they may not see); claims staff may look anywhere.
      if (actor.role === 'department_agent' && department !== actor.department)
        throw new AppError('not_found', `No queue for department ${department} that you may read.`);
      q = q.where('department', '=', department);
      break;
    }
  }
  // Filters narrow the same index range (they are not in the index: a filtered page may read
  // more rows, never more pages).
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.deadlineState) q = q.where('deadline_state', '=', opts.deadlineState);
  if (opts.product) q = q.where('product_code', '=', opts.product);
  const sort = opts.sort ?? 'deadline';
  if (sort === 'deadline') {
    if (opts.cursor) {
      const key = decodeCursor(opts.cursor);
      q = q.where(
        sql<boolean>`(due_at, priority, id) > (${new Date(key.dueAt)}::timestamptz, ${key.priority}, ${key.id}::uuid)`,
      );
    }
    const rows = await q
      .orderBy('due_at')
      .orderBy('priority')
      .orderBy('id')
      .limit(opts.limit + 1)
      .execute();
    return keysetPage(
      rows,
      opts.limit,
      (row) => toQueueItem(row, now),
      (last) => encodeCursor({ dueAt: last.due_at.toISOString(), priority: last.priority, id: last.id }),
    );
  }
  // The other orders are keyset-paged too, on (first key, due_at, id); the amount key is the
  // negated amount (largest first, no amount last) so that one ascending row comparison pages it.
  const first = sort === 'priority' ? sql<number>`priority` : sql<number>`(-coalesce(amount_minor, -1))`;
  if (opts.cursor) {
    const [tag, k, dueAt, id] = decodeKeysetCursor(opts.cursor, [
      isSortTag,
      isInteger,
      isDateText,
      isUuidText,
    ]);
    if (tag !== sort)
      throw new AppError('validation_failed', 'The cursor belongs to another sort order.', {
        errors: [
          {
            in: 'query',
            path: ['cursor'],
            code: 'invalid_cursor',
            message: 'Use nextCursor from the previous page of the same sort.',
          },
        ],
      });
    q = q.where(sql<boolean>`(${first}, due_at, id) > (${k}, ${new Date(dueAt)}::timestamptz, ${id}::uuid)`);
  }
  const rows = await q
    .orderBy(first)
    .orderBy('due_at')
    .orderBy('id')
    .limit(opts.limit + 1)
    .execute();
  const keyOf = (row: WorkItemRow) => (sort === 'priority' ? row.priority : -(row.amount_minor ?? -1));
  return keysetPage(
    rows,
    opts.limit,
    (row) => toQueueItem(row, now),
    (last) => encodeKeysetCursor([sort, keyOf(last), last.due_at.toISOString(), last.id]),
  );
}

const isSortTag = (v: unknown): v is QueueSort => v === 'priority' || v === 'amount';

function queueScopeError(field: string, message: string): AppError {
  return new AppError('validation_failed', message, {
    errors: [{ in: 'query', path: [field], code: 'required', message }],
  });
}

export function toQueueItem(row: WorkItemRow, now: Date): QueueItem {
  const hasDeadline = row.due_at.getTime() < NO_DEADLINE.getTime();
  return {
    id: row.id,
    kind: row.kind,
    subjectId: row.subject_id,
    reference: row.reference,
    summary: row.summary,
    status: row.subject_status,
    customerId: row.customer_id,
    ownerId: row.owner_id,
    team: row.team,
    department: row.department,
    escalatedTo: row.escalated_to,
    escalationLevel: row.escalation_level,
    priority: row.priority,
    dueAt: hasDeadline ? row.due_at.toISOString() : null,
    timeLeftMs: hasDeadline ? row.due_at.getTime() - now.getTime() : null,
    deadlineState: row.deadline_state,
    language: row.language,
    productCode: row.product_code,
    amountMinor: row.amount_minor,
    currency: row.currency,
    version: row.version,
  };
}
