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
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
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
export type ClaimStatus = 'registered' | 'in_review' | 'approved' | 'partially_approved' | 'denied';

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

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface DB {
  number_counters: NumberCountersTable;
  customers: CustomersTable;
  users: UsersTable;
  sessions: SessionsTable;
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
  idempotency_keys: IdempotencyKeysTable;
  audit_events: AuditEventsTable;
  schema_migrations: SchemaMigrationsTable;
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
