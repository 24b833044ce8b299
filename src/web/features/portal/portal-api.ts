import { ApiProblem, api } from '../../api/client.ts';

// The shapes the portal reads (only the fields it uses) and its one non-JSON write: an upload.

export const DOCUMENT_KINDS = [
  'receipt',
  'medical_certificate',
  'police_report',
  'employer_statement',
  'travel_booking',
  'income_statement',
  'property_irregularity_report',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type PortalClaim = {
  id: string;
  claimNumber: string;
  policyId: string;
  status: string;
  channel: string;
  incidentDate: string;
  description?: string;
  cause: string | null;
  currency: string;
  totalClaimedMinor: number;
  registeredAt: string;
  version: number;
  documents: string[];
  lines: {
    lineNo: number;
    benefitCode: string;
    description?: string;
    serviceDate: string;
    amountMinor: number;
    currency: string;
  }[];
  assessment: {
    recommendation: string;
    totals: { benefitMinor: number };
    explanation: { code: string; text: string; lineNo: number | null }[];
  } | null;
  decision: { outcome: string; amountMinor: number; currency: string; decidedAt: string } | null;
};

export type InformationRequest = {
  claimNumber: string;
  request: {
    id: string;
    status: 'open' | 'answered' | 'expired' | 'cancelled';
    items: ({ kind: 'document'; document: string } | { kind: 'question'; text: string })[];
    dueOn: string;
    createdAt: string;
    answeredAt: string | null;
  } | null;
};

export type ClaimLetter = {
  deliveryId: string;
  documentId: string;
  filename: string;
  channel: string;
  template: string;
  subject: string;
  createdAt: string;
};

export type Notice = {
  id: string;
  kind: string;
  subject: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  createdAt: string;
};

export type ClaimLedger = {
  currency: string;
  figures: { approvedMinor: number; paidPrincipalMinor: number; outstandingMinor: number };
  payments: {
    id: string;
    paymentNumber: string;
    status: string;
    principalMinor: number;
    interestMinor: number;
    requestedExecutionDate: string;
    settledOn: string | null;
  }[];
};

export type Policy = {
  id: string;
  policyNumber: string;
  productId: string;
  productVersionId: string;
  status: string;
  currency: string;
  startsOn: string;
  endsOn: string;
};

export type Cover = { benefitCode: string; name: Record<string, string>; requiredDocuments?: string[] };
export type Product = {
  id: string;
  name: Record<string, string>;
  versions: { id: string; config: { covers?: Cover[] } }[];
};

export type CaseSummary = {
  id: string;
  caseNumber: string;
  kind: string;
  status: string;
  subject: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};
export type CaseView = CaseSummary & {
  messages: {
    id: string;
    authorKind: 'customer' | 'staff' | 'system';
    visibility: 'customer' | 'internal';
    body: string;
    createdAt: string;
  }[];
};
export type Complaint = {
  caseNumber: string;
  causeCategoryLabel: string;
  requestedRemedy: string;
  dueOn: string | null;
  finalAnswer: string | null;
  outcome: string | null;
};

export type Customer = {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  address: { street: string; postalCode: string; city: string; country: string } | null;
  country: string;
  preferredLanguage: string;
  version: number;
};

export type BankAccounts = { current: { display: string; holderName: string; masked: string } | null };

export type AccountChange = {
  id: string;
  caseNumber: string;
  field: string;
  status: 'pending_verification' | 'pending_approval' | 'applied' | 'rejected' | 'cancelled';
  newValue: Record<string, unknown> | string;
  createdAt: string;
};

export const claimPath = (ref: string) => `/claims/${encodeURIComponent(ref)}`;

/** POST /documents as multipart/form-data; the server's refusals arrive as an ApiProblem like any other. */
export async function uploadDocument(opts: {
  entityType: 'claim' | 'service_case' | 'customer';
  entityId: string;
  file: File;
  kind?: string | null;
}): Promise<{ id: string; filename: string }> {
  const form = new FormData();
  form.append('entityType', opts.entityType);
  form.append('entityId', opts.entityId);
  if (opts.kind) form.append('kind', opts.kind);
  form.append('file', opts.file, opts.file.name);
  const res = await fetch('/documents', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json, application/problem+json', 'idempotency-key': crypto.randomUUID() },
    body: form,
  });
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) throw new ApiProblem(res.status, json);
  return json as { id: string; filename: string };
}

export function createWithKey<T>(path: string, body: unknown): Promise<T> {
  return api<T>('POST', path, body, { 'idempotency-key': crypto.randomUUID() });
}
