import { type Kysely, sql } from 'kysely';
import type { DB, Language, PremiumScheduleJson } from '../../db/schema.ts';
import { type AssessmentInput, type PriorClaim, relevantPriorClaims } from '../assessment/index.ts';
import { auditChainHeads } from '../audit/index.ts';
import { derivePremiumStatus, type PremiumStatus } from '../policies/index.ts';
import { type ProductConfig, ProductConfigSchema, productVersionInForce } from '../products/index.ts';
import type { DocumentKind } from '../products/product-config-schema.ts';

// What a batch of bulk claims needs from the database, read with one set-based query per table
// instead of the single-claim loader's seven queries per claim (assessment-store's
// loadAssessmentContext). `buildAssessmentInput` then assembles, for each claim, the same
// AssessmentInput that loader would read back after registering the claim: the bulk and the
// single-claim paths must assess a claim identically (bulk-register-claims.int.test.ts compares).

type Executor = Kysely<DB>;

export type PolicyInfo = {
  id: string;
  customer_id: string;
  product_id: string;
  product_version_id: string;
  status: 'active' | 'cancelled' | 'expired';
  starts_on: string;
  ends_on: string;
  currency: string;
  premium_schedule: PremiumScheduleJson;
  declared_annual_income_minor: number | null;
};

export type PersonInfo = { id: string; policy_id: string; relation: string; birth_date: string };

export type VersionMeta = {
  id: string;
  product_id: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  effective_from: string;
  effective_to: string | null;
};

export type Payment = { paidOn: string; amountMinor: number; currency: string };

/** Parsed product configurations by version id, kept across batches (versions do not change). */
export class ProductConfigCache {
  readonly #configs = new Map<string, ProductConfig>();
  get(id: string): ProductConfig | undefined {
    return this.#configs.get(id);
  }
  async load(db: Executor, ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !this.#configs.has(id));
    if (missing.length === 0) return;
    const rows = await sql<{ id: string; config: unknown }>`
      SELECT id, config FROM product_versions WHERE id = ANY(${missing}::uuid[])`.execute(db);
    if (this.#configs.size + rows.rows.length > 10_000) this.#configs.clear();
    // The same parse as the single-claim loader, once per version instead of once per claim.
    for (const r of rows.rows) this.#configs.set(r.id, ProductConfigSchema.parse(r.config));
  }
}

export type BatchLookups = {
  existingRefs: Set<string>;
  customers: Map<string, { time_zone: string; preferred_language: Language }>;
  policies: Map<string, PolicyInfo>;
  persons: Map<string, PersonInfo[]>;
  versionsByProduct: Map<string, VersionMeta[]>;
  payments: Map<string, Payment[]>;
  accumulators: Map<string, Map<string, number>>;
  priorClaims: Map<string, PriorClaim[]>;
};

/**
 * One query per table for the whole batch. Callers that need a consistent view against
 * concurrent writers read the audit chain heads *before* calling this (see bulk-register-claims).
 */
export async function loadBatchLookups(
  db: Executor,
  opts: { refs: string[]; customerIds: string[]; policyIds: string[]; configs: ProductConfigCache },
): Promise<BatchLookups> {
  const refs = [...new Set(opts.refs)];
  const customerIds = [...new Set(opts.customerIds)];
  const policyIds = [...new Set(opts.policyIds)];
  const [existing, customers, policies, persons, payments, accumulators, prior] = await Promise.all([
    sql<{ external_ref: string }>`
      SELECT external_ref FROM claims WHERE external_ref = ANY(${refs}::text[])`.execute(db),
    sql<{ id: string; time_zone: string; preferred_language: Language }>`
      SELECT id, time_zone, preferred_language FROM customers WHERE id = ANY(${customerIds}::uuid[])`.execute(
      db,
    ),
    sql<PolicyInfo>`
      SELECT id, customer_id, product_id, product_version_id, status, starts_on, ends_on, currency,
        premium_schedule, declared_annual_income_minor
      FROM policies WHERE id = ANY(${policyIds}::uuid[])`.execute(db),
    sql<PersonInfo>`
      SELECT id, policy_id, relation, birth_date FROM policy_insured_persons
      WHERE policy_id = ANY(${policyIds}::uuid[])`.execute(db),
    sql<{ policy_id: string; paid_on: string; amount_minor: number; currency: string }>`
      SELECT policy_id, paid_on, amount_minor, currency FROM premium_payments
      WHERE policy_id = ANY(${policyIds}::uuid[]) ORDER BY policy_id, paid_on`.execute(db),
    sql<{ key: string; policy_id: string; used: number }>`
      SELECT key, policy_id, used FROM benefit_accumulators WHERE policy_id = ANY(${policyIds}::uuid[])`.execute(
      db,
    ),
    sql<{
      id: string;
      claim_number: string;
      policy_id: string;
      insured_person_id: string;
      incident_date: string;
      total_claimed_minor: number;
      providers: (string | null)[];
      service_dates: string[];
    }>`
      SELECT c.id, c.claim_number, c.policy_id, c.insured_person_id, c.incident_date, c.total_claimed_minor,
        array_agg(l.provider ORDER BY l.line_no) AS providers,
        array_agg(l.service_date::text ORDER BY l.line_no) AS service_dates
      FROM claims c JOIN claim_lines l ON l.claim_id = c.id
      WHERE c.policy_id = ANY(${policyIds}::uuid[])
      GROUP BY c.id`.execute(db),
  ]);

  const policyMap = new Map(policies.rows.map((p) => [p.id, p]));
  const productIds = [...new Set(policies.rows.map((p) => p.product_id))];
  const versions = await sql<VersionMeta>`
    SELECT id, product_id, version, status, effective_from, effective_to FROM product_versions
    WHERE product_id = ANY(${productIds}::uuid[]) ORDER BY product_id, version DESC`.execute(db);
  const versionsByProduct = groupBy(versions.rows, (v) => v.product_id);
  // Only the versions this batch can use: each policy's own, and those in force on its dates.
  await opts.configs.load(
    db,
    versions.rows
      .filter((v) => v.status === 'active')
      .map((v) => v.id)
      .concat(policies.rows.map((p) => p.product_version_id)),
  );

  const priorClaims = new Map<string, PriorClaim[]>();
  for (const c of prior.rows) {
    const list = priorClaims.get(c.policy_id) ?? [];
    list.push({
      id: c.id,
      claimNumber: c.claim_number,
      insuredPersonId: c.insured_person_id,
      incidentDate: c.incident_date,
      totalClaimedMinor: c.total_claimed_minor,
      providers: [...new Set(c.providers.filter((p): p is string => p !== null))],
      serviceDates: [...new Set(c.service_dates)],
    });
    priorClaims.set(c.policy_id, list);
  }
  for (const list of priorClaims.values()) list.sort(byClaimNumber);

  const accumulatorMap = new Map<string, Map<string, number>>();
  for (const a of accumulators.rows) {
    let m = accumulatorMap.get(a.policy_id);
    if (!m) {
      m = new Map();
      accumulatorMap.set(a.policy_id, m);
    }
    m.set(a.key, a.used);
  }

  return {
    existingRefs: new Set(existing.rows.map((r) => r.external_ref)),
    customers: new Map(customers.rows.map((c) => [c.id, c])),
    policies: policyMap,
    persons: groupBy(persons.rows, (p) => p.policy_id),
    versionsByProduct,
    payments: new Map(
      [...groupBy(payments.rows, (p) => p.policy_id)].map(([k, list]) => [
        k,
        list.map((p) => ({ paidOn: p.paid_on, amountMinor: p.amount_minor, currency: p.currency })),
      ]),
    ),
    accumulators: accumulatorMap,
    priorClaims,
  };
}

/** Chain heads first, so that any change committed after them shows up as a moved head. */
export function readChainHeads(db: Executor, chains: Iterable<string>): Promise<Map<string, string>> {
  return auditChainHeads(db, chains);
}

/** Claim numbers sort as the single-claim loader's `ORDER BY claim_number` does. */
export function byClaimNumber(a: PriorClaim, b: PriorClaim): number {
  return a.claimNumber < b.claimNumber ? -1 : a.claimNumber > b.claimNumber ? 1 : 0;
}

/** The terms that apply to the claim (see products/product-version-in-force.ts). */
export function versionInForce(
  versions: readonly VersionMeta[] | undefined,
  policy: PolicyInfo,
  day: string,
): string {
  return productVersionInForce(versions ?? [], policy.product_version_id, day);
}

/** Premium state on the date of loss; memoised per policy and date within a batch. */
export class PremiumStates {
  readonly #memo = new Map<string, PremiumStatus['state']>();
  stateOf(policy: PolicyInfo, payments: readonly Payment[], config: ProductConfig, asOf: string) {
    const key = `${policy.id}|${asOf}|${config.premiumTerms.graceDays}|${config.premiumTerms.lapseAfterDays}`;
    let state = this.#memo.get(key);
    if (state === undefined) {
      state = derivePremiumStatus({
        schedule: policy.premium_schedule,
        policy: { startsOn: policy.starts_on, endsOn: policy.ends_on },
        payments: [...payments],
        terms: config.premiumTerms,
        asOf,
      }).state;
      this.#memo.set(key, state);
    }
    return state;
  }
}

export type ClaimFacts = {
  id: string;
  customerId: string;
  insuredPersonId: string;
  insuredBirthDate: string;
  incidentDate: string;
  registeredOn: string;
  currency: string;
  totalClaimedMinor: number;
  cause: string | null;
  incidentCountry: string | null;
  preExistingCondition: boolean;
  documents: DocumentKind[];
  lines: {
    benefitCode: string;
    serviceDate: string;
    amountMinor: number;
    currency: string;
    provider: string | null;
    days: number | null;
  }[];
};

/** The AssessmentInput of one claim, shaped exactly as loadAssessmentContext shapes it. */
export function buildAssessmentInput(opts: {
  claim: ClaimFacts;
  policy: PolicyInfo;
  premiumState: PremiumStatus['state'];
  product: { id: string; version: number; config: ProductConfig };
  accumulators: ReadonlyMap<string, number> | undefined;
  priorClaims: readonly PriorClaim[] | undefined;
  language: Language;
}): AssessmentInput {
  const { claim, policy } = opts;
  return {
    claim: {
      id: claim.id,
      customerId: claim.customerId,
      insuredPersonId: claim.insuredPersonId,
      insuredBirthDate: claim.insuredBirthDate,
      incidentDate: claim.incidentDate,
      registeredOn: claim.registeredOn,
      currency: claim.currency,
      totalClaimedMinor: claim.totalClaimedMinor,
      cause: claim.cause,
      incidentCountry: claim.incidentCountry,
      preExistingCondition: claim.preExistingCondition,
      documents: claim.documents,
      lines: claim.lines.map((l, i) => ({
        lineNo: i + 1,
        benefitCode: l.benefitCode,
        serviceDate: l.serviceDate,
        amountMinor: l.amountMinor,
        currency: l.currency,
        provider: l.provider,
        days: l.days,
      })),
    },
    policy: {
      id: policy.id,
      startsOn: policy.starts_on,
      endsOn: policy.ends_on,
      status: policy.status,
      currency: policy.currency,
      premiumState: opts.premiumState,
      declaredAnnualIncomeMinor: policy.declared_annual_income_minor,
    },
    product: opts.product,
    accumulators: opts.accumulators ? Object.fromEntries(opts.accumulators) : {},
    priorClaims: opts.priorClaims ? relevantPriorClaims(claim, opts.priorClaims) : [],
    language: opts.language,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
