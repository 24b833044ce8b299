import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { verifyAllAuditChains } from '../../src/modules/audit/index.ts';
import { createUser, systemActor } from '../../src/modules/users/index.ts';
import { makeCustomer, makePolicy, makeProduct, payPremiums } from '../support/factories.ts';
import { type ScratchDatabase, scratchDatabase } from '../support/scratch-database.ts';
import { bearerFor, type ServerProcess, startServerProcess } from '../support/server-process.ts';

// Crash test (issue 9): the real server as a child process takes a bulk intake of 10,000 claims
// while it is killed with SIGKILL at random moments; the client does what a client should — on a
// broken connection it waits for the server to come back and sends the same batch again. At the
// end every claim is there exactly once (the acknowledged ones included), no claim has two
// decisions, no limit is overrun by a replay, and every audit chain verifies. On PGlite the
// restarted server recovers the embedded database from its write-ahead log.

const CLAIMS = Number(process.env.CRASH_CLAIMS ?? 10_000);
const BATCH = 2_500; // several of the server's own transactions per request, so a kill can land between them
const KILLS = 4;
const CUSTOMERS = 200;
const PASSWORD = 'correct horse battery staple';
const LIMIT = 500_000;

const CONFIG = {
  covers: [
    {
      benefitCode: 'MEDICAL_EXPENSES',
      name: { sv: 'Vårdkostnader', it: 'Spese mediche', en: 'Medical expenses' },
      clause: '§4.1',
      requiredDocuments: ['receipt'],
      limits: { perYearMinor: LIMIT, per: 'insured_person', clause: '§4.3' },
    },
  ],
  premiumTerms: { graceDays: 14, lapseAfterDays: 60 },
  straightThroughLimitMinor: 250_000,
};

/** A seeded PRNG (mulberry32): the kill moments are the same on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let scratch: ScratchDatabase;
let email: string;
let lines: string[];

beforeAll(async () => {
  scratch = await scratchDatabase();
  const database = await scratch.open();
  try {
    await migrate(database);
    const { db } = database;
    email = `crash-rep-${Date.now()}@test.claimdesk.example`;
    await createUser({
      db,
      actor: systemActor('crash-test'),
      user: {
        email,
        displayName: 'Crash rep',
        role: 'representative',
        password: PASSWORD,
        customerId: null,
        department: null,
        team: null,
      },
    });
    const { version } = await makeProduct(db, { config: CONFIG });
    const people: { customerId: string; policyId: string }[] = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const customer = await makeCustomer(db);
      const policy = await makePolicy(db, { customerId: customer.id, productVersionId: version.id });
      await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
      people.push({ customerId: customer.id, policyId: policy.id });
    }
    lines = [];
    for (let i = 0; i < CLAIMS; i++) {
      const p = people[i % CUSTOMERS] as (typeof people)[number];
      const day = `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      lines.push(
        JSON.stringify({
          externalRef: `crash-${i}`,
          customerId: p.customerId,
          policyId: p.policyId,
          incidentDate: day,
          description: 'Clinic visit abroad',
          cause: 'illness',
          documents: ['receipt'],
          lines: [
            {
              benefitCode: 'MEDICAL_EXPENSES',
              description: 'Clinic visit',
              serviceDate: day,
              amountMinor: 20_000 + (i % 7) * 5_000,
              currency: 'SEK',
            },
          ],
        }),
      );
    }
  } finally {
    await database.close();
  }
}, 240_000);

afterAll(async () => {
  await scratch?.drop();
});

describe('kill -9 during a bulk intake of 10,000 claims', () => {
  it('keeps every acknowledged claim exactly once, with one decision at most and intact audit chains', async () => {
    const random = rng(20261121);
    const env = scratch.env;
    let server: ServerProcess = await startServerProcess(env);
    let headers = await bearerFor(server.url, email, PASSWORD);
    let kills = 0;
    let retries = 0;
    let acknowledged = 0;
    let registered = 0;
    let replayedAsDuplicates = 0;
    let killer: NodeJS.Timeout | undefined;
    const armKiller = () => {
      if (kills >= KILLS) return;
      const victim = server;
      killer = setTimeout(
        () => {
          kills++;
          victim.proc.kill('SIGKILL');
        },
        500 + random() * 5_000,
      );
    };
    armKiller();

    for (let start = 0; start < CLAIMS; start += BATCH) {
      const body = `${lines.slice(start, start + BATCH).join('\n')}\n`;
      for (;;) {
        let reply: Response | undefined;
        try {
          reply = await fetch(`${server.url}/claims/bulk`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/x-ndjson' },
            body,
          });
        } catch {
          reply = undefined; // the connection broke: the server died under us
        }
        if (reply?.status === 200) {
          const result = (await reply.json()) as {
            registered: number;
            alreadyImported: number;
            invalidLines: number;
          };
          expect(result.invalidLines).toBe(0);
          expect(result.registered + result.alreadyImported).toBe(Math.min(BATCH, CLAIMS - start));
          registered += result.registered;
          replayedAsDuplicates += result.alreadyImported;
          acknowledged += result.registered + result.alreadyImported;
          if (process.env.CRASH_DEBUG)
            console.log(`batch ${start}: ${result.registered} + ${result.alreadyImported}`);
          break;
        }
        if (reply) await reply.body?.cancel();
        // Down (killed) or answering 5xx while dying: wait for the process to end, start it again, retry.
        retries++;
        if (process.env.CRASH_DEBUG) console.log(`batch ${start}: ${reply?.status ?? 'broken'}; restarting`);
        clearTimeout(killer);
        if (server.proc.exitCode === null && server.proc.signalCode === null) await server.crash();
        await server.exited;
        server = await startServerProcess(env);
        headers = await bearerFor(server.url, email, PASSWORD);
        armKiller();
      }
    }
    clearTimeout(killer);
    await server.stop();

    const database = await scratch.open();
    try {
      const { db } = database;
      const counts = await sql<{ n: string; refs: string }>`
        SELECT count(*) AS n, count(DISTINCT external_ref) AS refs FROM claims WHERE external_ref LIKE 'crash-%'`.execute(
        db,
      );
      expect(Number(counts.rows[0]?.n)).toBe(CLAIMS);
      expect(Number(counts.rows[0]?.refs)).toBe(CLAIMS);
      const doubled = await sql<{ n: string }>`
        SELECT count(*) AS n FROM (SELECT claim_id FROM claim_decisions GROUP BY claim_id HAVING count(*) > 1) d`.execute(
        db,
      );
      expect(Number(doubled.rows[0]?.n)).toBe(0);
      const overrun = await sql<{ n: string }>`
        SELECT count(*) AS n FROM benefit_accumulators WHERE key LIKE 'limit_year|%' AND used > ${LIMIT}`.execute(
        db,
      );
      expect(Number(overrun.rows[0]?.n)).toBe(0);
      const audit = await verifyAllAuditChains(db);
      expect(audit.intact, JSON.stringify(audit.broken)).toBe(true);
      console.log(
        `crash test: ${CLAIMS.toLocaleString('en')} claims, ${kills} kill(s) survived, ${retries} batch(es) resent, ` +
          `${registered.toLocaleString('en')} registered, ${replayedAsDuplicates} recognised as already imported on resend, ` +
          `${audit.chains} audit chains (${audit.events.toLocaleString('en')} events) intact`,
      );
      expect(kills).toBe(KILLS);
      expect(acknowledged).toBe(CLAIMS);
    } finally {
      await database.close();
    }
  }, 600_000);
});
