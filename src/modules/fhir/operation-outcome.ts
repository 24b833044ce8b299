import { type AppError, type ErrorCode, type FieldError, httpStatusOf } from '../../lib/errors.ts';

// FHIR's error document. A FHIR client gets an OperationOutcome instead of problem+json: one issue
// per problem, with the FHIRPath of the element in `expression` (Claim.item[0].productOrService).
// Our AppErrors carry FHIR element paths in `errors[].path` (relative to the resource) and the
// OperationOutcome issue code in `errors[].code`, so both documents say the same thing.

/** http://hl7.org/fhir/R4/valueset-issue-type.html (the codes we use). */
export const ISSUE_CODES = [
  'invalid',
  'structure',
  'required',
  'value',
  'invariant',
  'security',
  'login',
  'forbidden',
  'processing',
  'not-supported',
  'duplicate',
  'not-found',
  'conflict',
  'business-rule',
  'too-costly',
  'exception',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export type FhirIssue = {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  code: IssueCode;
  /** FHIRPath of the element; omitted when the problem is not about one element. */
  expression?: string;
  /** The same element as a path relative to the resource (['item', 0, 'net']). */
  path?: (string | number)[];
  diagnostics: string;
};

export type OperationOutcome = {
  resourceType: 'OperationOutcome';
  issue: {
    severity: FhirIssue['severity'];
    code: IssueCode;
    diagnostics: string;
    expression?: string[];
  }[];
};

export function operationOutcome(issues: readonly FhirIssue[]): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((i) => ({
      severity: i.severity,
      code: i.code,
      diagnostics: i.diagnostics,
      ...(i.expression ? { expression: [i.expression] } : {}),
    })),
  };
}

/** The issue code for a whole-request refusal (no element named). */
export function issueCodeOf(code: ErrorCode): IssueCode {
  switch (code) {
    case 'unauthenticated':
    case 'invalid_credentials':
      return 'login';
    case 'forbidden':
    case 'csrf_rejected':
      return 'forbidden';
    case 'not_found':
    case 'route_not_found':
    case 'customer_not_found':
    case 'policy_not_found':
      return 'not-found';
    case 'malformed_json':
      return 'structure';
    case 'unsupported_media_type':
      return 'not-supported';
    case 'payload_too_large':
      return 'too-costly';
    case 'external_ref_exists':
      return 'duplicate';
    case 'internal_error':
    case 'service_unavailable':
      return 'exception';
  }
  const status = httpStatusOf(code);
  if (status === 400) return 'invalid';
  if (status === 409) return 'conflict';
  if (status === 422) return 'business-rule';
  return 'processing';
}

/** `Claim` + ['item', 0, 'net'] → `Claim.item[0].net` (FHIRPath). */
export function fhirPathOf(base: string, segments: readonly (string | number)[]): string {
  let out = base;
  for (const s of segments) out += typeof s === 'number' ? `[${s}]` : `.${s}`;
  return out;
}

function isIssueCode(code: string): code is IssueCode {
  return (ISSUE_CODES as readonly string[]).includes(code);
}

/**
 * An AppError as FHIR issues. `base` is the resource the paths are relative to ('Claim'); errors
 * about other parts of the request (headers, path parameters) name no element.
 */
export function issuesOfAppError(error: AppError, base: string): FhirIssue[] {
  const fallback = issueCodeOf(error.code);
  if (error.errors.length === 0) {
    return [
      {
        severity: error.code === 'internal_error' ? 'fatal' : 'error',
        code: fallback,
        diagnostics: error.message,
      },
    ];
  }
  return error.errors.map((e: FieldError) => ({
    severity: 'error',
    code: isIssueCode(e.code) ? e.code : fallback,
    ...(e.in === undefined || e.in === 'body' ? { expression: fhirPathOf(base, e.path) } : {}),
    diagnostics: e.message,
  }));
}
