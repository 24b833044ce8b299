import { parseMinor } from '../../i18n/money.ts';
import type { DocumentDraft } from './claim-documents.tsx';
import type { LineDraft } from './claim-lines.tsx';

// The claim being typed, as the body of POST /claims — one builder for registering it and for
// previewing its assessment, so that the preview assesses exactly what would be registered.

export type ClaimDraft = {
  customerId: string;
  policyId: string | null;
  incidentDate: string;
  description: string;
  cause: string | null;
  incidentCountry: string;
  callId: string | null;
  currency: string;
  lines: LineDraft[];
  documents: DocumentDraft[];
};

export function claimBody(d: ClaimDraft): Record<string, unknown> {
  const kinds = d.documents.flatMap((doc) => (doc.kind ? [doc.kind] : []));
  const country = d.incidentCountry.trim().toUpperCase();
  return {
    customerId: d.customerId,
    policyId: d.policyId,
    incidentDate: d.incidentDate,
    description: d.description,
    channel: 'phone',
    ...(d.cause ? { cause: d.cause } : {}),
    ...(country ? { incidentCountry: country } : {}),
    ...(d.callId ? { callId: d.callId } : {}),
    ...(kinds.length ? { documents: kinds } : {}),
    lines: d.lines.map((l) => ({
      benefitCode: l.benefitCode ?? '',
      description: l.description,
      serviceDate: l.serviceDate,
      amountMinor: parseMinor(l.amount, d.currency),
      currency: d.currency,
    })),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether the draft is complete enough for the server to parse: a policy, a date of loss, what
 * happened, and every line with its benefit, text, date and amount. Only such drafts are sent
 * for a preview — a half-typed one would only earn a 400 on every keystroke.
 */
export function isPreviewable(d: ClaimDraft): boolean {
  const country = d.incidentCountry.trim();
  return (
    d.policyId !== null &&
    DATE.test(d.incidentDate) &&
    d.description.trim() !== '' &&
    (country === '' || /^[A-Za-z]{2}$/.test(country)) &&
    d.lines.length > 0 &&
    d.lines.every(
      (l) =>
        l.benefitCode !== null &&
        l.description.trim() !== '' &&
        DATE.test(l.serviceDate) &&
        (parseMinor(l.amount, d.currency) ?? -1) >= 0,
    )
  );
}
