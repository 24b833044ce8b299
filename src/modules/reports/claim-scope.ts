import { sql } from 'kysely';
import type { ReportFilters } from './report-filters.ts';
import { andEquals } from './report-filters.ts';

// The claim filters shared by the claim reports, for a query over `claims c` joined to its
// product as `p`: product code, the product's country, and the team whose queue had the claim.
export function claimScope(f: ReportFilters) {
  return sql`${andEquals('p.code', f.product)}${andEquals('p.country', f.country)}${teamHadClaim(f, 'c.id')}`;
}

/** "A claim in this team's queue": the claim (by the column `claimId`) had a work item of the team. */
function teamHadClaim(f: ReportFilters, claimId: string) {
  return f.team === null
    ? sql``
    : sql` AND EXISTS (SELECT 1 FROM work_items w WHERE w.kind = 'claim' AND w.subject_id = ${sql.ref(claimId)} AND w.team = ${f.team})`;
}

/** claims c → its policy → its product p. */
export const CLAIM_PRODUCT_JOIN = sql`JOIN policies pol ON pol.id = c.policy_id JOIN products p ON p.id = pol.product_id`;

/**
 * The same filters for a fact row that carries its claim's product and claim id (a first decision
 * `d` or a payment `po`, migration 20261122010000_report_facts): the product and country select
 * product ids up front, so a product's report reads the product's rows of the period from the
 * `(product_id, instant)` index instead of every row of the period.
 */
export function factScope(f: ReportFilters, alias: 'd' | 'po') {
  const product =
    f.product === null && f.country === null
      ? sql``
      : sql` AND ${sql.ref(`${alias}.product_id`)} IN (SELECT p.id FROM products p WHERE true${andEquals('p.code', f.product)}${andEquals('p.country', f.country)})`;
  return sql`${product}${teamHadClaim(f, `${alias}.claim_id`)}`;
}
