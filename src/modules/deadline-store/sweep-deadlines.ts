import { sql, type Transaction } from 'kysely';
import type { DB, DeadlineRow, Language } from '../../db/schema.ts';
import { formatInstant } from '../../lib/dates.ts';
import { newId } from '../../lib/ids.ts';
import {
  type AuditInput,
  auditChainHeads,
  chainOf,
  hashAuditEvents,
  insertAuditEventRows,
  lockAuditChains,
} from '../audit/index.ts';
import { deadlinePolicy, type Threshold } from '../deadlines/index.ts';
import { type Notice, renderNotice } from '../notifications/index.ts';
import { systemActor } from '../users/actor.ts';
import { type SweepStep, sweepStep } from './clock-state.ts';
import { alertRecipient, type Org } from './escalation-target.ts';
import { refreshWorkItemDeadlines } from './refresh-work-item-deadline.ts';

// The deadline sweep: every clock whose next threshold has passed gets, for each threshold
// crossed, one alert (warning → the owner; breach → the owner's supervisor, who gets the item
// escalated; second escalation → their manager), a notification and an audit event, exactly once.
// Exactly once has two guards: rows are taken FOR UPDATE SKIP LOCKED (two workers never hold the
// same clock) and deadline_alerts is unique on (deadline, stage) (a repeat inserts nothing, and
// only inserted alerts act). Everything is set-based per batch: a few statements for hundreds of
// clocks, so the sweep's cost follows what is due, not what is open.

export const SWEEP_ACTOR = systemActor('deadline-sweep');

export type SweepResult = { clocks: number; alerts: number; escalations: number };

/** What the sweep reads of a clock (the rest it only writes). */
const SWEPT_COLUMNS = [
  'id',
  'work_item_id',
  'customer_id',
  'policy_code',
  'calendar',
  'started_at',
  'pauses',
  'due_at',
  'stage_reached',
] as const;
type SweptClock = Pick<DeadlineRow, (typeof SWEPT_COLUMNS)[number]>;

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
    .select(SWEPT_COLUMNS)
    .where('status', '=', 'running')
    .where('next_check_at', '<=', now);
  if (opts.customerIds) query = query.where('customer_id', 'in', [...opts.customerIds]);
  const taken = await query.orderBy('next_check_at').limit(opts.limit).forUpdate().skipLocked().execute();
  if (taken.length === 0) return { clocks: 0, alerts: 0, escalations: 0 };
  // People lock an item before its clocks (a decision, a request for information); the sweep finds
  // clocks first. So the sweep never waits for an item: it locks the items it can, in id order,
  // and leaves the clocks of an item someone is working on right now to the next sweep. No lock
  // cycle can form with a person's transaction or with another worker's sweep.
  const locking = lockItems(trx, [...new Set(taken.map((r) => r.work_item_id))].sort());
  await statementSent(locking);
  // While the database locks the items: one engine evaluation per clock, for what to act on and
  // the row's columns afterwards (a clock whose item stays locked is simply not written).
  const stepped = taken.map((row) => ({ row, ...sweepStep(row, now) }));
  const items = await locking;
  const planned = stepped.filter(({ row }) => items.has(row.work_item_id));
  if (planned.length === 0) return { clocks: taken.length, alerts: 0, escalations: 0 };

  let actions: Actions = { notices: [], events: [], escalate: new Map() };
  let alerts = 0;
  let escalations = 0;
  const crossed = planned.flatMap(({ row, passed }) => passed.map((threshold) => ({ row, threshold })));
  if (crossed.length > 0) {
    const org = await loadOrg(trx, items);
    const all: Acting[] = crossed.map(({ row, threshold }) => {
      const item = items.get(row.work_item_id);
      return {
        row,
        threshold,
        alert: {
          id: newId(),
          deadline_id: row.id,
          work_item_id: row.work_item_id,
          customer_id: row.customer_id,
          stage: threshold.stage,
          kind: threshold.kind,
          notified_user_id: item ? alertRecipient(org, threshold.kind, item) : null,
        },
      };
    });
    const inserting = insertAlerts(
      trx,
      all.map((a) => a.alert),
    );
    await statementSent(inserting);
    // While the alerts are inserted, plan what they do as if all were new: they are unless a
    // sweep that stored them crashed before moving the clock on. Only inserted alerts act, so a
    // batch where some were not plans again for those that were.
    actions = planActions(all, items, org);
    const inserted = new Set(await inserting);
    const acting = inserted.size === all.length ? all : all.filter((a) => inserted.has(a.alert.id));
    if (acting !== all) actions = planActions(acting, items, org);
    alerts = inserted.size;
    escalations = acting.filter((a) => a.threshold.kind !== 'warning' && a.alert.notified_user_id).length;
    await insertNotices(trx, actions.notices);
  }

  // The audit events go onto their customers' chains: lock them and read their heads; hashing
  // them overlaps the statement that moves every swept clock on.
  const heads = actions.events.length > 0 ? await lockedChainHeads(trx, actions.events) : null;
  const moving = moveClocks(planned).execute(trx);
  await statementSent(moving);
  const auditRows = heads ? hashAuditEvents(heads, actions.events) : [];
  await moving;
  await insertAuditEventRows(trx, auditRows);
  await refreshWorkItemDeadlines(trx, [...items.keys()], now, actions.escalate);
  // `clocks` counts what was taken, so a full batch still tells the job to continue.
  return { clocks: taken.length, alerts, escalations };
}

/**
 * Resolves once a statement just started is on its way to the database (the driver writes it
 * within the microtasks that follow the call), so that CPU work done before awaiting its result
 * runs while the database executes it. Its failure surfaces where it is awaited (the catch here
 * only keeps an early one from counting as unhandled meanwhile).
 */
function statementSent(pending: Promise<unknown>): Promise<void> {
  pending.catch(() => {});
  return new Promise((resolve) => setImmediate(resolve));
}

/** Locks the chains the events go onto (sorted, one statement) and reads their heads. */
async function lockedChainHeads(trx: Transaction<DB>, events: AuditInput[]): Promise<Map<string, string>> {
  const chains = new Set(events.map(chainOf));
  await lockAuditChains(trx, chains);
  return auditChainHeads(trx, chains);
}

type Item = {
  id: string;
  ownerId: string | null;
  ownerName: string | null;
  team: string | null;
  department: string | null;
  reference: string;
  customerId: string;
  escalationLevel: number;
};

type Acting = { alert: AlertValues; row: SweptClock; threshold: Threshold };

type Escalations = Map<string, { to: string; level: number }>;
type Actions = { notices: NoticeRow[]; events: AuditInput[]; escalate: Escalations };

/**
 * What the thresholds acted on do (pure): the notices to write (rendered), the audit events and
 * the escalations for refreshWorkItemDeadlines.
 */
function planActions(acting: Acting[], items: Map<string, Item>, org: OrgWithLocales): Actions {
  const escalate: Escalations = new Map();
  const notices: NoticeRow[] = [];
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
      notices.push(
        noticeRow({
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
            due: formatInstant(due, row.calendar, language),
            owner: item.ownerName ?? item.team ?? item.department ?? '—',
          },
          entityType: 'work_item',
          entityId: item.id,
          dedupeKey: `deadline-alert:${row.id}:${threshold.stage}`,
        }),
      );
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
  return { notices, events, escalate };
}

type AlertValues = {
  id: string;
  deadline_id: string;
  work_item_id: string;
  customer_id: string;
  stage: number;
  kind: Threshold['kind'];
  notified_user_id: string | null;
};

/** Moves every swept clock on: its stage, state and the next instant the sweep must look at it. */
function moveClocks(planned: readonly (SweepStep & { row: SweptClock })[]) {
  return sql`
    UPDATE deadlines d SET stage_reached = u.stage, state = u.state, next_check_at = u.next,
      version = d.version + 1
    FROM unnest(${planned.map((p) => p.row.id)}::uuid[], ${planned.map((p) => p.stage_reached)}::smallint[],
      ${planned.map((p) => p.state)}::text[], ${planned.map((p) => p.next_check_at)}::timestamptz[]) AS u(id, stage, state, next)
    WHERE d.id = u.id`;
}

// The batch's inserts pass one array per column (unnest) rather than a VALUES row per alert: a
// parameter per column instead of one per value (3,500 for the alerts of a batch of 500, 6,000
// for their notices) to encode, parse and plan.

/** Inserts the alerts; a (deadline, stage) already stored inserts nothing. Returns the ids inserted. */
async function insertAlerts(trx: Transaction<DB>, values: AlertValues[]): Promise<string[]> {
  const col = <K extends keyof AlertValues>(k: K) => values.map((v) => v[k]);
  const done = await sql<{ id: string }>`
    INSERT INTO deadline_alerts (id, deadline_id, work_item_id, customer_id, stage, kind, notified_user_id)
    SELECT * FROM unnest(${col('id')}::uuid[], ${col('deadline_id')}::uuid[], ${col('work_item_id')}::uuid[],
      ${col('customer_id')}::uuid[], ${col('stage')}::smallint[], ${col('kind')}::text[],
      ${col('notified_user_id')}::uuid[])
    ON CONFLICT (deadline_id, stage) DO NOTHING
    RETURNING id`.execute(trx);
  return done.rows.map((d) => d.id);
}

type NoticeRow = ReturnType<typeof noticeRow>;

function noticeRow(n: Notice & { audience: 'staff' }) {
  const { subject, body } = renderNotice(n.kind, n.language, n.params);
  return {
    id: newId(),
    user_id: n.userId,
    customer_id: n.customerId ?? null,
    kind: n.kind,
    language: n.language,
    subject,
    body,
    entity_type: n.entityType ?? null,
    entity_id: n.entityId ?? null,
    dedupe_key: n.dedupeKey,
  };
}

async function insertNotices(trx: Transaction<DB>, rows: NoticeRow[]) {
  if (rows.length === 0) return;
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  await sql`
    INSERT INTO notifications (id, audience, user_id, customer_id, channel, kind, language, subject, body,
      entity_type, entity_id, dedupe_key)
    SELECT id, 'staff', user_id, customer_id, 'in_app', kind, language, subject, body, entity_type,
      entity_id, dedupe_key
    FROM unnest(${col('id')}::uuid[], ${col('user_id')}::uuid[], ${col('customer_id')}::uuid[],
      ${col('kind')}::text[], ${col('language')}::text[], ${col('subject')}::text[], ${col('body')}::text[],
      ${col('entity_type')}::text[], ${col('entity_id')}::uuid[], ${col('dedupe_key')}::text[])
      AS t(id, user_id, customer_id, kind, language, subject, body, entity_type, entity_id, dedupe_key)
    ON CONFLICT (dedupe_key) DO NOTHING`.execute(trx);
}

type OrgWithLocales = Org & { locales: Map<string, Language> };

/**
 * Locks the items it can (SKIP LOCKED, in id order) and reads what the alerts need of them, owner's
 * name included, in one statement. Returns the locked items only.
 */
async function lockItems(trx: Transaction<DB>, ids: string[]): Promise<Map<string, Item>> {
  // = ANY(array): one parameter, not one per item.
  const { rows: found } = await sql<{
    id: string;
    owner_id: string | null;
    display_name: string | null;
    team: string | null;
    department: string | null;
    reference: string;
    customer_id: string;
    escalation_level: number;
  }>`
    SELECT w.id, w.owner_id, u.display_name, w.team, w.department, w.reference, w.customer_id, w.escalation_level
    FROM work_items w LEFT JOIN users u ON u.id = w.owner_id
    WHERE w.id = ANY(${ids}::uuid[])
    ORDER BY w.id
    FOR UPDATE OF w SKIP LOCKED`.execute(trx);
  return new Map(
    found.map((w) => [
      w.id,
      {
        id: w.id,
        ownerId: w.owner_id,
        ownerName: w.display_name,
        team: w.team,
        department: w.department,
        reference: w.reference,
        customerId: w.customer_id,
        escalationLevel: w.escalation_level,
      },
    ]),
  );
}

/**
 * The reporting lines the batch needs: owners, their supervisors and managers, team supervisors,
 * and the supervisors of the departments whose work (items with a department and no team) is in
 * the batch — one statement for those departments, one for the people.
 */
async function loadOrg(trx: Transaction<DB>, items: Map<string, Item>): Promise<OrgWithLocales> {
  const owners = [...new Set([...items.values()].flatMap((i) => (i.ownerId ? [i.ownerId] : [])))];
  const codes = [
    ...new Set([...items.values()].flatMap((i) => (i.team === null && i.department ? [i.department] : []))),
  ];
  const heads =
    codes.length > 0
      ? await trx
          .selectFrom('departments')
          .select(['code', 'supervisor_id'])
          .where('code', 'in', codes)
          .where('supervisor_id', 'is not', null)
          .execute()
      : [];
  const named = [...new Set([...owners, ...heads.map((h) => h.supervisor_id as string)])];
  const staff = await trx
    .selectFrom('users')
    .select(['id', 'manager_id', 'team', 'locale', 'role'])
    .where('role', 'in', ['representative', 'supervisor', 'administrator', 'department_agent'])
    .where('active', '=', true)
    .where((eb) =>
      named.length > 0
        ? eb.or([eb('role', '=', 'supervisor'), eb('id', 'in', named)])
        : eb('role', '=', 'supervisor'),
    )
    .execute();
  const users = new Map(staff.map((u) => [u.id, { id: u.id, managerId: u.manager_id, team: u.team }]));
  const teamSupervisors = new Map<string, string>();
  for (const u of [...staff].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (u.role === 'supervisor' && u.team && !teamSupervisors.has(u.team)) teamSupervisors.set(u.team, u.id);
  }
  // An inactive supervisor is nobody to tell: the alert is recorded with no one notified.
  const departmentSupervisors = new Map(
    heads.flatMap((h) =>
      h.supervisor_id && users.has(h.supervisor_id) ? [[h.code, h.supervisor_id]] : [],
    ) as [string, string][],
  );
  return {
    users,
    teamSupervisors,
    departmentSupervisors,
    locales: new Map(staff.map((u) => [u.id, u.locale])),
  };
}
