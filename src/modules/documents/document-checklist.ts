// The claim's document checklist (pure): for each kind of document the product's covers require
// for the claim's benefits, whether it arrived, and how we know — recorded on the claim by staff
// or by the customer's answer (`claims.documents`, what the assessment counts), and/or uploaded
// with that kind. An upload of a kind not yet recorded has arrived but is not counted by the
// assessment until someone records it (POST /claims/{ref}/documents), which re-assesses the claim.

export type ChecklistCover = {
  benefitCode: string;
  clause: string;
  requiredDocuments: readonly string[];
};

export type ChecklistUpload = { id: string; kind: string | null };

export type ChecklistItem = {
  kind: string;
  /** The benefits of the claim whose cover asks for it, with the clause that says so. */
  requiredFor: { benefitCode: string; clause: string }[];
  arrived: boolean;
  /** recorded: in claims.documents; uploaded: a document of this kind is on the claim. */
  via: ('recorded' | 'uploaded')[];
  /** The uploaded documents of this kind. */
  documentIds: string[];
};

export function buildDocumentChecklist(input: {
  /** The claim's lines' benefit codes, in line order (repeats allowed). */
  benefitCodes: readonly string[];
  covers: readonly ChecklistCover[];
  recorded: readonly string[];
  uploads: readonly ChecklistUpload[];
}): ChecklistItem[] {
  const items = new Map<string, ChecklistItem>();
  const seenBenefits = new Set<string>();
  for (const code of input.benefitCodes) {
    if (seenBenefits.has(code)) continue;
    seenBenefits.add(code);
    // A benefit without a cover asks for nothing here (the assessment refuses it on its own).
    const cover = input.covers.find((c) => c.benefitCode === code);
    if (!cover) continue;
    for (const kind of cover.requiredDocuments) {
      let item = items.get(kind);
      if (!item) {
        item = { kind, requiredFor: [], arrived: false, via: [], documentIds: [] };
        items.set(kind, item);
      }
      item.requiredFor.push({ benefitCode: cover.benefitCode, clause: cover.clause });
    }
  }
  const recorded = new Set(input.recorded);
  for (const item of items.values()) {
    const uploads = input.uploads.filter((u) => u.kind === item.kind);
    if (recorded.has(item.kind)) item.via.push('recorded');
    if (uploads.length > 0) item.via.push('uploaded');
    item.documentIds = uploads.map((u) => u.id);
    item.arrived = item.via.length > 0;
  }
  return [...items.values()];
}
