// The shapes the screens read, as the server's OpenAPI document describes them (only the fields used).

export type Language = 'sv' | 'it' | 'en';
export type Role =
  | 'customer'
  | 'representative'
  | 'supervisor'
  | 'department_agent'
  | 'administrator'
  | 'auditor';

export type Me = {
  userId: string;
  role: Role;
  displayName: string;
  customerId: string | null;
  team: string | null;
  department: string | null;
  locale: Language;
};

export type DeadlineState = 'none' | 'on_track' | 'warning' | 'breached' | 'paused';

export type QueueItem = {
  id: string;
  kind: 'claim' | 'service_case' | 'referral' | 'triage';
  subjectId: string;
  reference: string;
  summary: string;
  status: string;
  customerId: string | null;
  priority: number;
  dueAt: string | null;
  timeLeftMs: number | null;
  deadlineState: DeadlineState;
  productCode: string | null;
  amountMinor: number | null;
  currency: string | null;
};

export type QueuePage = { items: QueueItem[]; nextCursor: string | null };

export type ExplanationLine = { code: string; clause: string | null; text: string; lineNo: number | null };

export type Claim = {
  id: string;
  claimNumber: string;
  customerId: string;
  status: string;
  channel: string;
  incidentDate: string;
  description: string;
  currency: string;
  totalClaimedMinor: number;
  registeredAt: string;
  version: number;
  lines: {
    lineNo: number;
    benefitCode: string;
    description: string;
    serviceDate: string;
    amountMinor: number;
    currency: string;
  }[];
  assessment: {
    recommendation: 'approve' | 'partial' | 'deny' | 'request_information' | 'refer';
    straightThrough: boolean;
    currency: string;
    totals: { submittedMinor: number; eligibleMinor: number; benefitMinor: number };
    lines: {
      lineNo: number;
      benefitCode: string;
      submittedMinor: number;
      eligibleMinor: number;
      benefitMinor: number;
    }[];
    explanation: ExplanationLine[];
  } | null;
  decision: { outcome: string; amountMinor: number; currency: string; decidedAt: string } | null;
};

export type Page<T> = { items: T[]; total: number; limit: number; offset: number };
