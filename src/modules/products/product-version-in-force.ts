// Which terms apply to a claim: the active version of the product whose period holds the date of
// loss (the latest such version if several do), or the policy's own version when none does — e.g.
// a policy sold on a version that has since been retired. Pure, so the single-claim and the bulk
// path cannot disagree. A retired version still counts inside its period: retiring closes the
// period at the retirement date (product-version-retirement.ts), so claims whose date of loss came
// before it keep their terms; one retired before it started has no end date and counts nowhere.

export type VersionPeriod = {
  id: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  effective_from: string;
  effective_to: string | null;
};

export function productVersionInForce(
  versions: readonly VersionPeriod[],
  policyVersionId: string,
  dateOfLoss: string,
): string {
  let best: VersionPeriod | undefined;
  for (const v of versions) {
    if (v.status === 'draft' || v.effective_from > dateOfLoss) continue;
    if (v.status === 'retired' && v.effective_to === null) continue;
    if (v.effective_to !== null && v.effective_to <= dateOfLoss) continue;
    if (!best || v.version > best.version) best = v;
  }
  return best?.id ?? policyVersionId;
}
