import type { ClaimRow } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { type ClaimView, toClaimView } from './claim-schemas.ts';

/** Claim views with their lines, latest assessment and decision: four queries, whatever the count. */
export async function loadClaimViews(db: Executor, claims: ClaimRow[]): Promise<ClaimView[]> {
  if (claims.length === 0) return [];
  const ids = claims.map((c) => c.id);
  const [lines, assessments, decisions] = await Promise.all([
    db.selectFrom('claim_lines').selectAll().where('claim_id', 'in', ids).execute(),
    db
      .selectFrom('claim_assessments')
      .selectAll()
      .distinctOn('claim_id')
      .where('claim_id', 'in', ids)
      .orderBy('claim_id')
      .orderBy('seq', 'desc')
      .execute(),
    db
      .selectFrom('claim_decisions')
      .selectAll()
      .where('claim_id', 'in', ids)
      .where('superseded_at', 'is', null)
      .execute(),
  ]);
  return claims.map((c) =>
    toClaimView(
      c,
      lines.filter((l) => l.claim_id === c.id),
      {
        assessment: assessments.find((a) => a.claim_id === c.id) ?? null,
        decision: decisions.find((d) => d.claim_id === c.id) ?? null,
      },
    ),
  );
}

export async function loadClaimView(db: Executor, claim: ClaimRow): Promise<ClaimView> {
  const [view] = await loadClaimViews(db, [claim]);
  return view as ClaimView;
}
