import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { bulkRegisterClaims } from '../../src/modules/claims/bulk-register-claims.ts';
import { routeClaimsJob } from '../../src/modules/claims/route-claims-job.ts';
import { systemActor } from '../../src/modules/users/actor.ts';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  payPremiums,
  STRAIGHT_THROUGH_CONFIG,
} from '../support/factories.ts';
import { runJob } from '../support/run-job.ts';
import { type Session, signInAs, testApp } from '../support/test-app.ts';
import { testDatabase } from '../support/test-database.ts';
import { claimBody, expectProblem, uniqueSuffix } from './api-helpers.ts';

// Queues and assignment on a team of this file's own: round-robin between its two
// representatives, queue order and keyset pages, who may reassign what, and bulk claims routed by
// their job like single ones.

let app: FastifyInstance;
let clerk: Session;
let anna: Session;
let bo: Session;
let sup: Session;
let outsider: Session;
let team: string;
let ctx: { customerId: string; policyId: string };

beforeAll(async () => {
  app = await testApp();
  [clerk, anna, bo, sup, outsider] = await Promise.all([
    signInAs('representative'),
    signInAs('representative'),
    signInAs('representative'),
    signInAs('supervisor'),
    signInAs('representative'),
  ]);
  team = `Q${uniqueSuffix().slice(-6)}`;
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
    .values({ code: team, name: 'Queue team', country: 'SE', product_codes: [product.code] })
    .execute();
  ctx = { customerId: customer.id, policyId: policy.id };
});

async function registerInReview(day: number) {
  const res = await app.inject({
    method: 'POST',
    url: '/claims',
    headers: clerk.headers,
    payload: claimBody(ctx.customerId, ctx.policyId, {
      documents: ['receipt'],
      lines: [
        {
          benefitCode: 'MEDICAL_EXPENSES',
          description: `Visit ${day}`,
          serviceDate: `2026-02-${String(day).padStart(2, '0')}`,
          amountMinor: 800_000 + day,
          currency: 'SEK',
        },
      ],
      incidentDate: `2026-02-${String(day).padStart(2, '0')}`,
    }),
  });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().status).toBe('in_review');
  return res.json() as { id: string; claimNumber: string };
}

const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: s.headers });
const post = (s: Session, url: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url, headers: s.headers, payload });

describe('assignment and queues', () => {
  it('round-robins new claims between the team members, and each sees them in their queue, deadline first', async () => {
    const claims = [];
    for (let day = 1; day <= 6; day++) claims.push(await registerInReview(day));
    const { db } = await testDatabase();
    const owners = await db
      .selectFrom('work_items')
      .select(['reference', 'owner_id', 'team'])
      .where(
        'subject_id',
        'in',
        claims.map((c) => c.id),
      )
      .execute();
    expect(owners.every((o) => o.team === team)).toBe(true);
    const counts = new Map<string | null, number>();
    for (const o of owners) counts.set(o.owner_id, (counts.get(o.owner_id) ?? 0) + 1);
    expect(counts).toEqual(
      new Map([
        [anna.userId, 3],
        [bo.userId, 3],
      ]),
    );

    // Pages of two, following the cursor: every item once, in (due, priority, id) order.
    const seen: { reference: string; dueAt: string | null; priority: number; id: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(anna, `/queues/personal?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    const mine = owners.filter((o) => o.owner_id === anna.userId).map((o) => o.reference);
    expect(seen.map((i) => i.reference).sort()).toEqual(mine.sort());
    const keys = seen.map((i) => [i.dueAt, i.priority, i.id].join('|'));
    expect(keys).toEqual([...keys].sort());
    expect(seen.every((i) => i.dueAt !== null)).toBe(true);

    // The team queue shows both people's work; a bad cursor is a clear 400.
    const teamQueue = (await get(sup, `/queues/team?team=${team}&limit=200`)).json().items;
    expect(teamQueue).toHaveLength(6);
    expectProblem(await get(anna, '/queues/personal?cursor=bogus'), 400, 'validation_failed');
  });

  it('a supervisor reassigns; a representative may only take unassigned work of their team; stale versions are refused', async () => {
    const claim = await registerInReview(20);
    const item = async () => (await get(sup, `/claims/${claim.claimNumber}/work`)).json().workItem;
    const before = await item();
    const other = before.ownerId === anna.userId ? bo : anna;

    // A representative cannot take someone else's work.
    expectProblem(
      await post(other, `/claims/${claim.claimNumber}/assignment`, {
        userId: other.userId,
        version: before.version,
      }),
      403,
      'forbidden',
    );
    // The supervisor puts it back in the team's unassigned queue…
    const unassigned = await post(sup, `/claims/${claim.claimNumber}/assignment`, {
      userId: null,
      version: before.version,
    });
    expect(unassigned.statusCode, unassigned.body).toBe(200);
    expect(unassigned.json()).toMatchObject({ ownerId: null, team });
    const pool = (await get(other, '/queues/unassigned?limit=200')).json().items;
    expect(pool.map((i: { reference: string }) => i.reference)).toContain(claim.claimNumber);
    // …a stale version is refused, the current one lets a team member take it.
    expectProblem(
      await post(other, `/claims/${claim.claimNumber}/assignment`, {
        userId: other.userId,
        version: before.version,
      }),
      409,
      'version_conflict',
    );
    // Someone outside the team may not take it.
    expectProblem(
      await post(outsider, `/claims/${claim.claimNumber}/assignment`, {
        userId: outsider.userId,
        version: unassigned.json().version,
      }),
      403,
      'forbidden',
    );
    const taken = await post(other, `/claims/${claim.claimNumber}/assignment`, {
      userId: other.userId,
      version: unassigned.json().version,
    });
    expect(taken.statusCode, taken.body).toBe(200);
    expect((await item()).ownerId).toBe(other.userId);
  });

  it('customers and auditors have no queues; customers do not see the work view', async () => {
    const auditor = await signInAs('auditor');
    expectProblem(await get(auditor, '/queues/personal'), 403, 'forbidden');
    const customer = await signInAs('customer', { customerId: ctx.customerId });
    expectProblem(await get(customer, '/queues/personal'), 403, 'forbidden');
    const claim = await registerInReview(21);
    expectProblem(await get(customer, `/claims/${claim.claimNumber}/work`), 403, 'forbidden');
    expect((await get(auditor, `/claims/${claim.claimNumber}/work`)).statusCode).toBe(200);
  });

  it('bulk-registered claims that wait for a person are routed by their job, like single ones, once', async () => {
    const { db } = await testDatabase();
    const ref = `Q-BULK-${uniqueSuffix()}`;
    const line = JSON.stringify({
      ...claimBody(ctx.customerId, ctx.policyId, {
        documents: ['receipt'],
        lines: [
          {
            benefitCode: 'MEDICAL_EXPENSES',
            description: 'Bulk visit',
            serviceDate: '2026-03-03',
            amountMinor: 820_000,
            currency: 'SEK',
          },
        ],
        incidentDate: '2026-03-03',
      }),
      externalRef: ref,
    });
    const result = await bulkRegisterClaims({
      db,
      actor: systemActor('test'),
      source: Readable.from([`${line}\n`]),
    });
    expect(result).toMatchObject({ registered: 1 });
    const claim = await db
      .selectFrom('claims')
      .select(['id', 'status'])
      .where('external_ref', '=', ref)
      .executeTakeFirstOrThrow();
    expect(claim.status).toBe('in_review');
    const job = await db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'claims.route')
      .where(sql<boolean>`payload->'claimIds' ? ${claim.id}`)
      .executeTakeFirstOrThrow();
    const run = () => runJob(routeClaimsJob, job.kind, job.payload as Record<string, unknown>);
    await run();
    await run(); // a retried job changes nothing
    const items = await db.selectFrom('work_items').selectAll().where('subject_id', '=', claim.id).execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ team, open: true });
    expect([anna.userId, bo.userId]).toContain(items[0]?.owner_id);
    const clocks = await db
      .selectFrom('deadlines')
      .select('policy_code')
      .where('work_item_id', '=', items[0]?.id as string)
      .execute();
    expect(clocks.map((c) => c.policy_code).sort()).toEqual([
      'internal.first_contact',
      'se.fal.claim_payment',
    ]);
    // The customer is acknowledged once, like a claim registered alone.
    const notices = await db
      .selectFrom('notifications')
      .select('kind')
      .where('entity_id', '=', claim.id)
      .where('audience', '=', 'customer')
      .execute();
    expect(notices.map((n) => n.kind)).toEqual(['claim.acknowledged']);
  });

  it('a bulk claim decided straight through is told to its customer by the same job, once', async () => {
    const { db } = await testDatabase();
    const ref = `Q-BULK-ST-${uniqueSuffix()}`;
    const line = JSON.stringify({
      ...claimBody(ctx.customerId, ctx.policyId, {
        documents: ['receipt'],
        lines: [
          {
            benefitCode: 'MEDICAL_EXPENSES',
            description: 'Small bulk visit',
            serviceDate: '2026-03-04',
            amountMinor: 12_000,
            currency: 'SEK',
          },
        ],
        incidentDate: '2026-03-04',
      }),
      externalRef: ref,
    });
    await bulkRegisterClaims({ db, actor: systemActor('test'), source: Readable.from([`${line}\n`]) });
    const claim = await db
      .selectFrom('claims')
      .select(['id', 'status'])
      .where('external_ref', '=', ref)
      .executeTakeFirstOrThrow();
    expect(claim.status).toBe('approved');
    const job = await db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'claims.route')
      .where(sql<boolean>`payload->'claimIds' ? ${claim.id}`)
      .executeTakeFirstOrThrow();
    const run = () => runJob(routeClaimsJob, job.kind, job.payload as Record<string, unknown>);
    await run();
    await run();
    const notices = await db
      .selectFrom('notifications')
      .select('kind')
      .where('entity_id', '=', claim.id)
      .where('audience', '=', 'customer')
      .execute();
    expect(notices.map((n) => n.kind)).toEqual(['claim.decided']);
    expect(
      await db.selectFrom('work_items').select('id').where('subject_id', '=', claim.id).execute(),
    ).toEqual([]);
  });
});
