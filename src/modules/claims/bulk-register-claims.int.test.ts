import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeCustomer,
  makePolicy,
  makeProduct,
  makeProductVersion,
  payPremiums,
} from '../../../test/support/factories.ts';
import { type Session, signInAs, testApp } from '../../../test/support/test-app.ts';
import { testDatabase } from '../../../test/support/test-database.ts';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { nextNumber, nextNumbers, reserveNumberRange } from '../../db/numbers.ts';
import type { DB } from '../../db/schema.ts';
import type { Assessment } from '../assessment/index.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { systemActor } from '../users/index.ts';
import { type BulkRegisterResult, bulkRegisterClaims } from './bulk-register-claims.ts';
import { whatIfProductVersion } from './bulk-what-if.ts';
import { registerClaim } from './register-claim.ts';

// The bulk path (`claimdesk assess FILE.ndjson`, POST /claims/bulk): every good line registered and
// assessed exactly once, bad lines reported by line number, re-runs idempotent, the same
// assessment, accumulators and audit trail as registering the claims one by one.

const actor = systemActor('test-bulk');
const MEDICAL = 'MEDICAL_EXPENSES';
const LUGGAGE = 'LUGGAGE_DELAY';

/**
 * Medical expenses limited to 5 000 SEK per person and policy year, a 100 SEK deductible per year,
 * clean claims up to 2 500 SEK decided straight through.
 */
const BULK_CONFIG = {
  covers: [
    {
      benefitCode: MEDICAL,
      name: { sv: 'Vårdkostnader', it: 'Spese mediche', en: 'Medical expenses' },
      clause: '§4.1',
      requiredDocuments: ['receipt'],
      limits: { perYearMinor: 500_000, per: 'insured_person', clause: '§4.3' },
    },
    {
      benefitCode: LUGGAGE,
      name: { sv: 'Försenat bagage', it: 'Ritardo bagaglio', en: 'Delayed luggage' },
      clause: '§6.2',
      requiredDocuments: ['receipt', 'travel_booking'],
    },
  ],
  deductible: { amountMinor: 10_000, per: 'year', clause: '§3.1' },
  premiumTerms: { graceDays: 14, lapseAfterDays: 60 },
  straightThroughLimitMinor: 250_000,
};

type Person = { customerId: string; policyId: string; holderId: string };

/** A product of its own, and `count` customers each with a paid-up policy on it. */
async function world(count: number, config: unknown = BULK_CONFIG) {
  const { db } = await testDatabase();
  const { product, version } = await makeProduct(db, { config });
  const people = await insure(db, version.id, count);
  const prefix = `BULK-${randomUUID()}`;
  let n = 0;
  return { db, product, version, people, ref: () => `${prefix}-${++n}` };
}

async function insure(db: Kysely<DB>, versionId: string, count: number): Promise<Person[]> {
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const customer = await makeCustomer(db);
    const policy = await makePolicy(db, { customerId: customer.id, productVersionId: versionId });
    await payPremiums(db, { policyId: policy.id, amountMinor: 12 * 19_900, paidOn: ['2026-01-01'] });
    people.push({
      customerId: customer.id,
      policyId: policy.id,
      holderId: policy.insuredPersons[0]?.id ?? '',
    });
  }
  return people;
}

function claim(
  p: Person,
  o: {
    ref: string;
    incidentDate: string;
    amountMinor: number;
    documents?: string[];
    currency?: string;
    provider?: string;
  },
) {
  return {
    externalRef: o.ref,
    customerId: p.customerId,
    policyId: p.policyId,
    incidentDate: o.incidentDate,
    description: 'Clinic visit abroad',
    cause: 'illness',
    incidentCountry: 'ES',
    documents: o.documents ?? ['receipt'],
    lines: [
      {
        benefitCode: MEDICAL,
        description: 'Clinic visit',
        serviceDate: o.incidentDate,
        amountMinor: o.amountMinor,
        currency: o.currency ?? 'SEK',
        ...(o.provider ? { provider: o.provider } : {}),
      },
    ],
  };
}

function ndjson(lines: readonly unknown[]): string {
  return `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;
}

async function run(
  text: string,
  opts: { batchSize?: number; onProgress?: Parameters<typeof bulkRegisterClaims>[0]['onProgress'] } = {},
): Promise<BulkRegisterResult> {
  const { db } = await testDatabase();
  // On PostgreSQL the production path: batches written with COPY on a connection of their own.
  return bulkRegisterClaims({
    db,
    actor,
    source: Readable.from([Buffer.from(text)]),
    postgresUrl: process.env.DATABASE_URL || undefined,
    ...opts,
  });
}

async function claimsByRef(refs: string[]) {
  const { db } = await testDatabase();
  if (refs.length === 0) return [];
  return db
    .selectFrom('claims')
    .selectAll()
    .where('external_ref', 'in', refs)
    .orderBy('claim_number')
    .execute();
}

/** Rows the test's customers own, per table: what a re-run must leave unchanged. */
async function rowCounts(customerIds: string[]) {
  const { db } = await testDatabase();
  const count = async (
    table: 'claims' | 'claim_lines' | 'claim_assessments' | 'claim_decisions' | 'benefit_accumulators',
  ) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('customer_id', 'in', customerIds)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audit = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('chain', 'in', customerIds)
    .executeTakeFirstOrThrow();
  return {
    claims: await count('claims'),
    lines: await count('claim_lines'),
    assessments: await count('claim_assessments'),
    decisions: await count('claim_decisions'),
    accumulators: await count('benefit_accumulators'),
    auditEvents: Number(audit.n),
  };
}

async function accumulatorsOf(policyId: string) {
  const { db } = await testDatabase();
  const rows = await db
    .selectFrom('benefit_accumulators')
    .select(['key', 'used'])
    .where('policy_id', '=', policyId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.used]));
}

describe('bulkRegisterClaims', () => {
  let good: Awaited<ReturnType<typeof world>>;
  let goodFile = '';
  let first: BulkRegisterResult;

  beforeAll(async () => {
    good = await world(2);
    const [anna, bo] = good.people as [Person, Person];
    goodFile = ndjson([
      claim(anna, { ref: good.ref(), incidentDate: '2026-02-02', amountMinor: 50_000 }),
      claim(bo, { ref: good.ref(), incidentDate: '2026-02-03', amountMinor: 40_000 }),
      claim(anna, { ref: good.ref(), incidentDate: '2026-03-02', amountMinor: 60_000 }),
      claim(bo, { ref: good.ref(), incidentDate: '2026-03-03', amountMinor: 45_000 }),
      // No receipt: the assessment asks for it; nothing is decided.
      claim(anna, { ref: good.ref(), incidentDate: '2026-04-02', amountMinor: 70_000, documents: [] }),
      claim(bo, { ref: good.ref(), incidentDate: '2026-04-03', amountMinor: 55_000 }),
      claim(anna, { ref: good.ref(), incidentDate: '2026-05-02', amountMinor: 80_000 }),
    ]);
    // Batches of 2: claims of one policy land in the same batch and in later ones.
    first = await run(goodFile, { batchSize: 2 });
  });

  it('registers and assesses every claim of a good file', async () => {
    expect(first).toMatchObject({
      lines: 7,
      registered: 7,
      alreadyImported: 0,
      invalidLines: 0,
      invalid: [],
      omittedErrors: 0,
      straightThrough: 6,
      byRecommendation: { approve: 6, partial: 0, deny: 0, request_information: 1, refer: 0 },
      batches: 4,
      retriedBatches: 0,
    });
    const refs = goodFile
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).externalRef as string);
    const claims = await claimsByRef(refs);
    expect(claims).toHaveLength(7);
    expect(new Set(claims.map((c) => c.claim_number)).size).toBe(7);
    for (const c of claims) expect(c.claim_number).toMatch(/^CLM-\d{4}-\d{6,}$/);
    // Numbers follow the file order.
    expect(claims.map((c) => c.external_ref)).toEqual(refs);
    expect(claims.map((c) => c.status)).toEqual([
      'approved',
      'approved',
      'approved',
      'approved',
      'in_review',
      'approved',
      'approved',
    ]);
    expect(claims.every((c) => c.channel === 'import' && c.registered_by === null)).toBe(true);

    const { db } = await testDatabase();
    const ids = claims.map((c) => c.id);
    const lines = await db.selectFrom('claim_lines').selectAll().where('claim_id', 'in', ids).execute();
    expect(lines).toHaveLength(7);
    const assessments = await db
      .selectFrom('claim_assessments')
      .selectAll()
      .where('claim_id', 'in', ids)
      .execute();
    expect(assessments).toHaveLength(7);
    for (const a of assessments) {
      expect(a).toMatchObject({ seq: 1, trigger: 'bulk', product_version_id: good.version.id });
      expect((a.result as Assessment).recommendation).toBe(a.recommendation);
      expect(a.input).toMatchObject({ claim: { id: a.claim_id }, product: { id: good.version.id } });
    }
    const decisions = await db
      .selectFrom('claim_decisions')
      .selectAll()
      .where('claim_id', 'in', ids)
      .execute();
    expect(decisions).toHaveLength(6);
    expect(
      decisions.every((d) => d.straight_through && d.decided_by === null && d.outcome === 'approved'),
    ).toBe(true);

    const events = await db
      .selectFrom('audit_events')
      .select(['entity_id', 'action'])
      .where('entity_id', 'in', ids)
      .orderBy('seq')
      .execute();
    for (const c of claims) {
      expect(events.filter((e) => e.entity_id === c.id).map((e) => e.action)).toEqual(
        c.status === 'in_review'
          ? ['claim.registered', 'claim.assessed']
          : ['claim.registered', 'claim.assessed', 'claim.decided'],
      );
    }
  });

  it('keeps every audit chain it appended to intact', async () => {
    const { db } = await testDatabase();
    for (const p of good.people) {
      expect(await verifyAuditChain(db, p.customerId)).toMatchObject({ ok: true });
    }
  });

  it('a resend of a bulk-registered claim through POST /claims is a clear 409, not a crash', async () => {
    const { db } = await testDatabase();
    const line = JSON.parse(goodFile.split('\n')[0] as string);
    const error = await registerClaim({ db, actor: systemActor('test'), input: line }).then(
      () => null,
      (e: unknown) => e as { code?: string; errors?: { path: unknown[] }[] },
    );
    expect(error?.code).toBe('external_ref_exists');
    expect(error?.errors?.[0]?.path).toEqual(['externalRef']);
  });

  it('registers nothing when the same file is sent again', async () => {
    const customerIds = good.people.map((p) => p.customerId);
    const before = await rowCounts(customerIds);
    const again = await run(goodFile, { batchSize: 3 });
    expect(again).toMatchObject({
      lines: 7,
      registered: 0,
      alreadyImported: 7,
      invalidLines: 0,
      straightThrough: 0,
    });
    expect(await rowCounts(customerIds)).toEqual(before);
  });

  it('reports each bad line by its number and commits the good ones exactly once', async () => {
    const w = await world(2);
    const [anna, bo] = w.people as [Person, Person];
    const firstRef = w.ref();
    const lastRef = w.ref();
    const text = ndjson([
      claim(anna, { ref: firstRef, incidentDate: '2026-02-02', amountMinor: 50_000 }), // 1 good
      '{"externalRef": "broken", "customerId": ', // 2 malformed JSON
      '', // 3 blank: skipped, but counted
      { ...claim(anna, { ref: w.ref(), incidentDate: '2026-02-05', amountMinor: -5 }), colour: 'red' }, // 4 schema
      {
        ...claim(anna, { ref: w.ref(), incidentDate: '2026-02-06', amountMinor: 1 }),
        policyId: randomUUID(),
      }, // 5
      claim(anna, { ref: w.ref(), incidentDate: '2026-02-07', amountMinor: 1_000, currency: 'EUR' }), // 6 currency
      claim(bo, { ref: lastRef, incidentDate: '2026-02-08', amountMinor: 30_000 }), // 7 good
      claim(bo, { ref: firstRef, incidentDate: '2026-02-09', amountMinor: 31_000 }), // 8 duplicate ref in file
      { ...claim(bo, { ref: 'x', incidentDate: '2026-02-10', amountMinor: 32_000 }), externalRef: undefined }, // 9
      {
        ...claim(bo, { ref: w.ref(), incidentDate: '2026-02-11', amountMinor: 33_000 }),
        policyId: anna.policyId,
      }, // 10
    ]);
    const result = await run(text);
    expect(result).toMatchObject({
      lines: 9,
      registered: 2,
      alreadyImported: 0,
      invalidLines: 7,
      omittedErrors: 0,
    });
    expect(result.invalid.map((e) => [e.line, e.path, e.code])).toEqual([
      [2, '', 'malformed_json'],
      [4, 'lines.0.amountMinor', 'too_small'],
      [4, 'colour', 'unknown_field'],
      [5, 'policyId', 'policy_not_found'],
      [6, 'lines.0.currency', 'currency_mismatch'],
      [8, 'externalRef', 'duplicate_in_file'],
      [9, 'externalRef', 'required'],
      [10, 'policyId', 'policy_not_of_customer'],
    ]);
    expect(result.invalid.find((e) => e.line === 8)?.message).toContain('line 1');
    expect((await claimsByRef([firstRef, lastRef])).map((c) => c.external_ref)).toEqual([firstRef, lastRef]);

    // Fixed or not, running the file again adds nothing for the lines already in.
    const again = await run(text);
    expect(again).toMatchObject({ registered: 0, alreadyImported: 2, invalidLines: 7 });
    const customerIds = w.people.map((p) => p.customerId);
    expect((await rowCounts(customerIds)).claims).toBe(2);
  });

  it('leaves the same accumulators, decisions and assessments as registering the claims one by one', async () => {
    // One product, two sets of customers: one set through the bulk path, the other one claim at a
    // time through registerClaim. Same claims in the same order, so the same outcome is expected.
    const bulk = await world(2);
    const single = await insure(bulk.db, bulk.version.id, 2);
    const plan = (p: Person, who: number) => [
      { p, who, incidentDate: '2026-02-02', amountMinor: 120_000 },
      { p, who, incidentDate: '2026-02-20', amountMinor: 90_000 },
      // Over the straight-through threshold: to a person, accumulators untouched.
      { p, who, incidentDate: '2026-03-20', amountMinor: 260_000 },
      { p, who, incidentDate: '2026-04-20', amountMinor: 200_000 },
      // Over what is left of the yearly limit: partial, to a person.
      { p, who, incidentDate: '2026-05-20', amountMinor: 150_000 },
      // Same date, total and (no) provider as the first: a duplicate.
      { p, who, incidentDate: '2026-02-02', amountMinor: 120_000 },
    ];
    const order = (people: Person[]) => {
      const [a, b] = people as [Person, Person];
      const pa = plan(a, 0);
      const pb = plan(b, 1);
      return pa.flatMap((x, i) => [x, pb[i] as (typeof pb)[number]]);
    };
    const bulkClaims = order(bulk.people).map((x) => claim(x.p, { ref: bulk.ref(), ...x }));
    const result = await run(ndjson(bulkClaims), { batchSize: 3 });
    expect(result).toMatchObject({ registered: 12, invalidLines: 0 });
    for (const x of order(single)) {
      await registerClaim({ db: bulk.db, actor, input: claim(x.p, { ref: bulk.ref(), ...x }) as never });
    }

    const outcomes = async (people: Person[]) => {
      const rows = await bulk.db
        .selectFrom('claims')
        .innerJoin('claim_assessments', 'claim_assessments.claim_id', 'claims.id')
        .select(['claims.policy_id', 'claims.status', 'claims.claim_number', 'claim_assessments.result'])
        .where(
          'claims.policy_id',
          'in',
          people.map((p) => p.policyId),
        )
        .orderBy('claims.claim_number')
        .execute();
      return rows.map((r) => {
        const a = r.result as Assessment;
        return {
          who: people.findIndex((p) => p.policyId === r.policy_id),
          status: r.status,
          recommendation: a.recommendation,
          straightThrough: a.straightThrough,
          totals: a.totals,
          reasons: a.reasons.map((x) => x.code),
          lineReasons: a.lines.map((l) => l.reasons.map((x) => x.code)),
          riskFlags: a.riskFlags.map((f) => f.code),
          deltas: a.accumulatorDeltas.length,
        };
      });
    };
    const bulkOutcomes = await outcomes(bulk.people);
    expect(bulkOutcomes).toEqual(await outcomes(single));
    // The plan exercises what it means to.
    expect(new Set(bulkOutcomes.map((o) => o.status))).toEqual(new Set(['approved', 'in_review']));
    expect(bulkOutcomes.some((o) => o.riskFlags.includes('duplicate_claim'))).toBe(true);
    expect(bulkOutcomes.some((o) => o.reasons.includes('above_straight_through_limit'))).toBe(true);

    const normalised = async (p: Person) =>
      Object.fromEntries(
        Object.entries(await accumulatorsOf(p.policyId)).map(([k, v]) => [
          k.replaceAll(p.policyId, 'POLICY').replaceAll(p.holderId, 'PERSON'),
          v,
        ]),
      );
    for (const i of [0, 1]) {
      const b = await normalised(bulk.people[i] as Person);
      expect(Object.keys(b).length).toBeGreaterThan(0);
      expect(b).toEqual(await normalised(single[i] as Person));
    }
    for (const p of [...bulk.people, ...single]) {
      expect(await verifyAuditChain(bulk.db, p.customerId)).toMatchObject({ ok: true });
    }
  });

  it('prepares a batch again, under its locks, when a claim arrived for one of its customers meanwhile', async () => {
    const w = await world(1);
    const [anna] = w.people as [Person];
    const dup = { incidentDate: '2026-03-03', amountMinor: 42_000, provider: 'Clínica Sol' };
    const text = ndjson([
      claim(anna, { ref: w.ref(), incidentDate: '2026-02-01', amountMinor: 50_000 }),
      claim(anna, { ref: w.ref(), ...dup }),
    ]);
    let calls = 0;
    const result = await run(text, {
      batchSize: 1,
      // After the first batch, before the second is written (it is already prepared by then).
      onProgress: async () => {
        calls += 1;
        if (calls === 1) {
          await registerClaim({ db: w.db, actor, input: claim(anna, { ref: w.ref(), ...dup }) as never });
        }
      },
    });
    expect(result).toMatchObject({ registered: 2, repreparedBatches: 1, retriedBatches: 0 });
    const rows = await w.db
      .selectFrom('claims')
      .innerJoin('claim_assessments', 'claim_assessments.claim_id', 'claims.id')
      .select(['claims.claim_number', 'claim_assessments.trigger', 'claim_assessments.result'])
      .where('claims.policy_id', '=', anna.policyId)
      .orderBy('claims.claim_number')
      .execute();
    // The bulk claim saw the one registered in between: a duplicate, referred to a person.
    const last = rows[2];
    if (!last) throw new Error('expected three claims');
    expect(last.trigger).toBe('bulk');
    expect((last.result as Assessment).recommendation).toBe('refer');
    expect((last.result as Assessment).riskFlags).toEqual([
      { code: 'duplicate_claim', claimNumber: rows[1]?.claim_number },
    ]);
    // created, issued, premium paid; bulk claim decided (3); the one in between, decided with its
    // status change and its payment order (5); the duplicate, referred (2).
    expect(await verifyAuditChain(w.db, anna.customerId)).toEqual({
      chain: anna.customerId,
      ok: true,
      events: 13,
    });
  });

  it('retries a batch whose transaction failed once, and counts a claim written meanwhile as already imported', async () => {
    const w = await world(2);
    const [anna, bo] = w.people as [Person, Person];
    const contested = w.ref();
    const text = ndjson([
      claim(anna, { ref: w.ref(), incidentDate: '2026-02-01', amountMinor: 50_000 }),
      claim(anna, { ref: w.ref(), incidentDate: '2026-02-15', amountMinor: 20_000 }),
      claim(anna, { ref: contested, incidentDate: '2026-03-02', amountMinor: 30_000 }),
    ]);
    let calls = 0;
    const result = await run(text, {
      batchSize: 2,
      onProgress: async () => {
        calls += 1;
        // Between the batches, another writer stores a claim with the contested reference for
        // someone else, taking no claim number and appending to no chain of this batch: nothing
        // tells the prepared batch, so its write fails on the unique externalRef, and is retried.
        if (calls === 1) {
          const [holder] = await w.db
            .selectFrom('policy_insured_persons')
            .select('id')
            .where('policy_id', '=', bo.policyId)
            .execute();
          await w.db
            .insertInto('claims')
            .values({
              id: randomUUID(),
              claim_number: `TEST-${randomUUID()}`,
              customer_id: bo.customerId,
              policy_id: bo.policyId,
              insured_person_id: holder?.id ?? '',
              status: 'registered',
              channel: 'api',
              incident_date: '2026-03-01',
              description: 'written by another system',
              currency: 'SEK',
              total_claimed_minor: 1,
              external_ref: contested,
              registered_by: null,
            })
            .execute();
        }
      },
    });
    expect(result).toMatchObject({ registered: 2, alreadyImported: 1, invalidLines: 0, retriedBatches: 1 });
    expect(await verifyAuditChain(w.db, anna.customerId)).toMatchObject({ ok: true });
    const mine = await claimsByRef([contested]);
    expect(mine.map((c) => c.customer_id)).toEqual([bo.customerId]);
  });
});

describe('nextNumbers', () => {
  it('reserves a consecutive range with one statement, gap-free with the single-number path', async () => {
    const { db } = await testDatabase();
    // A prefix/year of its own, so that concurrent test workers do not interleave.
    const year = 1000 + Math.floor(Math.random() * 8000);
    const numbers = await db.transaction().execute(async (trx) => {
      const a = await nextNumbers(trx, 'POL', year, 3);
      const b = await nextNumber(trx, 'POL', year);
      const next = await reserveNumberRange(trx, 'POL', year, 0); // only locks and tells
      const c = await nextNumbers(trx, 'POL', year, 2);
      return { a, b, next, c };
    });
    expect(numbers.a[0]).toMatch(new RegExp(`^POL-${year}-\\d{6}$`));
    const values = [...numbers.a, numbers.b, ...numbers.c].map((n) => Number(n.split('-')[2]));
    const start = values[0] as number;
    expect(values).toEqual([0, 1, 2, 3, 4, 5].map((i) => start + i));
    expect(numbers.next).toBe(start + 4);
    // A rolled-back reservation gives its range back.
    await expect(
      db.transaction().execute(async (trx) => {
        await nextNumbers(trx, 'POL', year, 10);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.transaction().execute((trx) => nextNumbers(trx, 'POL', year, 1))).toEqual([
      `POL-${year}-${String(start + 6).padStart(6, '0')}`,
    ]);
  });
});

describe('whatIfProductVersion', () => {
  it('re-assesses the stored claims under another version, carrying changed accumulators forward, and writes nothing', async () => {
    const w = await world(1);
    const [anna] = w.people as [Person];
    const result = await run(
      ndjson([
        claim(anna, { ref: w.ref(), incidentDate: '2026-02-02', amountMinor: 50_000 }),
        claim(anna, { ref: w.ref(), incidentDate: '2026-03-02', amountMinor: 60_000 }),
        claim(anna, { ref: w.ref(), incidentDate: '2026-04-02', amountMinor: 40_000 }),
      ]),
    );
    expect(result).toMatchObject({ registered: 3, straightThrough: 3 });
    // A draft with a bigger yearly deductible and a lower straight-through threshold.
    const draft = await makeProductVersion(w.db, {
      productId: w.product.id,
      effectiveFrom: '2026-06-01',
      status: 'draft',
      config: {
        ...BULK_CONFIG,
        deductible: { amountMinor: 30_000, per: 'year', clause: '§3.1' },
        straightThroughLimitMinor: 50_000,
      },
    });
    const before = await rowCounts([anna.customerId]);
    const whatIf = await whatIfProductVersion({ db: w.db, actor, productVersionId: draft.id });
    expect(whatIf).toMatchObject({
      productVersion: { id: draft.id, productId: w.product.id, version: 2, status: 'draft' },
      currency: 'SEK',
      claims: 3,
      before: {
        byRecommendation: { approve: 3 },
        benefitMinor: 40_000 + 60_000 + 40_000,
        straightThrough: 3,
      },
      // The first claim takes the whole 300 SEK deductible, so the second takes none (the
      // stored accumulators said 100 SEK had been taken; the replay carries the difference).
      // The second now pays more than the threshold: decided by a person.
      after: { byRecommendation: { approve: 3 }, benefitMinor: 20_000 + 60_000 + 40_000, straightThrough: 2 },
      outcomeChanged: 0,
      benefitChanged: 1,
      transitions: [],
    });
    expect(await rowCounts([anna.customerId])).toEqual(before);

    const limited = await whatIfProductVersion({ db: w.db, actor, productVersionId: draft.id, limit: 2 });
    expect(limited.claims).toBe(2);
  });

  it('refuses an unknown product version and customers', async () => {
    const { db } = await testDatabase();
    await expect(whatIfProductVersion({ db, actor, productVersionId: randomUUID() })).rejects.toMatchObject({
      code: 'product_version_not_found',
    });
  });
});

describe('POST /claims/bulk', () => {
  let rep: Session;
  beforeAll(async () => {
    rep = await signInAs('representative');
  });

  it('registers an NDJSON body and answers with the summary', async () => {
    const app = await testApp();
    const w = await world(1);
    const [anna] = w.people as [Person];
    const refs = [w.ref(), w.ref()];
    const res = await app.inject({
      method: 'POST',
      url: '/claims/bulk',
      headers: { ...rep.headers, 'content-type': 'application/x-ndjson' },
      payload: ndjson([
        claim(anna, { ref: refs[0] as string, incidentDate: '2026-02-02', amountMinor: 50_000 }),
        'not json',
        claim(anna, { ref: refs[1] as string, incidentDate: '2026-03-02', amountMinor: 60_000 }),
      ]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      lines: 3,
      registered: 2,
      alreadyImported: 0,
      invalidLines: 1,
      invalid: [{ line: 2, path: '', code: 'malformed_json' }],
      straightThrough: 2,
    });
    const claims = await claimsByRef(refs);
    expect(claims.map((c) => c.registered_by)).toEqual([rep.userId, rep.userId]);
  });

  it('refuses customers, and bodies that are not NDJSON', async () => {
    const app = await testApp();
    const w = await world(1);
    const [anna] = w.people as [Person];
    const line = ndjson([claim(anna, { ref: w.ref(), incidentDate: '2026-02-02', amountMinor: 50_000 })]);
    const customer = await signInAs('customer', { customerId: anna.customerId });
    const asCustomer = await app.inject({
      method: 'POST',
      url: '/claims/bulk',
      headers: { ...customer.headers, 'content-type': 'application/x-ndjson' },
      payload: line,
    });
    expect(asCustomer.statusCode).toBe(403);
    expect(asCustomer.json()).toMatchObject({ code: 'forbidden' });
    const asJson = await app.inject({
      method: 'POST',
      url: '/claims/bulk',
      headers: { ...rep.headers, 'content-type': 'application/json' },
      payload: JSON.parse(line),
    });
    expect(asJson.statusCode).toBe(415);
    expect(asJson.json()).toMatchObject({ code: 'unsupported_media_type' });
    const anonymous = await app.inject({
      method: 'POST',
      url: '/claims/bulk',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: line,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await rowCounts([anna.customerId])).claims).toBe(0);
  });
});

// --- The real command, as a child process -----------------------------------------------------

const ROOT = path.resolve(import.meta.dirname, '../../..');

function cli(args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/cli/main.ts', ...args],
      {
        cwd: ROOT,
        // Always an embedded database of its own: never the shared test database.
        env: { ...process.env, CLAIMDESK_DATA_DIR: dataDir, CLAIMDESK_SEED_DEMO: 'false', DATABASE_URL: '' },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

// Each child process boots Node and an embedded PGlite: allow for a slow machine.
describe('claimdesk assess (CLI)', { timeout: 120_000 }, () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'claimdesk-assess-'));
  const dataDir = path.join(tmp, 'data');
  const file = (name: string, text: string) => {
    const f = path.join(tmp, name);
    writeFileSync(f, text);
    return f;
  };
  let anna: Person;
  let productId = '';
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** Opens the command's database in this process (the command has exited by then). */
  async function withDatabase<T>(work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    const database = await openDatabase({ dataDir });
    try {
      return await work(database.db);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    const database = await openDatabase({ dataDir });
    try {
      await migrate(database);
      const { product, version } = await makeProduct(database.db, { config: BULK_CONFIG });
      productId = product.id;
      [anna] = (await insure(database.db, version.id, 1)) as [Person];
    } finally {
      await database.close();
    }
  });

  it('fails clearly on a missing file, and on wrong usage', async () => {
    const missing = path.join(tmp, 'nope.ndjson');
    const gone = await cli(['assess', missing], dataDir);
    expect(gone).toMatchObject({ code: 66, stdout: '' });
    expect(gone.stderr.trim()).toBe(`cannot read ${missing}: no such file`);
    const usage = await cli(['assess', '--product-version', randomUUID()], dataDir);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('--dry-run');
  });

  it('registers a good file (exit 0), then reports bad lines (exit 65) and still commits the good ones', async () => {
    const ok = await cli(
      [
        'assess',
        file(
          'good.ndjson',
          ndjson([
            claim(anna, { ref: 'CLI-1', incidentDate: '2026-02-02', amountMinor: 50_000 }),
            claim(anna, { ref: 'CLI-2', incidentDate: '2026-03-02', amountMinor: 60_000 }),
          ]),
        ),
      ],
      dataDir,
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^registered 2 of 2 line\(s\).*: 0 already imported, 0 invalid/m);
    expect(ok.stdout).toContain('2 approve');

    const bad = await cli(
      [
        'assess',
        '--batch-size',
        '1',
        file(
          'bad.ndjson',
          ndjson([
            claim(anna, { ref: 'CLI-1', incidentDate: '2026-02-02', amountMinor: 50_000 }),
            '{oops',
            claim(anna, { ref: 'CLI-3', incidentDate: '2026-04-02', amountMinor: 1_000, currency: 'EUR' }),
            claim(anna, { ref: 'CLI-4', incidentDate: '2026-04-03', amountMinor: 40_000 }),
          ]),
        ),
      ],
      dataDir,
    );
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(/^line 2: not valid JSON/m);
    expect(bad.stderr).toMatch(/^line 3, lines\.0\.currency: Line 1 is in EUR; the policy pays in SEK\.$/m);
    expect(bad.stdout).toMatch(/^registered 1 of 4 line\(s\).*: 1 already imported, 2 invalid/m);
    const refs = await withDatabase((db) =>
      db
        .selectFrom('claims')
        .select('external_ref')
        .where('customer_id', '=', anna.customerId)
        .orderBy('claim_number')
        .execute(),
    );
    expect(refs.map((r) => r.external_ref)).toEqual(['CLI-1', 'CLI-2', 'CLI-4']);
  });

  it('prints a what-if for another product version and writes nothing', async () => {
    const draft = await withDatabase((db) =>
      makeProductVersion(db, {
        productId,
        effectiveFrom: '2026-06-01',
        status: 'draft',
        config: { ...BULK_CONFIG, straightThroughLimitMinor: 45_000 },
      }),
    );
    const counts = () =>
      withDatabase(async (db) => {
        const n = async (t: 'claims' | 'claim_assessments' | 'claim_decisions' | 'audit_events') =>
          Number(
            (
              await db
                .selectFrom(t)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        return [
          await n('claims'),
          await n('claim_assessments'),
          await n('claim_decisions'),
          await n('audit_events'),
        ];
      });
    const before = await counts();
    const out = await cli(['assess', '--product-version', draft.id, '--dry-run'], dataDir);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('what-if: 3 claim(s) of product');
    expect(out.stdout).toContain('nothing was written');
    expect(out.stdout).toMatch(/^approve\s+3\s+3\s*$/m);
    expect(out.stdout).toMatch(/^straight through\s+3\s+2\s+-1$/m);
    expect(out.stdout).toMatch(/^total benefit \(SEK\)\s+1,400\.00\s+1,400\.00\s*$/m);
    expect(out.stdout).toContain('outcome changes: 0 claim(s)');
    expect(await counts()).toEqual(before);
  });
});
