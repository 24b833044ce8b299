import { sql } from 'kysely';
import type { ReportFilters } from './report-filters.ts';
import { andEquals } from './report-filters.ts';

// The claim filters shared by the claim reports, for a query over `claims c` joined to its
// product as `p`: product code, the product's country, and the team whose queue had the claim.
export function claimScope(f: ReportFilters) {
  const team =
    f.team === null
      ? sql``
      : sql` AND EXISTS (SELECT 1 FROM work_items w WHERE w.kind = 'claim' AND w.subject_id = c.id AND w.team = ${f.team})`;
  return sql`${andEquals('p.code', f.product)}${andEquals('p.country', f.country)}${team}`;
}

/** claims c → its policy → its product p. */
export const CLAIM_PRODUCT_JOIN = sql`JOIN policies pol ON pol.id = c.policy_id JOIN products p ON p.id = pol.product_id`;
