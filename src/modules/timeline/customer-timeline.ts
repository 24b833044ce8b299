import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { keysetPage } from '../../lib/keyset-cursor.ts';
import { assertCustomerExists } from '../customers/find-customers.ts';
import { assertCustomerWideView } from '../referrals/department-reach.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor.ts';
import { TIMELINE_BRANCHES, TIMELINE_KINDS, type TimelineKind } from './timeline-sources.ts';

// Everything about one customer in one list, newest first: claims, decisions, requests for
// information, service cases, referrals, case messages, what we sent them, documents, payments and
// account changes. Each requested source gives its newest `limit + 1` rows before the cursor (an
// index range each); the union of those holds the page, whatever is interleaved.

export type TimelineEntry = {
  id: string;
  kind: TimelineKind;
  occurredAt: string;
  reference: string | null;
  title: string | null;
  status: string | null;
  amountMinor: number | null;
  currency: string | null;
  channel: string | null;
  entityType: string;
  entityId: string;
  parentId: string | null;
};

type Row = {
  id: string;
  kind: TimelineKind;
  at: Date;
  /** at to the microsecond, for the cursor */
  at_text: string;
  reference: string | null;
  title: string | null;
  status: string | null;
  amount_minor: number | string | null;
  currency: string | null;
  channel: string | null;
  entity_type: string;
  entity_id: string;
  parent_id: string | null;
};

export async function customerTimeline(opts: {
  db: Kysely<DB>;
  actor: Actor;
  customerId: string;
  kinds?: readonly TimelineKind[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  cursor?: string | undefined;
}): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
  assertCan(opts.actor, 'timeline:read');
  assertCustomerWideView(opts.actor);
  await assertCustomerExists(opts.db, opts.customerId);
  const before = opts.cursor ? decodeTimelineCursor(opts.cursor) : null;
  const kinds = opts.kinds && opts.kinds.length > 0 ? [...new Set(opts.kinds)] : TIMELINE_KINDS;
  const filter = {
    customerId: opts.customerId,
    before: before ? { at: before.at, id: before.id } : null,
    from: opts.from ?? null,
    to: opts.to ?? null,
    take: opts.limit + 1,
    // Department agents see only referrals to their own department (docs/security.md, scoping).
    referralDepartment:
      opts.actor.kind === 'user' && opts.actor.role === 'department_agent'
        ? (opts.actor.department ?? '')
        : null,
  };
  const branches = kinds.map((k) => TIMELINE_BRANCHES[k](filter));
  const { rows } = await sql<Row>`
    SELECT *, at::text AS at_text FROM (${sql.join(branches, sql` UNION ALL `)}) AS t(id, kind, at, reference, title, status,
      amount_minor, currency, channel, entity_type, entity_id, parent_id)
    ORDER BY at DESC, id DESC
    LIMIT ${opts.limit + 1}`.execute(opts.db);
  return keysetPage(rows, opts.limit, toEntry, (last) =>
    encodeTimelineCursor({ at: last.at_text, id: last.id }),
  );
}

function toEntry(r: Row): TimelineEntry {
  return {
    id: r.id,
    kind: r.kind,
    occurredAt: new Date(r.at).toISOString(),
    reference: r.reference,
    title: r.title,
    status: r.status,
    amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
    currency: r.currency,
    channel: r.channel,
    entityType: r.entity_type,
    entityId: r.entity_id,
    parentId: r.parent_id,
  };
}
