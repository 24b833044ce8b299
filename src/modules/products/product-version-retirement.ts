import type { VersionPeriod } from './product-version-in-force.ts';

// Retiring a version (pure rules; docs/products.md "Retiring a version").
//
// A retired version is never sold again and no longer applies to dates of loss on or after its
// retirement date, but it stays as it is for everything before: claims whose date of loss falls
// before that date keep being assessed (and re-assessed when documents arrive) on it, and every
// stored assessment still cites it by id. The retirement date is written as the version's
// `effective_to` when that ends its period earlier, so productVersionInForce needs nothing else
// to know: a retired version is in force only inside its (now closed) period. A version retired
// before it ever started keeps no period at all (`effective_to` stays unset, the version applies
// to no date of loss): the CHECK effective_to > effective_from leaves no other way to say "never".
// So a version that has a fixed end and has not started cannot be retired from its start or before
// (there would be no way to store it); it can be retired from any later day.

export type RetirementPlan = {
  /** The version's new end date, or null to leave effective_to as it is. */
  effectiveTo: string | null;
  /** The dates of loss this version gave up, as [from, to) with to null for open-ended; null: none. */
  handedOver: { from: string; to: string | null } | null;
};

export type RetirementRefusal = { gapFrom: string } | { notBefore: string }; // a fixed-end version cannot be retired from its start or earlier

/**
 * What retiring `target` from `retireFrom` does, or the first date from which no other active
 * version would cover a date of loss that `target` covers today (refused: a claim on that date
 * would have no terms but the policy's own, which may be this very version).
 */
export function planRetirement(
  versions: readonly VersionPeriod[],
  target: VersionPeriod,
  retireFrom: string,
): RetirementPlan | RetirementRefusal {
  if (retireFrom <= target.effective_from && target.effective_to !== null) {
    return { notBefore: nextDay(target.effective_from) };
  }
  const from = target.effective_from > retireFrom ? target.effective_from : retireFrom;
  const end = target.effective_to;
  const handedOver = end !== null && end <= from ? null : { from, to: end };
  const effectiveTo =
    retireFrom <= target.effective_from ? null : end === null || retireFrom < end ? retireFrom : null;
  if (handedOver) {
    const gap = firstUncovered(
      versions.filter((v) => v.id !== target.id && v.status === 'active'),
      handedOver.from,
      handedOver.to,
    );
    if (gap !== null) return { gapFrom: gap };
  }
  return { effectiveTo, handedOver };
}

/** The first day in [from, to) that no period of `others` holds, or null when they hold it all. */
function firstUncovered(others: readonly VersionPeriod[], from: string, to: string | null): string | null {
  let cursor = from;
  for (;;) {
    let reach: string | null | undefined;
    for (const v of others) {
      if (v.effective_from > cursor) continue;
      if (v.effective_to !== null && v.effective_to <= cursor) continue;
      if (v.effective_to === null) {
        reach = null;
        break;
      }
      if (reach === undefined || (reach !== null && v.effective_to > reach)) reach = v.effective_to;
    }
    if (reach === undefined) return cursor;
    if (reach === null) return null;
    cursor = reach;
    if (to !== null && cursor >= to) return null;
  }
}

export function isRefusal(p: RetirementPlan | RetirementRefusal): p is RetirementRefusal {
  return 'gapFrom' in p || 'notBefore' in p;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
