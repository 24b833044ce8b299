import type { Language } from '../../db/schema.ts';

// Assignment rules, pure: who in a team gets the next piece of work. Only active representatives
// who serve the customer's language and handle the product qualify (an empty skill list means
// "any"); among them the one who has waited longest since their last assignment goes first
// (round-robin that survives restarts and new joiners, who start at the front), ties by id so the
// choice is deterministic.

export type Candidate = {
  id: string;
  languages: readonly Language[];
  productSkills: readonly string[];
  lastAssignedAt: Date | null;
};

/** productCode null: work with no product (a service case), which any member of the team may take. */
export function qualifies(c: Candidate, language: Language, productCode: string | null): boolean {
  const speaks = c.languages.length === 0 || c.languages.includes(language);
  const handles =
    productCode === null || c.productSkills.length === 0 || c.productSkills.includes(productCode);
  return speaks && handles;
}

export function pickAssignee(
  candidates: readonly Candidate[],
  work: { language: Language; productCode: string | null },
): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (!qualifies(c, work.language, work.productCode)) continue;
    if (best === null || before(c, best)) best = c;
  }
  return best;
}

function before(a: Candidate, b: Candidate): boolean {
  const ta = a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const tb = b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return ta !== tb ? ta < tb : a.id < b.id;
}
