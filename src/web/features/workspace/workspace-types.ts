import type { Claim, Language } from '../../api/types.ts';

// What the workspace reads beyond the shared types (api/types.ts), as the server's OpenAPI
// document describes it — only the fields the screens use.

type Reason = { code: string; clause: string | null; params: Record<string, string | number> };

export type AssessmentLine = {
  lineNo: number;
  benefitCode: string;
  submittedMinor: number;
  eligibleMinor: number;
  deductibleMinor: number;
  copayMinor: number;
  benefitMinor: number;
  reasons: Reason[];
};

export type FullAssessment = Omit<NonNullable<Claim['assessment']>, 'lines' | 'totals'> & {
  id: string;
  seq: number;
  totals: {
    submittedMinor: number;
    eligibleMinor: number;
    deductibleMinor: number;
    copayMinor: number;
    benefitMinor: number;
  };
  lines: AssessmentLine[];
  missing: { document: string; benefitCode: string; clause: string }[];
  riskFlags: { code: 'duplicate_claim' | 'possible_duplicate'; claimNumber: string }[];
  productVersionId: string;
  assessedAt: string;
};

export type WorkspaceClaim = Omit<Claim, 'assessment' | 'decision'> & {
  policyId: string;
  cause: string | null;
  documents: string[];
  assessment: FullAssessment | null;
  decision: {
    id: string;
    outcome: 'approved' | 'partially_approved' | 'denied';
    amountMinor: number;
    currency: string;
    straightThrough: boolean;
    decidedAt: string;
  } | null;
};

export type Localized = Record<Language, string>;

export type Policy = {
  id: string;
  policyNumber: string;
  productId: string;
  status: string;
  startsOn: string;
  endsOn: string;
  currency: string;
  insuredPersons: { id: string; fullName: string; relation: string }[];
  premiumStatus?: { state: 'paid' | 'grace_period' | 'overdue' | 'lapsed'; paidThrough: string | null };
};

export type Product = {
  id: string;
  code: string;
  name: Localized;
  versions: {
    id: string;
    version: number;
    status: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    config: { covers?: { benefitCode: string; name: Localized; clause: string }[] };
  }[];
};

export type Customer = {
  id: string;
  customerNumber: string;
  givenName: string;
  familyName: string;
  preferredLanguage: Language;
  email: string | null;
  phone: string | null;
};

export type PaymentOrder = {
  id: string;
  paymentNumber: string;
  status: string;
  principalMinor: number;
  interestMinor: number;
  totalMinor: number;
  currency: string;
  requestedExecutionDate: string;
  holdReasons: string[];
};

export type Ledger = {
  currency: string;
  figures: {
    approvedMinor: number;
    paidPrincipalMinor: number;
    paidInterestMinor: number;
    outstandingMinor: number;
  };
  movements: { date: string; kind: string; reference: string; amountMinor: number; balanceMinor: number }[];
};

export type DocumentMeta = {
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  kind: string | null;
  source: string;
  createdAt: string;
};

export type Checklist = {
  complete: boolean;
  items: { kind: string; requiredFor: { benefitCode: string; clause: string }[]; arrived: boolean }[];
};

export type TimelineEntry = {
  id: string;
  kind: string;
  occurredAt: string;
  reference: string | null;
  title: string | null;
  status: string | null;
  amountMinor: number | null;
  currency: string | null;
  channel: string | null;
};

export type ClaimNote = { id: string; body: string; authorName: string | null; createdAt: string };

export type Department = { code: string; name: Localized; active: boolean };

export type ClaimWork = {
  informationRequests: {
    id: string;
    status: string;
    items: ({ kind: 'document'; document: string } | { kind: 'question'; text: string })[];
    dueOn: string;
    channel: string;
  }[];
};

/** GET /claims/{ref}/information-requests: each request with the customer's answer and files. */
export type InformationRequestView = {
  id: string;
  status: 'open' | 'answered' | 'expired' | 'cancelled';
  items: ({ kind: 'document'; document: string } | { kind: 'question'; text: string })[];
  channel: string;
  dueOn: string;
  remindersSent: number;
  createdAt: string;
  answeredAt: string | null;
  answerChannel: string | null;
  answer: { answers: string[]; documentKinds: string[]; note: string | null } | null;
  documents: { id: string; filename: string; kind: string | null; createdAt: string }[];
};

/** POST /documents: the document, and whether the same bytes were already on the record. */
export type UploadedDocument = DocumentMeta & {
  alreadyOnFile?: boolean;
  requestedFilename?: string;
  requestedKind?: string | null;
};

export const DOCUMENT_KINDS = [
  'receipt',
  'medical_certificate',
  'police_report',
  'employer_statement',
  'travel_booking',
  'income_statement',
  'property_irregularity_report',
] as const;
