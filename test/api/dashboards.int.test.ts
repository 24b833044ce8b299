import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, expectProblem, uniqueSuffix } from './api-helpers.ts';

// The supervisor's dashboards on a team of this file's own (team workload, deadline states),
// each figure checked against a direct SQL count; and the desk queue's sorts and filters,
// keyset-paged like the default order.

let app: FastifyInstance;
let clerk: Session;
let anna: Session;
let bo: Session;
let sup: Session;
let team: string;
let productCode: string;
let ctx: { customerId: string; policyId: string };

const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: s.headers });

beforeAll(async () => {
  app = await testApp();
  [clerk, anna, bo, sup] = await Promise.all([
    signInAs('representative'),
    signInAs('representative'),
    signInAs('representative'),
    signInAs('supervisor'),
  ]);
  team = `D${uniqueSuffix().slice(-6)}`;
  const { db } = await testDatabase();
  await db
    .updateTable('users')
    .set({ team, manager_id: sup.userId })
    .where('id', 'in', [anna.userId, bo.userId])
    .execute();
  await db.updateTable('users').set({ team }).where('id', '=', sup.userId).execute();
  const customer = await makeCustomer(db);
  const { product, version } = await makeProduct(db, { config: STRAIGHT_THROUGH_CONFIG });
  const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
  await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
  await db
    .insertInto('teams')
    .values({ code: team, name: 'Dashboard team', country: 'SE', product_codes: [product.code] })
    .execute();
  productCode = product.code;
  ctx = { customerId: customer.id, policyId: policy.id };
  for (let day = 1; day <= 6; day++) {
    const res = await app.inject({
      method: 'POST',
      url: '/claims',
      headers: clerk.headers,
      payload: claimBody(ctx.customerId, ctx.policyId, {
        documents: ['receipt'],
        incidentDate: `2026-02-${String(day).padStart(2, '0')}`,
        lines: [
          {
            benefitCode: 'MEDICAL_EXPENSES',
            description: `Visit ${day}`,
            serviceDate: `2026-02-${String(day).padStart(2, '0')}`,
            amountMinor: 600_000 + day * 10_000,
            currency: 'SEK',
          },
        ],
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  // One of Anna's items breached, one of Bo's in warning, one unassigned and breached, with
  // different priorities, so that each count and each order is told apart.
  const items = await db
    .selectFrom('work_items')
    .select(['id', 'owner_id'])
    .where('team', '=', team)
    .orderBy('amount_minor')
    .execute();
  const annas = items.filter((i) => i.owner_id === anna.userId);
  const bos = items.filter((i) => i.owner_id === bo.userId);
  await db
    .updateTable('work_items')
    .set({ deadline_state: 'breached', priority: 1 })
    .where('id', '=', annas[0]?.id ?? '')
    .execute();
  await db
    .updateTable('work_items')
    .set({ deadline_state: 'warning', priority: 2 })
    .where('id', '=', bos[0]?.id ?? '')
    .execute();
  await db
    .updateTable('work_items')
    .set({ deadline_state: 'breached', owner_id: null, priority: 5 })
    .where('id', '=', bos[1]?.id ?? '')
    .execute();
});

describe('dashboards', () => {
  it("team workload: each member's open, warning and breached items, and the unassigned", async () => {
    const { db } = await testDatabase();
    const { rows } = await sql<{ owner: string | null; open: number; warning: number; breached: number }>`
      SELECT owner_id AS owner, count(*)::int AS open,
        count(*) FILTER (WHERE deadline_state = 'warning')::int AS warning,
        count(*) FILTER (WHERE deadline_state = 'breached')::int AS breached
      FROM work_items WHERE team = ${team} AND open GROUP BY owner_id`.execute(db);
    const counts = (owner: string | null) => {
      const r = rows.find((x) => x.owner === owner);
      return { open: r?.open ?? 0, warning: r?.warning ?? 0, breached: r?.breached ?? 0 };
    };
    expect(counts(anna.userId)).toEqual({ open: 3, warning: 0, breached: 1 });
    expect(counts(null)).toEqual({ open: 1, warning: 0, breached: 1 });

    const res = await get(sup, `/dashboards/workload?team=${team}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const person = (id: string) => body.people.find((p: { userId: string }) => p.userId === id);
    expect(person(anna.userId)).toMatchObject({ team, role: 'representative', ...counts(anna.userId) });
    expect(person(bo.userId)).toMatchObject({ ...counts(bo.userId), warning: 1 });
    // The supervisor has nothing of their own: a row of zeros (they are someone work can go to).
    expect(person(sup.userId)).toMatchObject({ open: 0, warning: 0, breached: 0, escalatedToThem: 0 });
    expect(body.people).toHaveLength(3);
    expect(body.unassigned).toEqual([{ team, ...counts(null) }]);
  });

  it('deadline states by team and kind', async () => {
    const { db } = await testDatabase();
    const { rows } = await sql<{ state: string; n: number }>`
      SELECT deadline_state AS state, count(*)::int AS n FROM work_items
      WHERE team = ${team} AND open AND kind = 'claim' GROUP BY deadline_state`.execute(db);
    const n = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
    expect(n('breached')).toBe(2);
    const res = await get(sup, `/dashboards/deadlines?team=${team}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows).toEqual([
      {
        team,
        kind: 'claim',
        onTrack: n('on_track'),
        warning: n('warning'),
        breached: n('breached'),
        paused: n('paused'),
        none: n('none'),
        open: 6,
      },
    ]);
    expect((await get(sup, `/dashboards/deadlines?team=${team}&kind=referral`)).json().rows).toEqual([]);
  });

  it('is for supervisors, administrators and auditors', async () => {
    expectProblem(await get(anna, '/dashboards/workload'), 403, 'forbidden');
    expectProblem(await get(anna, '/dashboards/deadlines'), 403, 'forbidden');
    expectProblem(await get(sup, '/dashboards/deadlines?kind=nonsense'), 400, 'validation_failed');
  });
});

describe('the queue: sorts and filters, keyset-paged', () => {
  async function all(query: string) {
    const seen: { reference: string; priority: number; amountMinor: number | null; deadlineState: string }[] =
      [];
    let cursor: string | null = null;
    do {
      const res = await get(
        sup,
        `/queues/team?team=${team}&limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    return seen;
  }

  it('sorts by priority and by amount (largest first) across pages', async () => {
    const byPriority = await all('&sort=priority');
    expect(byPriority).toHaveLength(6);
    expect(byPriority.map((i) => i.priority)).toEqual(
      [...byPriority.map((i) => i.priority)].sort((a, b) => a - b),
    );
    expect(byPriority[0]?.priority).toBe(1);
    const byAmount = await all('&sort=amount');
    const amounts = byAmount.map((i) => i.amountMinor ?? 0);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(new Set(byAmount.map((i) => i.reference)).size).toBe(6);
  });

  it('filters by deadline state, kind and product; a cursor of another order is refused', async () => {
    const breached = await all('&deadlineState=breached');
    expect(breached.map((i) => i.deadlineState)).toEqual(['breached', 'breached']);
    expect(await all('&kind=claim&sort=amount')).toHaveLength(6);
    expect(await all('&kind=referral')).toHaveLength(0);
    expect(await all(`&product=${productCode}&sort=priority`)).toHaveLength(6);
    expect(await all('&product=none')).toHaveLength(0);
    const page = (await get(sup, `/queues/team?team=${team}&limit=2&sort=priority`)).json();
    expectProblem(
      await get(sup, `/queues/team?team=${team}&limit=2&sort=amount&cursor=${page.nextCursor}`),
      400,
      'validation_failed',
    );
  });
});
