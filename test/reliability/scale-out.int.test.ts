import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { verifyAllAuditChains } from '../../src/modules/audit/index.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { makeCustomer, makePolicy, makeProduct, payPremiums } from '../support/factories.ts';
import { type ScratchDatabase, scratchDatabase } from '../support/scratch-database.ts';
import { bearerFor, type ServerProcess, startServerProcess } from '../support/server-process.ts';
import { engineUnderTest } from '../support/test-database.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.ts';

// Scale-out (issue 9 §6): two server processes without in-process workers and two `claimdesk
// worker` processes against one PostgreSQL database. Clients hit both servers at once with the
// same requests — as a load balancer retrying on the other node would — and both servers take
// overlapping bulk files. No claim is lost or registered twice, the workers route every claim
// exactly once (one work item per claim needing a person, one notice per claim), and the audit
// chains verify. PGlite is one process's embedded database, so this runs on PostgreSQL only.

const PASSWORD = 'correct horse battery staple';
const CUSTOMERS = 40;
const SINGLE = 200; // claims posted one by one, each to both servers at once with the same key
const BULK = 2_000; // claims in the bulk files, posted to both servers at once

const CONFIG = {
  covers: [
    {
      benefitCode: 'MEDICAL_EXPENSES',
      name: { sv: 'Vårdkostnader', it: 'Spese mediche', en: 'Medical expenses' },
      clause: '§4.1',
      requiredDocuments: ['receipt'],
    },
  ],
  premiumTerms: { graceDays: 14, lapseAfterDays: 60 },
  straightThroughLimitMinor: 50_000,
};

let scratch: ScratchDatabase;
let email: string;
let people: { customerId: string; policyId: string }[] = [];
const servers: ServerProcess[] = [];
const workers: WorkerProcess[] = [];

function claimOf(i: number, ref?: string) {
  const p = people[i % people.length] as (typeof people)[number];
  const day = `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  return {
    ...(ref ? { externalRef: ref } : {}),
    customerId: p.customerId,
    policyId: p.policyId,
    incidentDate: day,
    description: 'Clinic visit abroad',
    channel: 'phone',
    cause: 'illness',
    documents: ['receipt'],
    // Every third claim is above the straight-through limit and needs a person.
    lines: [
      {
        benefitCode: 'MEDICAL_EXPENSES',
        description: 'Clinic visit',
        serviceDate: day,
        amountMinor: i % 3 === 0 ? 90_000 : 20_000,
        currency: 'SEK',
      },
    ],
  };
}

describe.skipIf(engineUnderTest === 'pglite')('two servers and two workers on one PostgreSQL', () => {
  beforeAll(async () => {
    scratch = await scratchDatabase();
    const database = await scratch.open();
    try {
      await migrate(database);
      const { db } = database;
      email = `scale-rep-${randomUUID()}@test.claimdesk.example`;
      await createUser({
        db,
        actor: systemActor('scale-out-test'),
        user: {
          email,
          displayName: 'Scale rep',
          role: 'representative',
          password: PASSWORD,
          customerId: null,
          department: null,
          team: null,
        },
      });
      const { version } = await makeProduct(db, { config: CONFIG });
      for (let i = 0; i < CUSTOMERS; i++) {
        const customer = await makeCustomer(db);
        const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
        await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
        people.push({ customerId: customer.id, policyId: policy.id });
      }
    } finally {
      await database.close();
    }
    const env = { ...scratch.env, CLAIMDESK_WORKER: 'false' };
    servers.push(await startServerProcess(env), await startServerProcess(env));
    workers.push(
      startWorkerProcess(scratch.env, 'scale-worker-1'),
      startWorkerProcess(scratch.env, 'scale-worker-2'),
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...servers.map((s) => s.stop()), ...workers.map((w) => w.stop())]);
    await scratch?.drop();
    people = [];
  });

  it('loses and doubles nothing', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const [authA, authB] = [await bearerFor(a.url, email, PASSWORD), await bearerFor(b.url, email, PASSWORD)];

    // One by one: each claim sent to both servers at the same moment with the same Idempotency-Key.
    const statuses = new Map<number, number>();
    for (let i = 0; i < SINGLE; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, SINGLE - i) }, async (_, k) => {
          const key = `scale-${i + k}-${randomUUID()}`;
          const body = JSON.stringify(claimOf(i + k));
          const send = (s: ServerProcess, auth: Record<string, string>) =>
            fetch(`${s.url}/claims`, {
              method: 'POST',
              headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key },
              body,
            });
          const replies = await Promise.all([send(a, authA), send(b, authB)]);
          const ids = new Set<string>();
          for (const r of replies) {
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            // 201 created, 200 the replay of the same key; 409 while the other node still holds it.
            expect([200, 201, 409], await r.clone().text()).toContain(r.status);
            if (r.status !== 409) ids.add(((await r.json()) as { id: string }).id);
          }
          expect(ids.size).toBe(1);
        }),
      );
    }

    // Bulk: the same file to both servers at once (idempotent per externalRef).
    const refs = Array.from({ length: BULK }, (_, i) => `scale-bulk-${i}`);
    const file = `${refs.map((ref, i) => JSON.stringify(claimOf(SINGLE + i, ref))).join('\n')}\n`;
    const bulk = (s: ServerProcess, auth: Record<string, string>) =>
      fetch(`${s.url}/claims/bulk`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-ndjson' },
        body: file,
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { registered: number; alreadyImported: number },
      }));
    const [ra, rb] = await Promise.all([bulk(a, authA), bulk(b, authB)]);
    expect(ra.status).toBe(200);
    expect(rb.status).toBe(200);
    expect(ra.body.registered + rb.body.registered).toBe(BULK);

    // Wait for the workers to route everything.
    const database = await scratch.open();
    try {
      const { db } = database;
      const deadline = Date.now() + 120_000;
      for (;;) {
        const pending = await sql<{ n: string }>`
          SELECT count(*) AS n FROM jobs WHERE status IN ('queued', 'running') AND kind NOT LIKE '%sweep%'`.execute(
          db,
        );
        if (Number(pending.rows[0]?.n) === 0) break;
        if (Date.now() > deadline) throw new Error(`jobs still pending: ${pending.rows[0]?.n}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      const failed = await sql<{ n: string }>`SELECT count(*) AS n FROM jobs WHERE status = 'failed'`.execute(
        db,
      );
      expect(Number(failed.rows[0]?.n)).toBe(0);

      const claims = await sql<{ n: string; refs: string }>`
        SELECT count(*) AS n, count(DISTINCT external_ref) AS refs FROM claims`.execute(db);
      expect(Number(claims.rows[0]?.n)).toBe(SINGLE + BULK);
      expect(Number(claims.rows[0]?.refs)).toBe(BULK);
      // Nothing left unrouted: every claim is either decided or in review with exactly one work item.
      const stuck = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM claims WHERE status = 'registered'`.execute(db);
      expect(Number(stuck.rows[0]?.n)).toBe(0);
      const items = await sql<{ claims: string; extra: string }>`
        SELECT count(DISTINCT c.id) AS claims,
               count(w.id) - count(DISTINCT c.id) AS extra
        FROM claims c JOIN work_items w ON w.subject_id = c.id AND w.kind = 'claim'
        WHERE c.status = 'in_review'`.execute(db);
      const inReview = await sql<{
        n: string;
      }>`SELECT count(*) AS n FROM claims WHERE status = 'in_review'`.execute(db);
      expect(Number(items.rows[0]?.claims)).toBe(Number(inReview.rows[0]?.n));
      expect(Number(items.rows[0]?.extra)).toBe(0);
      const decisions = await sql<{ n: string }>`
        SELECT count(*) AS n FROM (SELECT claim_id FROM claim_decisions GROUP BY claim_id HAVING count(*) > 1) d`.execute(
        db,
      );
      expect(Number(decisions.rows[0]?.n)).toBe(0);
      // One customer notice per claim (acknowledgement or the straight-through decision).
      const notices = await sql<{ claims: string; total: string }>`
        SELECT count(DISTINCT entity_id) AS claims, count(*) AS total FROM notifications
        WHERE audience = 'customer' AND entity_type = 'claim'`.execute(db);
      expect(Number(notices.rows[0]?.claims)).toBe(SINGLE + BULK);
      expect(Number(notices.rows[0]?.total)).toBe(SINGLE + BULK);
      const audit = await verifyAllAuditChains(db);
      expect(audit.intact, JSON.stringify(audit.broken)).toBe(true);
      console.log(
        `scale-out: 2 servers + 2 workers, ${SINGLE} claims each sent to both servers with one key ` +
          `(replies ${JSON.stringify(Object.fromEntries(statuses))}), ${BULK} bulk claims sent to both ` +
          `(${ra.body.registered} + ${rb.body.registered} registered), ${inReview.rows[0]?.n} in review with one work item each, ` +
          `${audit.chains} audit chains intact`,
      );
    } finally {
      await database.close();
    }
  }, 300_000);
});
