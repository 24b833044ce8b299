// The shapes the intake screens read (search, call, new claim, cases, referrals), as the server's
// OpenAPI document describes them — only the fields these screens use.

import type { DeadlineState, Language } from '../../api/types.ts';

export type Customer = {
  id: string;
  customerNumber: string;
  givenName: string;
  familyName: string;
  preferredLanguage: Language;
  email: string | null;
  phone: string | null;
  address: { street: string; postalCode: string; city: string; country: string } | null;
  country: string;
  nationalId: string;
  nationalIdCountry: 'SE' | 'IT';
  birthDate: string;
  version: number;
};

export type Policy = {
  id: string;
  policyNumber: string;
  customerId: string;
  productId: string;
  productVersionId: string;
  status: 'active' | 'cancelled' | 'expired';
  startsOn: string;
  endsOn: string;
  currency: string;
  premiumStatus?: { state: 'paid' | 'grace_period' | 'overdue' | 'lapsed' };
};

export type Localized = { sv: string; it: string; en: string };

export type Cover = { benefitCode: string; name: Localized; clause: string; requiredDocuments?: string[] };

export type ProductVersion = {
  id: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  effectiveFrom: string;
  effectiveTo: string | null;
  config: { covers?: Cover[] } | null;
};

export type Product = {
  id: string;
  code: string;
  name: Localized;
  country: string;
  currency: string;
  versions: ProductVersion[];
};

export type OpenItem = { id: string; status: string; dueAt: string | null };

export type ScreenPop = {
  number: string;
  customers: {
    id: string;
    customerNumber: string;
    name: string;
    country: string;
    preferredLanguage: string;
    phone: string | null;
    openClaims: (OpenItem & { claimNumber: string })[];
    openCases: (OpenItem & { caseNumber: string })[];
    recentContacts: {
      kind: 'call' | 'inbound' | 'outbound';
      id: string;
      at: string;
      channel: string;
      summary: string | null;
    }[];
  }[];
};

export type Call = { id: string; customerId: string | null; phoneNumber: string; version: number };

export const CASE_STATUSES = [
  'open',
  'in_progress',
  'awaiting_customer',
  'awaiting_department',
  'resolved',
  'closed',
  'withdrawn',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_KINDS = [
  'payment_delay',
  'renewal_problem',
  'account_change',
  'complaint',
  'general_inquiry',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export type CaseSummary = {
  id: string;
  caseNumber: string;
  customerId: string;
  kind: CaseKind;
  category: string;
  status: CaseStatus;
  subject: string;
  description: string;
  channel: string;
  claimId: string | null;
  policyId: string | null;
  language: Language;
  resolution: string | null;
  createdAt: string;
  statusChangedAt: string;
  version: number;
};

export type CaseMessage = {
  id: string;
  authorKind: 'customer' | 'staff' | 'system';
  visibility: 'customer' | 'internal';
  body: string;
  createdAt: string;
};

export type PaymentOrder = {
  id: string;
  paymentNumber: string;
  status: string;
  amountMinor: number;
  interestMinor: number;
  currency: string;
  requestedExecutionDate: string;
  settledOn: string | null;
  reason: { code: string | null; text: string } | null;
};

export type CaseView = CaseSummary & {
  messages: CaseMessage[];
  workItem: {
    ownerId: string | null;
    team: string | null;
    dueAt: string | null;
    timeLeftMs: number | null;
    deadlineState: DeadlineState;
  } | null;
  paymentDelay: {
    claim: { id: string; claimNumber: string; status: string; currency: string; totalClaimedMinor: number };
    decision: { outcome: string; payableMinor: number; currency: string; decidedAt: string } | null;
    payment: { state: string; orders: PaymentOrder[] };
  } | null;
  renewal: {
    policy: { policyNumber: string; startsOn: string; endsOn: string; renewalDate: string };
    premiumStatus: { state: string };
  } | null;
};

export type CasePage = { items: CaseSummary[]; nextCursor: string | null };

export type Referral = {
  id: string;
  referralNumber: string;
  caseId: string;
  caseNumber: string;
  customerId: string;
  department: string;
  departmentName: Localized;
  question: string;
  urgency: 'standard' | 'urgent';
  status: 'open' | 'accepted' | 'answered' | 'returned' | 'cancelled';
  referredBy: string;
  answer: string | null;
  answeredAt: string | null;
  returnReason: string | null;
  cancelReason: string | null;
  ownerId: string | null;
  dueAt: string | null;
  deadlineState: DeadlineState;
  version: number;
  createdAt: string;
};

export type Department = { code: string; name: Localized; active: boolean };

export type BankAccount = {
  id: string;
  display: string;
  holderName: string;
  current: boolean;
  validFrom: string;
};

/** A localized name in the screen's language (English when the language is not one of ours). */
export function localized(name: Localized, language: string): string {
  return name[language as keyof Localized] ?? name.en;
}
