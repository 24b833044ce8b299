import type { DocumentKind } from '../products/product-config-schema.ts';
import type { Assessment } from './assessment-types.ts';
import { addReason, type LineWork } from './line-work.ts';

// Stage 2 — completeness. For each line whose benefit is covered, every document the cover
// requires that is not among `claim.documents` is listed once per document and benefit in
// `missing` (citing the cover's clause), and reason `document_missing` goes on the line — on every
// line of that benefit, once per missing document.
//
// Decision: "covered" means the product has a cover for the benefit; the line's documents are
// asked for even if an exclusion or waiting period later leaves nothing eligible (the completeness
// stage runs before those, and the representative decides with the documents in hand).

export type Missing = Assessment['missing'];

export function checkCompleteness(lines: readonly LineWork[], documents: readonly string[]): Missing {
  const missing: Missing = [];
  let listed: Set<string> | null = null;
  for (const w of lines) {
    const cover = w.cover;
    if (cover === undefined) continue;
    const required = cover.requiredDocuments;
    for (let i = 0; i < required.length; i++) {
      const document = required[i] as DocumentKind;
      if (documents.includes(document)) continue;
      addReason(w, {
        code: 'document_missing',
        clause: cover.clause,
        params: { document, benefitCode: cover.benefitCode },
      });
      listed ??= new Set();
      const key = `${cover.benefitCode}|${document}`;
      if (!listed.has(key)) {
        listed.add(key);
        missing.push({ document, benefitCode: cover.benefitCode, clause: cover.clause });
      }
    }
  }
  return missing;
}
