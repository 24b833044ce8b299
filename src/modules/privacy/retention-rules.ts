// How long each kind of record about a customer is kept, and why (issue 9 §4). These are the desk's
// defaults, written as data so that a data-protection officer can read and change them in one
// place; the legal references are the usual Swedish and Italian ones for an insurer, to be confirmed
// for each deployment. A record under a retention rule survives an erasure request: the customer's
// identity is pseudonymised instead (GDPR art. 17(3)(b) and (e): a legal obligation, and the
// establishment or defence of legal claims).

export type RetentionBasis =
  | 'limitation_period'
  | 'accounting'
  | 'audit'
  | 'complaint_register'
  | 'service'
  | 'security';

export type RetentionRule = {
  /** The kind of record, as the export and the erasure report name it. */
  kind: string;
  /** The tables that hold it. */
  tables: readonly string[];
  /** Years kept after the matter closes, per country of the customer; null: kept only while needed. */
  years: { SE: number | null; IT: number | null };
  basis: RetentionBasis;
  /** What the rule rests on, in plain words. */
  reference: string;
  /** Whether an erasure request pseudonymises (true) or leaves the record as it is (false). */
  personalDataErasedOnRequest: boolean;
};

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    kind: 'claim_file',
    tables: [
      'claims',
      'claim_lines',
      'claim_assessments',
      'claim_decisions',
      'claim_escalations',
      'claim_notes',
      'benefit_accumulators',
      'information_requests',
      'documents',
      'deliveries',
      'inbound_messages',
      'scans',
      'work_items',
      'deadlines',
      'deadline_alerts',
      'fhir_claims',
    ],
    years: { SE: 10, IT: 10 },
    basis: 'limitation_period',
    reference:
      'General limitation period for claims under the contract: SE preskriptionslagen (1981:130) 2 §, IT codice civile art. 2946.',
    personalDataErasedOnRequest: false,
  },
  {
    kind: 'policy',
    tables: ['policies', 'policy_insured_persons', 'premium_payments'],
    years: { SE: 10, IT: 10 },
    basis: 'limitation_period',
    reference: 'The contract and its premiums, for as long as a claim under it can be made.',
    personalDataErasedOnRequest: false,
  },
  {
    kind: 'payments',
    tables: ['payment_orders', 'payment_status_changes', 'recovery_items', 'customer_bank_accounts'],
    years: { SE: 7, IT: 10 },
    basis: 'accounting',
    reference:
      'Accounting records and their vouchers: SE bokföringslagen (1999:1078) 7 kap. 2 §, IT codice civile art. 2220.',
    personalDataErasedOnRequest: false,
  },
  {
    kind: 'audit_trail',
    tables: ['audit_events'],
    years: { SE: 10, IT: 10 },
    basis: 'audit',
    reference:
      'Proof of who did what to the records above; kept as long as the longest of them. Its events carry ids, not names.',
    personalDataErasedOnRequest: false,
  },
  {
    kind: 'complaints',
    tables: ['complaints'],
    years: { SE: 10, IT: 10 },
    basis: 'complaint_register',
    reference: 'The complaints register the supervisory authority may inspect (Finansinspektionen, IVASS).',
    personalDataErasedOnRequest: false,
  },
  {
    kind: 'service',
    tables: [
      'service_cases',
      'case_messages',
      'referrals',
      'account_change_requests',
      'customer_contact_history',
      'calls',
      'notifications',
    ],
    years: { SE: 2, IT: 2 },
    basis: 'service',
    reference:
      'Customer service history: kept to serve the customer, with no legal obligation; contact details and call details are erased on request.',
    personalDataErasedOnRequest: true,
  },
  {
    kind: 'integration_log',
    tables: ['webhook_deliveries'],
    years: { SE: 2, IT: 2 },
    basis: 'security',
    reference:
      'What was sent to which integration subscriber and when (webhooks): ids and codes, no personal text; kept as long as the service history, to answer "did you tell us?".',
    personalDataErasedOnRequest: false,
  },
  {
    kind: 'identity',
    tables: ['customers', 'users'],
    years: { SE: null, IT: null },
    basis: 'service',
    reference:
      'Name, identity number, birth date, contact details and the portal login: erased on request (pseudonymised: the row stays so that retained records still have an owner).',
    personalDataErasedOnRequest: true,
  },
];

/** The rule that covers a table, or undefined for a table no rule names (the export says so). */
export function retentionRuleOf(table: string): RetentionRule | undefined {
  return RETENTION_RULES.find((r) => r.tables.includes(table));
}

/** The last day a record closed on `closedOn` (YYYY-MM-DD) is kept under `rule`, or null. */
export function retainedUntil(rule: RetentionRule, country: 'SE' | 'IT', closedOn: string): string | null {
  const years = rule.years[country];
  if (years === null) return null;
  const [y, m, d] = closedOn.split('-').map(Number) as [number, number, number];
  // 29 February plus whole years lands on 28 February in a common year, never on 1 March.
  const leap = (yy: number) => (yy % 4 === 0 && yy % 100 !== 0) || yy % 400 === 0;
  const year = y + years;
  const day = m === 2 && d === 29 && !leap(year) ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
