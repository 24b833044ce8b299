import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import {
  type AccumulatorDelta,
  type Assessment,
  type AssessmentInput,
  assessClaim,
  type Recommendation,
} from '../assessment/index.ts';
import { loadAssessmentContext } from '../assessment-store/index.ts';
import { type ProductConfig, ProductConfigSchema } from '../products/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';

// What-if (`claimdesk assess --product-version X --dry-run`): how would the stored claims of X's
// product come out under version X? Each claim is assessed again from the input its latest
// assessment was computed from (stored with it: the claim, the policy's accumulators and prior
// claims as they were then) with only the product version replaced — so the comparison isolates
// the product change. Claims without a stored assessment get their context from the single-claim
// loader (assessment-store) and are assessed under both versions.
//
// Accumulators follow the replay: claims are taken policy by policy in registration order, and
// when a claim would be decided straight through with different accumulator deltas under X, the
// difference is carried into the accumulators of the later claims of that policy. (Only
// straight-through decisions move accumulators today; decisions by a person come later.)
//
// Nothing is written: everything runs in one READ ONLY transaction that is rolled back.

const RECOMMENDATIONS: readonly Recommendation[] = [
  'approve',
  'partial',
  'deny',
  'request_information',
  'refer',
];

export type WhatIfResult = {
  productVersion: { id: string; productId: string; productCode: string; version: number; status: string };
  currency: string;
  claims: number;
  before: { byRecommendation: Record<Recommendation, number>; benefitMinor: number; straightThrough: number };
  after: { byRecommendation: Record<Recommendation, number>; benefitMinor: number; straightThrough: number };
  /** Claims whose recommendation changes. */
  outcomeChanged: number;
  /** Claims whose payable benefit changes. */
  benefitChanged: number;
  /** before → after recommendation pairs that differ, most frequent first. */
  transitions: { from: Recommendation; to: Recommendation; claims: number }[];
};

class RollBack extends Error {}

export async function whatIfProductVersion(opts: {
  db: Kysely<DB>;
  actor: Actor;
  productVersionId: string;
  /** At most this many claims (in policy, registration order). */
  limit?: number;
  batchSize?: number;
}): Promise<WhatIfResult> {
  const { db, actor } = opts;
  assertCan(actor, 'claims:read');
  if (actor.kind === 'user' && actor.role === 'customer') {
    throw new AppError('forbidden', 'What-if runs over every claim of a product: staff only.');
  }
  const batchSize = opts.batchSize ?? 500;
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  let result: WhatIfResult | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      await sql`SET TRANSACTION READ ONLY`.execute(trx);
      result = await replay(trx, opts.productVersionId, limit, batchSize);
      throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }
  if (!result) throw new Error('what-if produced no result');
  return result;
}

async function replay(
  trx: Transaction<DB>,
  productVersionId: string,
  limit: number,
  batchSize: number,
): Promise<WhatIfResult> {
  const version = await trx
    .selectFrom('product_versions')
    .innerJoin('products', 'products.id', 'product_versions.product_id')
    .select([
      'product_versions.id',
      'product_versions.product_id',
      'product_versions.version',
      'product_versions.status',
      'product_versions.config',
      'products.code',
      'products.currency',
    ])
    .where('product_versions.id', '=', productVersionId)
    .executeTakeFirst();
  if (!version) throw new AppError('product_version_not_found', `No product version ${productVersionId}.`);
  const config: ProductConfig = ProductConfigSchema.parse(version.config);
  const product = { id: version.id, version: version.version, config };

  const out: WhatIfResult = {
    productVersion: {
      id: version.id,
      productId: version.product_id,
      productCode: version.code,
      version: version.version,
      status: version.status,
    },
    currency: version.currency,
    claims: 0,
    before: { byRecommendation: zeroCounts(), benefitMinor: 0, straightThrough: 0 },
    after: { byRecommendation: zeroCounts(), benefitMinor: 0, straightThrough: 0 },
    outcomeChanged: 0,
    benefitChanged: 0,
    transitions: [],
  };
  const transitions = new Map<string, number>();

  // Carried accumulator corrections of the policy being replayed (claims come policy by policy).
  let currentPolicy: string | null = null;
  let corrections = new Map<string, number>();

  // Keyset over (policy, id): ids are UUIDv7, so within a policy they follow registration order.
  let cursor: { policyId: string; id: string } | null = null;
  while (out.claims < limit) {
    const take = Math.min(batchSize, limit - out.claims);
    let q = trx
      .selectFrom('claims')
      .innerJoin('policies', 'policies.id', 'claims.policy_id')
      .select(['claims.id', 'claims.policy_id'])
      .where('policies.product_id', '=', version.product_id);
    if (cursor) {
      const c = cursor;
      q = q.where((eb) => eb(eb.refTuple('claims.policy_id', 'claims.id'), '>', eb.tuple(c.policyId, c.id)));
    }
    const claims = await q.orderBy('claims.policy_id').orderBy('claims.id').limit(take).execute();
    if (claims.length === 0) break;
    const last = claims[claims.length - 1] as (typeof claims)[number];
    cursor = { policyId: last.policy_id, id: last.id };

    const stored = await sql<{ claim_id: string; input: AssessmentInput; result: Assessment }>`
      SELECT DISTINCT ON (claim_id) claim_id, input, result FROM claim_assessments
      WHERE claim_id = ANY(${claims.map((c) => c.id)}::uuid[])
      ORDER BY claim_id, seq DESC`.execute(trx);
    const byClaim = new Map(stored.rows.map((r) => [r.claim_id, r]));

    for (const claim of claims) {
      if (claim.policy_id !== currentPolicy) {
        currentPolicy = claim.policy_id;
        corrections = new Map();
      }
      const found = byClaim.get(claim.id);
      const input = found?.input ?? (await loadAssessmentContext(trx, claim.id));
      const before = found?.result ?? assessClaim(input);
      const accumulators: Record<string, number> = { ...input.accumulators };
      for (const [key, delta] of corrections)
        accumulators[key] = Math.max(0, (accumulators[key] ?? 0) + delta);
      const after = assessClaim({ ...input, product, accumulators });

      for (const d of applied(after)) corrections.set(d.key, (corrections.get(d.key) ?? 0) + d.amountMinor);
      for (const d of applied(before)) corrections.set(d.key, (corrections.get(d.key) ?? 0) - d.amountMinor);

      out.claims += 1;
      out.before.byRecommendation[before.recommendation] += 1;
      out.after.byRecommendation[after.recommendation] += 1;
      out.before.benefitMinor += before.totals.benefitMinor;
      out.after.benefitMinor += after.totals.benefitMinor;
      if (before.straightThrough) out.before.straightThrough += 1;
      if (after.straightThrough) out.after.straightThrough += 1;
      if (before.totals.benefitMinor !== after.totals.benefitMinor) out.benefitChanged += 1;
      if (before.recommendation !== after.recommendation) {
        out.outcomeChanged += 1;
        const key = `${before.recommendation}>${after.recommendation}`;
        transitions.set(key, (transitions.get(key) ?? 0) + 1);
      }
    }
  }
  out.transitions = [...transitions]
    .map(([key, claims]) => {
      const [from, to] = key.split('>') as [Recommendation, Recommendation];
      return { from, to, claims };
    })
    .sort((a, b) => b.claims - a.claims || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return out;
}

/** The accumulator deltas a result stores: those of a straight-through decision. */
function applied(result: Assessment): AccumulatorDelta[] {
  return result.straightThrough ? result.accumulatorDeltas : [];
}

function zeroCounts(): Record<Recommendation, number> {
  return Object.fromEntries(RECOMMENDATIONS.map((r) => [r, 0])) as Record<Recommendation, number>;
}
