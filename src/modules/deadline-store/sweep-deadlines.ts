import { sql, type Transaction } from 'kysely';
import type { DB, DeadlineRow, Language } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { type AuditInput, appendAuditEvents } from '../audit/index.ts';
import { deadlinePolicy, type Threshold } from '../deadlines/index.ts';
import { type Notice, renderNotice } from '../notifications/index.ts';
import { systemActor } from '../users/actor.ts';
import { clockColumns, thresholdsToAct } from './clock-state.ts';
import { alertRecipient, type Org } from './escalation-target.ts';
import { NO_DEADLINE } from './refresh-work-item-deadline.ts';

// The deadline sweep: every clock whose next threshold has passed gets, for each threshold
// crossed, one alert (warning → the owner; breach → the owner's supervisor, who gets the item
// escalated; second escalation → their manager), a notification and an audit event, exactly once.
// Exactly once has two guards: rows are taken FOR UPDATE SKIP LOCKED (two workers never hold the
// same clock) and deadline_alerts is unique on (deadline, stage) (a repeat inserts nothing, and
// only inserted alerts act). Everything is set-based per batch: a few statements for hundreds of
// clocks, so the sweep's cost follows what is due, not what is open.

export const SWEEP_ACTOR = systemActor('deadline-sweep');

export type SweepResult = { clocks: number; alerts: number; escalations: number };

export async function sweepDeadlines(
  trx: Transaction<DB>,
  opts: {
    now: Date;
    limit: number;
    /** Only these customers' clocks (a by-hand re-run for one customer; tests on a shared database). */
    customerIds?: readonly string[];
  },
): Promise<SweepResult> {
  const { now } = opts;
  let query = trx
    .selectFrom('deadlines')
    .selectAll()
    .where('status', '=', 'running')
    .where('next_check_at', '<=', now);
  if (opts.customerIds) query = query.where('customer_id', 'in', [...opts.customerIds]);
  const taken = await query.orderBy('next_check_at').limit(opts.limit).forUpdate().skipLocked().execute();
  if (taken.length === 0) return { clocks: 0, alerts: 0, escalations: 0 };
  // People lock an item before its clocks (a decision, a request for information); the sweep finds
  // clocks first. So the sweep never waits for an item: it locks the items it can, in id order,
  // and leaves the clocks of an item someone is working on right now to the next sweep. No lock
  // cycle can form with a person's transaction or with another worker's sweep.
  const itemIds = [...new Set(taken.map((r) => r.work_item_id))].sort();
  const lockedItems = await trx
    .selectFrom('work_items')
    .select('id')
    .where('id', 'in', itemIds)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
  const lockedIds = new Set(lockedItems.map((i) => i.id));
  const rows = taken.filter((r) => lockedIds.has(r.work_item_id));
  if (rows.length === 0) return { clocks: taken.length, alerts: 0, escalations: 0 };

  const planned = rows.map((row) => ({ row, ...thresholdsToAct(row, now) }));
  const alertRows = planned.flatMap(({ row, passed }) =>
    passed.map((t) => ({ row, threshold: t, id: newId() })),
  );
  const inserted = new Set<string>();
  let escalations = 0;
  let escalate = new Map<string, { to: string; level: number }>();
  if (alertRows.length > 0) {
    const org = await loadOrg(trx, rows);
    const items = await loadItems(trx, rows);
    const values = alertRows.map(({ row, threshold, id }) => {
      const item = items.get(row.work_item_id);
      return {
        id,
        deadline_id: row.id,
        work_item_id: row.work_item_id,
        customer_id: row.customer_id,
        stage: threshold.stage,
        kind: threshold.kind,
        notified_user_id: item ? alertRecipient(org, threshold.kind, item) : null,
      };
    });
    const done = await trx
      .insertInto('deadline_alerts')
      .values(values)
      .onConflict((oc) => oc.columns(['deadline_id', 'stage']).doNothing())
      .returning('id')
      .execute();
    for (const d of done) inserted.add(d.id);
    const acting = values.flatMap((v, i) =>
      inserted.has(v.id) ? [{ alert: v, ...(alertRows[i] as (typeof alertRows)[number]) }] : [],
    );
    escalate = await act(trx, acting, items, org);
    escalations = acting.filter((a) => a.threshold.kind !== 'warning' && a.alert.notified_user_id).length;
  }

  // Move every swept clock on: its stage, state and the next instant the sweep must look at it.
  const updates = planned.map(({ row, passed }) => {
    const stage = Math.max(row.stage_reached, ...passed.map((t) => t.stage));
    const columns = clockColumns({ ...row, stage_reached: stage }, now);
    return { id: row.id, stage, state: columns.state, next: columns.next_check_at };
  });
  await sql`
    UPDATE deadlines d SET stage_reached = u.stage, state = u.state, next_check_at = u.next,
      version = d.version + 1
    FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.stage)}::smallint[],
      ${updates.map((u) => u.state)}::text[], ${updates.map((u) => u.next)}::timestamptz[]) AS u(id, stage, state, next)
    WHERE d.id = u.id`.execute(trx);
  await refreshAndEscalate(trx, [...new Set(rows.map((r) => r.work_item_id))], escalate, now);
  // `clocks` counts what was taken, so a full batch still tells the job to continue.
  return { clocks: taken.length, alerts: inserted.size, escalations };
}

type Item = {
  id: string;
  ownerId: string | null;
  ownerName: string | null;
  team: string | null;
  reference: string;
  customerId: string;
  escalationLevel: number;
};

type Acting = {
  alert: { id: string; notified_user_id: string | null; stage: number; kind: Threshold['kind'] };
  row: DeadlineRow;
  threshold: Threshold;
};

/** Notifies and audits each threshold acted on; returns the escalations for refreshAndEscalate. */
async function act(
  trx: Transaction<DB>,
  acting: Acting[],
  items: Map<string, Item>,
  org: OrgWithLocales,
): Promise<Map<string, { to: string; level: number }>> {
  const escalate = new Map<string, { to: string; level: number }>();
  if (acting.length === 0) return escalate;
  const notices: Notice[] = [];
  const events: AuditInput[] = [];
  // A clock that passed several thresholds since the last sweep (a worker was down) records every
  // one, but a warning overtaken in the same sweep by a later threshold tells nobody: the owner
  // hears of the latest state, and each escalation still reaches its own recipient.
  const latestStage = new Map<string, number>();
  for (const { row, threshold } of acting) {
    latestStage.set(row.id, Math.max(latestStage.get(row.id) ?? 0, threshold.stage));
  }
  for (const { alert, row, threshold } of acting) {
    const item = items.get(row.work_item_id);
    if (!item) continue;
    const overtaken = threshold.kind === 'warning' && threshold.stage < (latestStage.get(row.id) ?? 0);
    const policy = deadlinePolicy(row.policy_code);
    const to = alert.notified_user_id;
    const level = threshold.kind === 'breach' ? 1 : threshold.kind === 'second_escalation' ? 2 : 0;
    if (level > 0 && to) {
      const current = escalate.get(item.id);
      if (!current || current.level < level) escalate.set(item.id, { to, level });
    }
    const due = row.due_at ?? threshold.at;
    if (to && !overtaken) {
      const language = org.locales.get(to) ?? 'en';
      notices.push({
        audience: 'staff',
        userId: to,
        customerId: item.customerId,
        kind:
          threshold.kind === 'warning'
            ? 'deadline.warning'
            : threshold.kind === 'breach'
              ? 'deadline.breached'
              : 'deadline.second_escalation',
        language,
        params: {
          reference: item.reference,
          share:
            threshold.kind === 'warning'
              ? Math.round((policy.warnAtShares[threshold.stage - 1] ?? 0) * 100)
              : 100,
          policy: policy.label[language],
          due: formatDue(due, row.calendar, language),
          owner: item.ownerName ?? item.team ?? '—',
        },
        entityType: 'work_item',
        entityId: item.id,
        dedupeKey: `deadline-alert:${row.id}:${threshold.stage}`,
      });
    }
    events.push({
      actor: SWEEP_ACTOR,
      action:
        threshold.kind === 'warning'
          ? 'deadline.warning'
          : threshold.kind === 'breach'
            ? 'deadline.breached'
            : 'deadline.escalated',
      entityType: 'deadline',
      entityId: row.id,
      customerId: row.customer_id,
      reason:
        threshold.kind === 'warning'
          ? `${Math.round((policy.warnAtShares[threshold.stage - 1] ?? 0) * 100)} % of the time for ${policy.code} has passed.`
          : `${policy.code} was due ${due.toISOString()}; escalated to level ${level}.`,
      data: {
        workItemId: item.id,
        reference: item.reference,
        policy: policy.code,
        stage: threshold.stage,
        kind: threshold.kind,
        thresholdAt: threshold.at.toISOString(),
        dueAt: due.toISOString(),
        notifiedUserId: to,
        alertId: alert.id,
      },
    });
  }
  if (notices.length > 0) await insertNotices(trx, notices);
  await appendAuditEvents(trx, events);
  return escalate;
}

/**
 * The items' queue position and state (as refreshWorkItemDeadlines) and, for those a breach or a
 * second step escalates, the new escalation — in one statement, so an escalated item's row (eight
 * index entries) is rewritten once per sweep, not twice. A higher escalation is never lowered.
 */
async function refreshAndEscalate(
  trx: Transaction<DB>,
  itemIds: string[],
  escalate: Map<string, { to: string; level: number }>,
  now: Date,
): Promise<void> {
  const ids = [...escalate.keys()];
  await sql`
    UPDATE work_items w
    SET due_at = a.due, deadline_state = a.state,
      escalated_to = CASE WHEN a.level IS NOT NULL AND w.escalation_level <= a.level THEN a.to_user ELSE w.escalated_to END,
      escalation_level = GREATEST(w.escalation_level, coalesce(a.level, 0)),
      version = w.version + CASE WHEN a.level IS NOT NULL AND w.escalation_level <= a.level THEN 1 ELSE 0 END,
      updated_at = ${now}
    FROM (
      SELECT i.id, e.to_user, e.level,
        coalesce(min(d.due_at) FILTER (WHERE d.status = 'running'), ${NO_DEADLINE}::timestamptz) AS due,
        (ARRAY['none', 'paused', 'on_track', 'warning', 'breached'])[coalesce(max(
          CASE d.state WHEN 'paused' THEN 2 WHEN 'on_track' THEN 3 WHEN 'warning' THEN 4 WHEN 'breached' THEN 5 END
        ), 1)] AS state
      FROM unnest(${itemIds}::uuid[]) AS i(id)
      LEFT JOIN unnest(${ids}::uuid[], ${ids.map((id) => escalate.get(id)?.to)}::uuid[],
        ${ids.map((id) => escalate.get(id)?.level)}::smallint[]) AS e(id, to_user, level) ON e.id = i.id
      LEFT JOIN deadlines d ON d.work_item_id = i.id AND d.status IN ('running', 'paused')
      GROUP BY i.id, e.to_user, e.level
    ) a
    WHERE w.id = a.id AND (w.due_at IS DISTINCT FROM a.due OR w.deadline_state IS DISTINCT FROM a.state
      OR (a.level IS NOT NULL AND w.escalation_level <= a.level))`.execute(trx);
}

async function insertNotices(trx: Transaction<DB>, notices: Notice[]) {
  await trx
    .insertInto('notifications')
    .values(
      notices.map((n) => {
        const { subject, body } = renderNotice(n.kind, n.language, n.params);
        return {
          id: newId(),
          audience: 'staff' as const,
          user_id: n.audience === 'staff' ? n.userId : null,
          customer_id: n.customerId ?? null,
          channel: 'in_app' as const,
          kind: n.kind,
          language: n.language,
          subject,
          body,
          entity_type: n.entityType ?? null,
          entity_id: n.entityId ?? null,
          dedupe_key: n.dedupeKey,
        };
      }),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

type OrgWithLocales = Org & { locales: Map<string, Language> };

async function loadItems(trx: Transaction<DB>, rows: DeadlineRow[]): Promise<Map<string, Item>> {
  const ids = [...new Set(rows.map((r) => r.work_item_id))];
  const found = await trx
    .selectFrom('work_items')
    .leftJoin('users', 'users.id', 'work_items.owner_id')
    .select([
      'work_items.id',
      'work_items.owner_id',
      'users.display_name',
      'work_items.team',
      'work_items.reference',
      'work_items.customer_id',
      'work_items.escalation_level',
    ])
    .where('work_items.id', 'in', ids)
    .execute();
  return new Map(
    found.map((w) => [
      w.id,
      {
        id: w.id,
        ownerId: w.owner_id,
        ownerName: w.display_name,
        team: w.team,
        reference: w.reference,
        customerId: w.customer_id,
        escalationLevel: w.escalation_level,
      },
    ]),
  );
}

/** The reporting lines the batch needs: owners, their supervisors and managers, team supervisors. */
async function loadOrg(trx: Transaction<DB>, rows: DeadlineRow[]): Promise<OrgWithLocales> {
  const ids = [...new Set(rows.map((r) => r.work_item_id))];
  const staff = await trx
    .selectFrom('users')
    .select(['id', 'manager_id', 'team', 'locale', 'role'])
    .where('role', 'in', ['representative', 'supervisor', 'administrator', 'department_agent'])
    .where('active', '=', true)
    .where((eb) =>
      eb.or([
        eb('role', '=', 'supervisor'),
        eb(
          'id',
          'in',
          eb
            .selectFrom('work_items')
            .select('owner_id')
            .where('id', 'in', ids)
            .where('owner_id', 'is not', null)
            .$castTo<string>(),
        ),
      ]),
    )
    .execute();
  const users = new Map(staff.map((u) => [u.id, { id: u.id, managerId: u.manager_id, team: u.team }]));
  const teamSupervisors = new Map<string, string>();
  for (const u of [...staff].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (u.role === 'supervisor' && u.team && !teamSupervisors.has(u.team)) teamSupervisors.set(u.team, u.id);
  }
  return { users, teamSupervisors, locales: new Map(staff.map((u) => [u.id, u.locale])) };
}

// One formatter per (language, calendar), made once: constructing an Intl.DateTimeFormat costs
// ~60 µs, which was a sixth of the sweep's time per due clock (bench/queue-bench.ts profile).
const dueFormats = new Map<string, Intl.DateTimeFormat>();

function formatDue(at: Date, calendar: 'SE' | 'IT', language: Language): string {
  const key = `${language}/${calendar}`;
  let format = dueFormats.get(key);
  if (!format) {
    const locale = language === 'sv' ? 'sv-SE' : language === 'it' ? 'it-IT' : 'en-GB';
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: calendar === 'IT' ? 'Europe/Rome' : 'Europe/Stockholm',
    });
    dueFormats.set(key, format);
  }
  return format.format(at);
}
