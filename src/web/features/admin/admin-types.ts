// The shapes the administrator's configuration screens read (as the server's OpenAPI describes them).

export type Localized = { sv: string; it: string; en: string };

export function inLanguage(text: Localized | null | undefined, language: string): string {
  if (!text) return '';
  return text[language as keyof Localized] ?? text.en;
}

export type ProductVersion = {
  id: string;
  productId: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  effectiveFrom: string;
  effectiveTo: string | null;
  config: unknown;
  createdAt: string;
};

export type Product = {
  id: string;
  code: string;
  kind: 'insurance' | 'benefit_programme';
  name: Localized;
  country: string;
  currency: string;
  versions: ProductVersion[];
};

type Clause = string;

export type Cover = {
  benefitCode: string;
  name: Localized;
  clause: Clause;
  requiredDocuments?: string[];
  limits?: {
    perLineMinor?: number;
    perClaimMinor?: number;
    perYearMinor?: number;
    lifetimeMinor?: number;
    per?: 'insured_person' | 'policy';
    clause: Clause;
  };
  coPayment?: { sharePermille: number; clause: Clause };
  waitingPeriod?: { days: number; clause: Clause };
};

export type ProductConfig = {
  covers: Cover[];
  exclusions?: {
    code: string;
    clause: Clause;
    text: Localized;
    benefitCodes?: string[];
    causes?: string[];
    countries?: string[];
    preExistingCondition?: true;
  }[];
  deductible?: { amountMinor: number; per: 'claim' | 'year'; clause: Clause };
  premiumTerms?: { graceDays: number; lapseAfterDays: number; clause?: Clause };
  dailyBenefit?: {
    benefitCode: string;
    incomeSharePermille: number;
    dailyCapMinor: number;
    waitingDays: number;
    maxDaysPerPeriod: number;
    clause: Clause;
  };
  straightThroughLimitMinor?: number;
  informationRequests?: {
    answerDays: number;
    reminderDaysBefore: number[];
    onNoAnswer: 'close' | 'deny';
    clause: Clause;
  };
};

export type DeadlinePolicy = {
  code: string;
  workKind: 'claim' | 'service_case' | 'complaint' | 'referral' | 'payment';
  jurisdiction: 'SE' | 'IT' | null;
  label: Localized;
  source: string;
  clock: { unit: 'calendar_days' | 'calendar_months' | 'business_days' | 'business_hours'; amount: number };
  pausesWhileAwaitingCustomer: boolean;
  rollForwardToBusinessDay: boolean;
  warnAtShares: number[];
  secondEscalationAfter: { unit: 'business_days' | 'business_hours' | 'calendar_days'; amount: number };
  configurable: boolean;
  configured: boolean;
  /** The administrators' edits so far (0: none); sent back with an edit. */
  version: number;
};

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type BusinessCalendar = {
  country: 'SE' | 'IT';
  year: number;
  timeZone: string;
  officeHours: Record<Weekday, { opens: string; closes: string } | null>;
  extraClosedRules: string[];
  closedDays: {
    date: string;
    weekday: Weekday;
    kind: 'public_holiday' | 'extra_closed_day';
    name: Localized | null;
    onClosedWeekday: boolean;
    /** A day an administrator closed (and may open again), with why. */
    addedByAdministrator: boolean;
    reason: string | null;
  }[];
};

export type AuthorityLimit = {
  id: string;
  role: 'representative' | 'supervisor' | 'department_agent' | 'administrator' | null;
  user: { id: string; displayName: string; email: string; role: string } | null;
  productCode: string | null;
  currency: string;
  maxAmountMinor: number;
  ownRegistrationMaxMinor: number;
  causes: string[] | null;
  mayDeny: boolean;
  version: string;
};
