import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

// Kysely's view of the tables created by src/db/migrations. Keep in step with the SQL: a column
// added there is added here in the same commit. int8 arrives as number and date as 'YYYY-MM-DD'
// (see connection.ts).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type DefaultedJson<T> = ColumnType<T, string | undefined, string>;

export type Language = 'sv' | 'it' | 'en';
export type Role =
  | 'customer'
  | 'representative'
  | 'supervisor'
  | 'department_agent'
  | 'administrator'
  | 'auditor';
export type Localized = { sv: string; it: string; en: string };
export type Address = { street: string; postalCode: string; city: string; country: string };

export interface NumberCountersTable {
  prefix: string;
  year: number;
  last_value: number;
}

export interface CustomersTable {
  id: string;
  customer_number: string;
  given_name: string;
  family_name: string;
  preferred_language: Language;
  email: string | null;
  phone: string | null;
  address: Json<Address | null> | null;
  country: string;
  national_id: string;
  national_id_country: 'SE' | 'IT';
  birth_date: string;
  time_zone: string;
  related_staff_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** When the customer's personal data was erased on request (the row stays, pseudonymised). */
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  role: Role;
  customer_id: string | null;
  team: string | null;
  department: string | null;
  locale: Generated<Language>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  /** Reporting line: an owner's supervisor; the supervisor's manager is the next escalation step. */
  manager_id: ColumnType<string | null, string | null | undefined, string | null>;
  languages: ColumnType<Language[], Language[] | undefined, Language[]>;
  product_skills: ColumnType<string[], string[] | undefined, string[]>;
  last_assigned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Migration 20261121202000_user_admin: optimistic concurrency for the administrator's edits. */
  version: Generated<number>;
  /** Migration 20261122000000_oidc: the staff login's single sign-on identity, once linked. */
  oidc_issuer: ColumnType<string | null, string | null | undefined, string | null>;
  oidc_subject: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Migration 20261122000000_oidc: OpenID Connect sign-ins between start and callback. */
export interface OidcSignInFlowsTable {
  handle_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_uri: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  /** Idle expiry: slid forward at most once a minute (sessions.ts). */
  last_seen_at: Generated<Date>;
}

export interface SignInThrottlesTable {
  key: string;
  id: string;
  failures: Generated<number>;
  window_started_at: Timestamp;
  locked_until: Timestamp | null;
  lockouts: Generated<number>;
  in_flight: Generated<number>;
  last_admitted_at: Timestamp | null;
  updated_at: Generated<Date>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: ColumnType<string[], string[], string[]>;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface ProductsTable {
  id: string;
  code: string;
  kind: 'insurance' | 'benefit_programme';
  name: Json<Localized>;
  country: string;
  currency: string;
  created_at: Generated<Date>;
}

export interface ProductVersionsTable {
  id: string;
  product_id: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  effective_from: string;
  effective_to: string | null;
  config: Json<unknown>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface PremiumScheduleJson {
  frequency: 'monthly' | 'quarterly' | 'semiannual' | 'annual';
  amountMinor: number;
  currency: string;
  firstDueDate: string;
}

export interface PoliciesTable {
  id: string;
  policy_number: string;
  customer_id: string;
  product_id: string;
  product_version_id: string;
  status: 'active' | 'cancelled' | 'expired';
  starts_on: string;
  ends_on: string;
  currency: string;
  premium_schedule: Json<PremiumScheduleJson>;
  declared_annual_income_minor: number | null;
  external_ref: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface PolicyInsuredPersonsTable {
  id: string;
  policy_id: string;
  customer_id: string;
  person_customer_id: string | null;
  full_name: string;
  birth_date: string;
  relation: 'holder' | 'spouse' | 'child' | 'other';
}

export interface PremiumPaymentsTable {
  id: string;
  policy_id: string;
  customer_id: string;
  paid_on: string;
  amount_minor: number;
  currency: string;
  reference: string | null;
  created_at: Generated<Date>;
}

export type ClaimChannel = 'phone' | 'email' | 'letter' | 'portal' | 'api' | 'import';
export type ClaimStatus =
  | 'registered'
  | 'in_review'
  | 'awaiting_information'
  | 'escalated'
  | 'approved'
  | 'partially_approved'
  | 'denied'
  | 'appealed'
  | 'paid'
  | 'closed'
  | 'withdrawn';

export interface ClaimsTable {
  id: string;
  claim_number: string;
  customer_id: string;
  policy_id: string;
  insured_person_id: string;
  status: ClaimStatus;
  channel: ClaimChannel;
  incident_date: string;
  description: string;
  currency: string;
  total_claimed_minor: number;
  external_ref: string | null;
  registered_by: string | null;
  registered_at: Generated<Date>;
  version: Generated<number>;
  cause: ColumnType<string | null, string | null | undefined, string | null>;
  incident_country: ColumnType<string | null, string | null | undefined, string | null>;
  pre_existing_condition: Generated<boolean>;
  /** Kinds of documents received (DocumentKind); the documents module comes later. */
  documents: ColumnType<string[], string[] | undefined, string[]>;
  status_changed_at: Generated<Date>;
}

export interface ClaimLinesTable {
  id: string;
  claim_id: string;
  customer_id: string;
  line_no: number;
  benefit_code: string;
  description: string;
  service_date: string;
  amount_minor: number;
  currency: string;
  provider: string | null;
  /** Daily benefit: number of consecutive days from service_date. */
  days: ColumnType<number | null, number | null | undefined, number | null>;
}

export type AssessmentTrigger = 'registration' | 'documents_received' | 'manual' | 'bulk';
export type AssessmentRecommendation = 'approve' | 'partial' | 'deny' | 'request_information' | 'refer';
export type DecisionOutcome = 'approved' | 'partially_approved' | 'denied';

export interface ClaimAssessmentsTable {
  id: string;
  claim_id: string;
  customer_id: string;
  seq: number;
  engine_version: string;
  product_version_id: string;
  recommendation: AssessmentRecommendation;
  benefit_minor: number;
  straight_through: boolean;
  /** The whole Assessment (src/modules/assessment/assessment-types.ts). */
  result: Json<unknown>;
  /** The whole AssessmentInput the result was computed from: assessClaim(input) re-explains it. */
  input: Json<unknown>;
  trigger: AssessmentTrigger;
  assessed_at: Generated<Date>;
}

export interface BenefitAccumulatorsTable {
  key: string;
  policy_id: string;
  customer_id: string;
  used: number;
  updated_at: Generated<Date>;
}

export interface ClaimDecisionsTable {
  id: string;
  claim_id: string;
  customer_id: string;
  outcome: DecisionOutcome;
  amount_minor: number;
  currency: string;
  /** NULL: decided straight-through by the system. */
  decided_by: string | null;
  assessment_id: string;
  straight_through: boolean;
  decided_at: Generated<Date>;
  decision_no: Generated<number>;
  reason_codes: ColumnType<string[], string[] | undefined, string[]>;
  clauses: ColumnType<string[], string[] | undefined, string[]>;
  /** A person's decision per line: [{ lineNo, payableMinor }]. NULL: the assessment's amounts. */
  line_amounts: ColumnType<DecidedLine[] | null, string | null | undefined, string | null>;
  comment: ColumnType<string | null, string | null | undefined, string | null>;
  escalation_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when an appeal's new decision replaces this one. */
  superseded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** What this decision added to the accumulators: an appeal's new decision reverses these. */
  accumulator_deltas: DefaultedJson<{ key: string; amountMinor: number }[]>;
  /** Copies for the reports, written by the database (migration 20261122010000_report_facts). */
  product_id: ColumnType<string | null, never, never>;
  claim_registered_at: ColumnType<Date | null, never, never>;
}

export type DecidedLine = { lineNo: number; payableMinor: number };

export interface TeamsTable {
  code: string;
  name: string;
  department: string | null;
  country: string | null;
  product_codes: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Generated<Date>;
}

export interface AuthorityLimitsTable {
  id: string;
  role: Exclude<Role, 'customer' | 'auditor'> | null;
  user_id: string | null;
  product_code: string | null;
  currency: string;
  max_amount_minor: number;
  causes: string[] | null;
  may_deny: Generated<boolean>;
  own_registration_max_minor: Generated<number>;
  created_at: Generated<Date>;
}

export type DeadlineRowState = 'on_track' | 'warning' | 'breached' | 'paused';
export type WorkItemDeadlineState = DeadlineRowState | 'none';

export type WorkItemKind = 'claim' | 'service_case' | 'referral' | 'triage';

export interface WorkItemsTable {
  id: string;
  kind: WorkItemKind;
  subject_id: string;
  /** NULL only for triage: a message from someone we do not know yet (migration 20261121192000_inbound). */
  customer_id: string | null;
  reference: string;
  summary: string;
  subject_status: string;
  open: Generated<boolean>;
  owner_id: string | null;
  team: string | null;
  department: string | null;
  escalated_to: ColumnType<string | null, string | null | undefined, string | null>;
  escalation_level: Generated<number>;
  priority: Generated<number>;
  /** Never NULL: NO_DEADLINE (9999-12-31) means no running deadline. */
  due_at: ColumnType<Date, Date | string | undefined, Date | string>;
  deadline_state: Generated<WorkItemDeadlineState>;
  language: Language;
  /** NULL for service cases and referrals, which have no product of their own. */
  product_code: string | null;
  amount_minor: number | null;
  currency: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type PauseJson = { from: string; to: string | null };

export interface DeadlinesTable {
  id: string;
  work_item_id: string;
  customer_id: string;
  policy_code: string;
  calendar: 'SE' | 'IT';
  started_at: Timestamp;
  pauses: DefaultedJson<PauseJson[]>;
  status: 'running' | 'paused' | 'met' | 'cancelled';
  due_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  next_check_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  stage_reached: Generated<number>;
  state: DeadlineRowState;
  stopped_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface DeadlineAlertsTable {
  id: string;
  deadline_id: string;
  work_item_id: string;
  customer_id: string;
  stage: number;
  kind: 'warning' | 'breach' | 'second_escalation';
  notified_user_id: string | null;
  occurred_at: Generated<Date>;
}

export type EscalationReason =
  | 'above_authority'
  | 'cause_not_authorised'
  | 'deny_not_authorised'
  | 'four_eyes_own_registration'
  | 'four_eyes_related_customer'
  | 'manual';

export interface ClaimEscalationsTable {
  id: string;
  claim_id: string;
  customer_id: string;
  reason: EscalationReason;
  comment: string | null;
  proposal: ColumnType<unknown, string | null, string | null>;
  escalated_by: string | null;
  escalated_to: string | null;
  status: 'open' | 'decided' | 'returned';
  resolved_by: ColumnType<string | null, string | null | undefined, string | null>;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  resolution_comment: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

export type InformationItem = { kind: 'document'; document: string } | { kind: 'question'; text: string };
export type InformationChannel = 'portal' | 'email' | 'letter';

export interface InformationRequestsTable {
  id: string;
  claim_id: string;
  customer_id: string;
  items: Json<InformationItem[]>;
  channel: InformationChannel;
  due_on: string;
  requested_by: string | null;
  status: 'open' | 'answered' | 'expired' | 'cancelled';
  reminders_sent: Generated<number>;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  answer_channel: ColumnType<
    InformationChannel | 'phone' | null,
    InformationChannel | 'phone' | null | undefined,
    InformationChannel | 'phone' | null
  >;
  answer: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}

export interface NotificationsTable {
  id: string;
  audience: 'staff' | 'customer';
  user_id: string | null;
  customer_id: string | null;
  channel: 'in_app' | 'portal' | 'email' | 'letter';
  kind: string;
  language: Language;
  subject: string;
  body: string;
  entity_type: string | null;
  entity_id: string | null;
  dedupe_key: string | null;
  /** An explicit destination (the old contact details of a bank-account change); NULL: the current one. */
  recipient: ColumnType<NoticeRecipient | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: Json<unknown>;
  created_at: Generated<Date>;
}

export interface AuditEventsTable {
  id: string;
  seq: Generated<number>;
  chain: string;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_role: string;
  action: string;
  entity_type: string;
  entity_id: string;
  customer_id: string | null;
  reason: string | null;
  data: DefaultedJson<unknown>;
  prev_hash: string;
  hash: string;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** Durable background jobs (src/jobs, migration 20261121150000_jobs.sql). */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: DefaultedJson<Record<string, unknown>>;
  status: Generated<JobStatus>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  unique_key: string | null;
  locked_by: string | null;
  locked_until: Timestamp | null;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
  /** Generated: run_at while queued, locked_until while running. */
  due_at: ColumnType<Date, never, never>;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export type NoticeRecipient = { email?: string | null; address?: Address | null; phone?: string | null };

export type CaseKind =
  | 'payment_delay'
  | 'renewal_problem'
  | 'account_change'
  | 'complaint'
  | 'general_inquiry';
export type CaseStatus =
  | 'open'
  | 'in_progress'
  | 'awaiting_customer'
  | 'awaiting_department'
  | 'resolved'
  | 'closed'
  | 'withdrawn';
export type ContactChannel = 'phone' | 'email' | 'letter' | 'portal' | 'in_person' | 'api';

export interface DepartmentsTable {
  code: string;
  name: Json<Localized>;
  supervisor_id: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  /** Migration 20261121182000_referrals: the department's id in the audit trail, and its version. */
  id: Generated<string>;
  version: Generated<number>;
}

export interface CaseCategoriesTable {
  code: string;
  kind: CaseKind;
  label: Json<Localized>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ServiceCasesTable {
  id: string;
  case_number: string;
  customer_id: string;
  kind: CaseKind;
  category: string;
  status: CaseStatus;
  subject: string;
  description: string;
  channel: ContactChannel;
  claim_id: string | null;
  policy_id: string | null;
  payment_id: string | null;
  language: Language;
  opened_by: string | null;
  resolution: ColumnType<string | null, string | null | undefined, string | null>;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  status_changed_at: Generated<Date>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseMessagesTable {
  id: string;
  case_id: string;
  customer_id: string;
  author_kind: 'customer' | 'staff' | 'system';
  author_user_id: string | null;
  visibility: 'customer' | 'internal';
  body: string;
  document_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Generated<Date>;
}

export type DocumentEntityType =
  | 'claim'
  | 'service_case'
  | 'referral'
  | 'customer'
  | 'inbound_message'
  | 'scan'
  | 'letter';

export interface DocumentsTable {
  id: string;
  /** NULL while nobody knows whose it is (an unmatched email's attachment, a scan in triage). */
  customer_id: string | null;
  entity_type: DocumentEntityType;
  entity_id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  /** The bytes of rows written before the file store; new rows keep them in the store (storage_key). */
  content: ColumnType<Uint8Array | null, Uint8Array | null | undefined, Uint8Array | null>;
  storage_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** Migration 20261121191000_documents_calls: the DocumentKind it was uploaded as; NULL: not said. */
  kind: ColumnType<string | null, string | null | undefined, string | null>;
  source: 'portal' | 'staff' | 'email' | 'letter' | 'scan' | 'generated' | 'api';
  uploaded_by: string | null;
  created_at: Generated<Date>;
}

export type ReferralStatus = 'open' | 'accepted' | 'answered' | 'returned' | 'cancelled';

export interface ReferralsTable {
  id: string;
  referral_number: string;
  case_id: string;
  customer_id: string;
  /** Migration 20261122006000_department_reach indexes (department, case_id, customer_id). */
  department: string;
  question: string;
  document_ids: ColumnType<string[], string[] | undefined, string[]>;
  urgency: 'standard' | 'urgent';
  status: ReferralStatus;
  referred_by: string;
  accepted_by: ColumnType<string | null, string | null | undefined, string | null>;
  answered_by: ColumnType<string | null, string | null | undefined, string | null>;
  answer: ColumnType<string | null, string | null | undefined, string | null>;
  return_reason: ColumnType<string | null, string | null | undefined, string | null>;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  returned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Migration 20261121182000_referrals: the answer's attachments, who returned or cancelled it. */
  answer_document_ids: ColumnType<string[], string[] | undefined, string[]>;
  returned_by: ColumnType<string | null, string | null | undefined, string | null>;
  cancelled_by: ColumnType<string | null, string | null | undefined, string | null>;
  cancelled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  cancel_reason: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ComplaintOutcome = 'upheld' | 'partially_upheld' | 'rejected';

export interface ComplaintsTable {
  case_id: string;
  customer_id: string;
  jurisdiction: 'SE' | 'IT';
  cause_category: string;
  product_code: string | null;
  requested_remedy: string;
  received_at: Timestamp;
  acknowledged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  final_answer: ColumnType<string | null, string | null | undefined, string | null>;
  final_answer_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  answered_by: ColumnType<string | null, string | null | undefined, string | null>;
  outcome: ColumnType<ComplaintOutcome | null, ComplaintOutcome | null | undefined, ComplaintOutcome | null>;
  compensation_minor: ColumnType<number | null, number | null | undefined, number | null>;
  compensation_currency: ColumnType<string | null, string | null | undefined, string | null>;
}

export type BankAccountScheme = 'iban' | 'bankgiro' | 'plusgiro' | 'se_account';

export interface CustomerBankAccountsTable {
  id: string;
  customer_id: string;
  scheme: BankAccountScheme;
  iban: string | null;
  bic: string | null;
  clearing_number: string | null;
  account_number: string | null;
  holder_name: string;
  valid_from: Timestamp;
  valid_to: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  change_request_id: string | null;
  created_at: Generated<Date>;
}

export type AccountChangeField = 'address' | 'phone' | 'email' | 'preferred_language' | 'bank_account';
export type AccountChangeStatus =
  | 'pending_verification'
  | 'pending_approval'
  | 'applied'
  | 'rejected'
  | 'cancelled';

export interface AccountChangeRequestsTable {
  id: string;
  case_id: string;
  customer_id: string;
  field: AccountChangeField;
  old_value: ColumnType<unknown, string | null | undefined, string | null>;
  new_value: Json<unknown>;
  status: AccountChangeStatus;
  requested_by: string;
  verification: ColumnType<
    { method: string; reference: string | null; note: string | null } | null,
    string | null | undefined,
    string | null
  >;
  verified_by: ColumnType<string | null, string | null | undefined, string | null>;
  verified_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  rejection_reason: ColumnType<string | null, string | null | undefined, string | null>;
  applied_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface CustomerContactHistoryTable {
  id: string;
  customer_id: string;
  field: Exclude<AccountChangeField, 'bank_account'>;
  old_value: ColumnType<unknown, string | null | undefined, string | null>;
  new_value: ColumnType<unknown, string | null | undefined, string | null>;
  change_request_id: string | null;
  changed_by: string | null;
  changed_at: Generated<Date>;
}

export interface CallsTable {
  id: string;
  customer_id: string | null;
  direction: 'inbound' | 'outbound';
  phone_number: string;
  started_at: Timestamp;
  ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  outcome: 'answered' | 'resolved' | 'callback_needed' | 'no_answer' | 'voicemail' | 'transferred';
  notes: string | null;
  claim_id: string | null;
  case_id: string | null;
  handled_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export type InboundMatchRule =
  | 'reference_in_subject'
  | 'in_reply_to'
  | 'references'
  | 'sender_address'
  | 'reference_in_text'
  | 'national_id_in_text'
  | 'manual'
  | 'new_claim';

export interface InboundMessagesTable {
  id: string;
  channel: 'email' | 'letter';
  message_id: string | null;
  customer_id: string | null;
  claim_id: string | null;
  case_id: string | null;
  match_rule: InboundMatchRule | null;
  status: 'matched' | 'triage' | 'rejected';
  rejection_reason: string | null;
  from_address: string | null;
  to_addresses: ColumnType<string[], string[] | undefined, string[]>;
  subject: string | null;
  body_text: string | null;
  in_reply_to: string | null;
  references_ids: ColumnType<string[], string[] | undefined, string[]>;
  language: Language | null;
  extracted: DefaultedJson<Record<string, unknown>>;
  size_bytes: Generated<number>;
  received_at: Generated<Date>;
  triaged_by: ColumnType<string | null, string | null | undefined, string | null>;
  triaged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
}

export interface DeliveriesTable {
  id: string;
  notification_id: string;
  customer_id: string | null;
  channel: 'email' | 'letter';
  template: string;
  language: Language;
  recipient: Json<{ email?: string; name?: string; address?: Address }>;
  subject: string;
  status: 'pending' | 'sent' | 'outbox' | 'failed' | 'printed';
  attempts: Generated<number>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  smtp_message_id: ColumnType<string | null, string | null | undefined, string | null>;
  document_id: ColumnType<string | null, string | null | undefined, string | null>;
  print_batch_id: ColumnType<string | null, string | null | undefined, string | null>;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
  /** The rendered text as sent (migration 20261121193000_outbound). */
  body: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why the delivery differs from its notice (e.g. no email address: sent as a letter). */
  note: ColumnType<string | null, string | null | undefined, string | null>;
  printed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface PrintBatchesTable {
  id: string;
  letters: number;
  document_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ScansTable {
  id: string;
  document_id: string;
  inbound_message_id: string | null;
  status: 'pending' | 'recognised' | 'unreadable' | 'failed';
  ocr_languages: ColumnType<string[], string[] | undefined, string[]>;
  missing_languages: ColumnType<string[], string[] | undefined, string[]>;
  text: string | null;
  confidence: number | null;
  language: Language | null;
  uploaded_by: string | null;
  created_at: Generated<Date>;
  recognised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  // Migration 20261121194000_scans.sql:
  failure_reason: ColumnType<string | null, string | null | undefined, string | null>;
  customer_id: ColumnType<string | null, string | null | undefined, string | null>;
  page_count: ColumnType<number | null, number | null | undefined, number | null>;
  pages_read: ColumnType<number | null, number | null | undefined, number | null>;
  sha256: ColumnType<string | null, string | null | undefined, string | null>;
}

export type PaymentStatus =
  | 'awaiting_account'
  | 'held'
  | 'ready'
  | 'batched'
  | 'sent'
  | 'settled'
  | 'returned'
  | 'rejected'
  | 'cancelled';
export type PaymentKind = 'claim_payment' | 'benefit_instalment' | 'repayment';
export type PaymentHoldReason =
  | 'bank_account_recently_changed'
  | 'above_single_limit'
  // No reference rate for a half-year the late interest covers, or no payment settings for the currency.
  | 'interest_rate_missing'
  | 'currency_not_configured';
export type PaymentBatchStatus = 'awaiting_approval' | 'approved' | 'released' | 'cancelled';
export type PaymentChangeSource = 'system' | 'person' | 'batch' | 'bank_file' | 'manual';
export type BankEntryOutcome = 'settled' | 'returned' | 'rejected';

/** How late-payment interest was computed (räntelagen 6 §), kept on the payment to explain it. */
export type PaymentInterestJson = {
  legalDueDate: string;
  fromDate: string;
  toDate: string;
  marginPercentagePoints: number;
  periods: { from: string; to: string; days: number; annualRatePercent: number }[];
};

type NullableDate = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type NullableText = ColumnType<string | null, string | null | undefined, string | null>;

export interface InterestReferenceRatesTable {
  country: 'SE';
  valid_from: string;
  rate_hundredths: number;
  source: string;
  verified: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface PaymentBatchesTable {
  id: string;
  batch_number: string;
  message_id: string;
  currency: string;
  requested_execution_date: string;
  debtor_name: string;
  debtor_iban: string;
  debtor_bic: string | null;
  payment_count: number;
  control_sum_minor: number;
  status: PaymentBatchStatus;
  needs_second_approval: boolean;
  created_by: string | null;
  approved_by: NullableText;
  approved_at: NullableDate;
  released_by: NullableText;
  released_at: NullableDate;
  file_xml: NullableText;
  file_sha256: NullableText;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface PaymentOrdersTable {
  id: string;
  payment_number: string;
  kind: PaymentKind;
  claim_id: string;
  decision_id: string;
  instalment_no: Generated<number>;
  replaces_payment_id: NullableText;
  customer_id: string;
  bank_account_id: string | null;
  creditor_name: NullableText;
  creditor_scheme: ColumnType<
    BankAccountScheme | null,
    BankAccountScheme | null | undefined,
    BankAccountScheme | null
  >;
  creditor_iban: NullableText;
  creditor_bic: NullableText;
  creditor_clearing_number: NullableText;
  creditor_account_number: NullableText;
  principal_minor: number;
  interest_minor: Generated<number>;
  currency: string;
  interest: ColumnType<PaymentInterestJson | null, string | null | undefined, string | null>;
  legal_due_date: NullableText;
  remittance_info: string;
  end_to_end_id: string;
  requested_execution_date: string;
  status: PaymentStatus;
  hold_reasons: ColumnType<PaymentHoldReason[], PaymentHoldReason[] | undefined, PaymentHoldReason[]>;
  needs_second_approval: Generated<boolean>;
  created_by: string | null;
  approved_by: NullableText;
  approved_at: NullableDate;
  batch_id: NullableText;
  bank_reference: NullableText;
  reason_code: NullableText;
  reason_text: NullableText;
  sent_at: NullableDate;
  settled_on: NullableText;
  status_changed_at: Generated<Date>;
  /** Copies for the reports, written by the database (migration 20261122010000_report_facts). */
  product_id: ColumnType<string | null, never, never>;
  claim_registered_at: ColumnType<Date | null, never, never>;
  decided_at: ColumnType<Date | null, never, never>;
  delay_stage: Generated<number>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PaymentStatusChangesTable {
  id: string;
  payment_id: string;
  customer_id: string;
  from_status: PaymentStatus | null;
  to_status: PaymentStatus;
  source: PaymentChangeSource;
  reason_code: NullableText;
  note: NullableText;
  bank_notification_id: NullableText;
  actor_id: NullableText;
  at: Generated<Date>;
}

export interface BankNotificationsTable {
  id: string;
  message_id: string;
  file_sha256: string;
  imported_by: string | null;
  imported_at: Generated<Date>;
  entries_total: number;
  applied: number;
  ignored: number;
  unknown: number;
  report: Json<unknown>;
}

export interface BankNotificationEntriesTable {
  id: string;
  notification_id: string;
  entry_key: string;
  end_to_end_id: string | null;
  payment_id: string | null;
  outcome: BankEntryOutcome;
  amount_minor: number;
  currency: string;
  reason_code: string | null;
  booking_date: string | null;
}

export interface RecoveryItemsTable {
  id: string;
  recovery_number: string;
  claim_id: string;
  customer_id: string;
  decision_id: string;
  amount_minor: number;
  currency: string;
  status: 'open' | 'recovered' | 'waived';
  note: NullableText;
  resolved_by: NullableText;
  resolved_at: NullableDate;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface ClaimNotesTable {
  id: string;
  claim_id: string;
  customer_id: string;
  author_id: string | null;
  body: string;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FhirClaimsTable {
  claim_id: string;
  customer_id: string;
  identifier_system: string | null;
  identifier_value: string | null;
  claim_type: Json<unknown>;
  provider: Json<unknown>;
  item_sequences: number[];
  language: string | null;
  received_at: Generated<Date>;
}

export interface DB {
  number_counters: NumberCountersTable;
  customers: CustomersTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_throttles: SignInThrottlesTable;
  oidc_sign_in_flows: OidcSignInFlowsTable;
  api_tokens: ApiTokensTable;
  products: ProductsTable;
  product_versions: ProductVersionsTable;
  policies: PoliciesTable;
  policy_insured_persons: PolicyInsuredPersonsTable;
  premium_payments: PremiumPaymentsTable;
  claims: ClaimsTable;
  claim_lines: ClaimLinesTable;
  claim_assessments: ClaimAssessmentsTable;
  benefit_accumulators: BenefitAccumulatorsTable;
  claim_decisions: ClaimDecisionsTable;
  teams: TeamsTable;
  authority_limits: AuthorityLimitsTable;
  work_items: WorkItemsTable;
  deadlines: DeadlinesTable;
  deadline_alerts: DeadlineAlertsTable;
  claim_escalations: ClaimEscalationsTable;
  information_requests: InformationRequestsTable;
  notifications: NotificationsTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
  jobs: JobsTable;
  departments: DepartmentsTable;
  case_categories: CaseCategoriesTable;
  service_cases: ServiceCasesTable;
  case_messages: CaseMessagesTable;
  documents: DocumentsTable;
  referrals: ReferralsTable;
  complaints: ComplaintsTable;
  customer_bank_accounts: CustomerBankAccountsTable;
  account_change_requests: AccountChangeRequestsTable;
  customer_contact_history: CustomerContactHistoryTable;
  calls: CallsTable;
  inbound_messages: InboundMessagesTable;
  deliveries: DeliveriesTable;
  print_batches: PrintBatchesTable;
  scans: ScansTable;
  interest_reference_rates: InterestReferenceRatesTable;
  payment_batches: PaymentBatchesTable;
  payment_orders: PaymentOrdersTable;
  payment_status_changes: PaymentStatusChangesTable;
  bank_notifications: BankNotificationsTable;
  bank_notification_entries: BankNotificationEntriesTable;
  recovery_items: RecoveryItemsTable;
  claim_notes: ClaimNotesTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptsTable;
  webhook_outbox_state: WebhookOutboxStateTable;
  fhir_claims: FhirClaimsTable;
}

export type CustomerRow = Selectable<CustomersTable>;
export type NewCustomerRow = Insertable<CustomersTable>;
export type PolicyRow = Selectable<PoliciesTable>;
export type ClaimRow = Selectable<ClaimsTable>;
export type ClaimLineRow = Selectable<ClaimLinesTable>;
export type ClaimAssessmentRow = Selectable<ClaimAssessmentsTable>;
export type BenefitAccumulatorRow = Selectable<BenefitAccumulatorsTable>;
export type ClaimDecisionRow = Selectable<ClaimDecisionsTable>;
export type UserRow = Selectable<UsersTable>;
export type WorkItemRow = Selectable<WorkItemsTable>;
export type DeadlineRow = Selectable<DeadlinesTable>;
export type ClaimEscalationRow = Selectable<ClaimEscalationsTable>;
export type InformationRequestRow = Selectable<InformationRequestsTable>;
export type AuthorityLimitRow = Selectable<AuthorityLimitsTable>;
export type ServiceCaseRow = Selectable<ServiceCasesTable>;
export type ReferralRow = Selectable<ReferralsTable>;
export type ComplaintRow = Selectable<ComplaintsTable>;
export type DocumentRow = Selectable<DocumentsTable>;
export type AccountChangeRequestRow = Selectable<AccountChangeRequestsTable>;
export type CustomerBankAccountRow = Selectable<CustomerBankAccountsTable>;
export type CallRow = Selectable<CallsTable>;
export type InboundMessageRow = Selectable<InboundMessagesTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;
export type ScanRow = Selectable<ScansTable>;
export type PaymentOrderRow = Selectable<PaymentOrdersTable>;
export type PaymentBatchRow = Selectable<PaymentBatchesTable>;
export type RecoveryItemRow = Selectable<RecoveryItemsTable>;

// Webhooks (migration 20261122002000_webhooks, docs/webhooks.md).
export interface WebhookSubscriptionsTable {
  id: string;
  url: string;
  events: ColumnType<string[], string[], string[]>;
  description: string | null;
  secret: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';
export interface WebhookDeliveriesTable {
  id: string;
  subscription_id: string;
  event_id: string;
  event_kind: string;
  customer_id: string | null;
  payload: Json<Record<string, unknown>>;
  status: Generated<WebhookDeliveryStatus>;
  attempts: Generated<number>;
  attempt_limit: number;
  next_attempt_at: Timestamp | null;
  last_response_status: number | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  replays: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export interface WebhookDeliveryAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  started_at: Timestamp;
  duration_ms: number;
  response_status: number | null;
  error: string | null;
  outcome: 'delivered' | 'retry' | 'failed';
}
export interface WebhookOutboxStateTable {
  id: Generated<boolean>;
  high_water_seq: number;
}
