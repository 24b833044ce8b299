// One error type for everything the application refuses on purpose. Each code has a one-line
// meaning here and exactly one HTTP status in `httpStatusOf` (an exhaustive switch, so a new code
// does not compile until it is mapped). Clients and the UI key on `code`, never on the message.

export const ERROR_CODES = {
  validation_failed: 'The request does not match its schema; `errors` lists every field path.',
  malformed_json: 'The request body is not valid JSON.',
  unsupported_media_type: 'The request body has a content type this endpoint does not accept.',
  payload_too_large: 'The request body is larger than allowed.',
  not_found: 'No such resource, or the actor may not see it (we do not tell which).',
  route_not_found: 'No route matches this method and path.',
  unauthenticated: 'The request carries no valid session or token.',
  invalid_credentials: 'The email or password is wrong (we do not tell which).',
  forbidden: 'The actor is signed in but lacks the permission for this action.',
  csrf_rejected:
    'A write with the session cookie came without a same-origin Origin or Referer (cross-site request forgery).',
  too_many_attempts:
    'Too many failed sign-ins for this account or address; wait `retryAfterSeconds` (also Retry-After).',
  national_id_invalid: 'The national identity number fails its format, date or check-digit rule.',
  customer_national_id_exists: 'Another customer already has this national identity number.',
  product_code_exists: 'A product with this code already exists.',
  product_config_invalid: 'The product configuration document fails validation; `errors` lists the paths.',
  product_version_not_found: 'The referenced product version does not exist.',
  product_version_not_active: 'The referenced product version is not active and cannot be sold.',
  product_version_conflict: 'A product version with this number already exists for the product.',
  product_version_not_draft: 'Only a draft product version can be activated; this one is active or retired.',
  product_version_not_retirable:
    'Only an active product version can be retired; this one is a draft or retired.',
  deadline_policy_set_by_law:
    'The deadline policy is set by law; only a company’s own promises can be edited.',
  product_version_last_in_force:
    'Retiring this version would leave dates of loss with no version in force; activate a successor first.',
  customer_not_found: 'The referenced customer does not exist.',
  policy_not_found: 'The referenced policy does not exist.',
  policy_period_invalid:
    'The policy period is impossible: it ends before it starts, or starts outside its product version.',
  policy_period_overlap: 'The holder already has a policy for this product overlapping this period.',
  policy_not_of_customer: 'The policy does not belong to the customer the claim is for.',
  policy_not_in_force: 'The policy was not in force on the date given.',
  premium_currency_mismatch: 'The premium payment currency differs from the policy currency.',
  claim_currency_mismatch: 'A claim line currency differs from the policy currency.',
  claim_date_invalid: 'A claim date is impossible (in the future, or a line outside the incident).',
  insured_person_not_on_policy: 'The insured person is not covered by the policy.',
  claim_transition_not_allowed: 'The claim cannot move from its current status to the one asked for.',
  external_ref_exists: 'A record with this external reference already exists.',
  idempotency_key_reused: 'The Idempotency-Key was already used for a different request.',
  version_conflict: 'The record changed since it was read; reload and retry.',
  erasure_blocked:
    'The customer still has open matters (claims, cases, complaints or payments); `errors` lists them. Nothing was erased.',
  claim_already_decided: 'The claim has been decided; it can no longer be changed or re-assessed this way.',
  information_request_open: 'The claim already waits for an answer to an open request for information.',
  information_request_closed:
    'The request for information is no longer open (answered, expired or cancelled); nothing was changed.',
  work_item_not_found: 'The claim is not in any work queue (it is decided, or needs no person).',
  import_invalid: 'The import file has invalid rows; nothing was imported.',
  decision_amount_invalid:
    'A decided line amount is impossible: unknown line, above the claimed amount or above what the assessment allows.',
  authority_exceeded:
    'The decision is beyond the decider’s authority and the claim cannot be escalated further.',
  escalation_target_missing:
    'There is nobody to escalate to: the decider has no supervisor or team supervisor.',
  case_transition_not_allowed: 'The service case cannot move from its current status to the one asked for.',
  case_kind_mismatch: 'The action does not apply to this kind of service case.',
  case_category_unknown: 'The case category does not exist, is inactive, or belongs to another kind.',
  case_link_invalid: 'A claim, policy or payment linked to the case does not belong to its customer.',
  complaint_final_answer_missing:
    'A complaint cannot be resolved or closed before its final answer is given.',
  complaint_already_answered: 'The complaint already has its final answer.',
  case_closed: 'The service case is closed or withdrawn: it takes no more messages or changes.',
  department_not_found: 'No active department has this code.',
  department_exists: 'A department with this code already exists.',
  department_unstaffed: 'The department has no active staff to answer a referral.',
  referral_transition_not_allowed: 'The referral cannot move from its current status to the one asked for.',
  referral_already_open:
    'The case already has a live referral to this department; `referralNumber` names it.',
  document_not_of_customer:
    'An attached document does not exist or belongs to another customer; `errors` names the id.',
  account_change_pending: 'The customer already has a pending change of this field.',
  account_change_not_verified:
    'The bank-account change has no identity verification yet; it cannot be approved.',
  four_eyes_required:
    'The same person cannot request (or verify) and approve the change: a second person must approve it.',
  account_change_closed: 'The account change is no longer pending (applied, rejected or cancelled).',
  account_change_already_verified:
    'The bank-account change already has its identity verification; it now waits for approval.',
  bank_account_invalid:
    'The bank account fails its format or check-digit rule (IBAN, BIC, Bankgiro, Plusgiro).',
  call_link_invalid:
    "A claim or case linked to a call (or a call named at a claim's registration) belongs to another customer.",
  document_type_not_allowed:
    'The uploaded file type is not accepted (only PDF, PNG, JPEG, TIFF, plain text).',
  inbound_not_in_triage:
    'The inbound message is not waiting in triage (already linked, opened as a claim, or rejected).',
  inbound_link_invalid:
    'The claim or case named for an inbound message does not exist or belongs to another customer.',
  nothing_to_print: 'No letter is waiting to be printed; no print batch was made.',
  payment_transition_not_allowed: 'The payment cannot move from its current status to the one asked for.',
  payment_batch_transition_not_allowed:
    'The payment batch cannot be approved, released or cancelled in its current status.',
  nothing_to_pay: 'No payment order is ready to be batched; no batch was made.',
  no_bank_account: 'The customer has no current verified bank account to pay to.',
  bank_file_invalid:
    'The bank file is not well-formed or fails its ISO 20022 schema; `errors` lists each problem with its line.',
  bank_file_already_imported:
    'This bank file (same message id or same content) was imported before; nothing was applied.',
  bank_file_generation_failed:
    'The generated pain.001 file failed validation against the ISO 20022 schema; the batch was not released.',
  reference_rate_missing: 'No reference interest rate is known for a half-year the interest period covers.',
  recovery_transition_not_allowed: 'The recovery item is no longer open.',
  user_email_exists: 'Another login already has this email address.',
  user_self_change_not_allowed:
    'An administrator cannot deactivate or demote their own login: another administrator must do it.',
  team_not_found: 'No team has this code.',
  fhir_claim_unprocessable:
    'A valid FHIR Claim that cannot become a claim here (an unsupported element, an unresolvable reference); `errors` names each element.',
  config_invalid: 'The environment configuration is invalid.',
  internal_error: 'An unexpected error; the request id identifies it in the logs.',
  service_unavailable: 'A dependency (such as the database) is not ready.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Where a problem sits in the input: `in` is the part of the request, `path` the field path. */
export type FieldError = {
  in?: 'body' | 'query' | 'params' | 'headers' | 'file' | 'env';
  path: (string | number)[];
  code: string;
  message: string;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];
  /** Extra, safe-to-show fields for the problem document (e.g. the existing claim number). */
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { errors?: FieldError[]; extra?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.errors = opts.errors ?? [];
    this.extra = opts.extra ?? {};
  }
}

/** Shorthand for the most common refusal: one bad field. */
export function fieldError(
  code: ErrorCode,
  path: (string | number)[],
  message: string,
  fieldCode: string = code,
): AppError {
  return new AppError(code, message, { errors: [{ in: 'body', path, code: fieldCode, message }] });
}

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'malformed_json':
    case 'config_invalid':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
      return 401;
    case 'forbidden':
    case 'authority_exceeded':
    case 'four_eyes_required':
    case 'user_self_change_not_allowed':
    case 'csrf_rejected':
      return 403;
    case 'not_found':
    case 'route_not_found':
    case 'work_item_not_found':
      return 404;
    case 'customer_national_id_exists':
    case 'product_code_exists':
    case 'product_version_conflict':
    case 'product_version_not_draft':
    case 'product_version_not_retirable':
    case 'product_version_last_in_force':
    case 'deadline_policy_set_by_law':
    case 'policy_period_overlap':
    case 'idempotency_key_reused':
    case 'external_ref_exists':
    case 'claim_transition_not_allowed':
    case 'version_conflict':
    case 'claim_already_decided':
    case 'escalation_target_missing':
    case 'information_request_open':
    case 'information_request_closed':
    case 'case_transition_not_allowed':
    case 'complaint_final_answer_missing':
    case 'complaint_already_answered':
    case 'case_closed':
    case 'referral_transition_not_allowed':
    case 'referral_already_open':
    case 'department_exists':
    case 'account_change_pending':
    case 'account_change_not_verified':
    case 'account_change_closed':
    case 'account_change_already_verified':
    case 'nothing_to_print':
    case 'inbound_not_in_triage':
    case 'payment_transition_not_allowed':
    case 'payment_batch_transition_not_allowed':
    case 'nothing_to_pay':
    case 'bank_file_already_imported':
    case 'recovery_transition_not_allowed':
    case 'user_email_exists':
    case 'erasure_blocked':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
    case 'document_type_not_allowed':
      return 415;
    case 'national_id_invalid':
    case 'product_config_invalid':
    case 'product_version_not_found':
    case 'product_version_not_active':
    case 'customer_not_found':
    case 'policy_not_found':
    case 'policy_period_invalid':
    case 'policy_not_of_customer':
    case 'policy_not_in_force':
    case 'premium_currency_mismatch':
    case 'claim_currency_mismatch':
    case 'claim_date_invalid':
    case 'insured_person_not_on_policy':
    case 'import_invalid':
    case 'decision_amount_invalid':
    case 'case_kind_mismatch':
    case 'case_category_unknown':
    case 'case_link_invalid':
    case 'department_not_found':
    case 'department_unstaffed':
    case 'document_not_of_customer':
    case 'bank_account_invalid':
    case 'inbound_link_invalid':
    case 'call_link_invalid':
    case 'no_bank_account':
    case 'bank_file_invalid':
    case 'bank_file_generation_failed':
    case 'reference_rate_missing':
    case 'team_not_found':
    case 'fhir_claim_unprocessable':
      return 422;
    case 'internal_error':
      return 500;
    case 'too_many_attempts':
      return 429;
    case 'service_unavailable':
      return 503;
    default: {
      const unmapped: never = code;
      throw new Error(`unmapped error code ${String(unmapped)}`);
    }
  }
}
