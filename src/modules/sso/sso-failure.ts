import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';

// Why a single sign-on did not end in a session. The browser is sent back to the sign-in page with
// `?sso_error=<code>` (the page shows a translated text per code); the detail goes to the log only,
// because it may name the identity provider's answer or a login.

export const SSO_FAILURES = {
  sso_off: 'Single sign-on is not configured on this server.',
  sso_state_invalid:
    'The callback does not belong to a sign-in this browser started (tampered, expired or already used).',
  sso_denied:
    'The identity provider ended the sign-in without a code (the person cancelled, or was refused).',
  sso_code_rejected: 'The identity provider refused the authorization code (replayed or expired).',
  sso_token_invalid: 'The ID token failed validation (signature, issuer, audience, nonce or time).',
  sso_unknown_user: 'No active staff login matches this identity (customers never sign in this way).',
  sso_account_inactive: 'The staff login this identity belongs to is deactivated.',
  sso_unavailable: 'The identity provider could not be reached or answered with a server error.',
  sso_failed: 'An unexpected error; the request id identifies it in the log.',
} as const;

export type SsoFailureCode = keyof typeof SSO_FAILURES;

export class SsoFailure extends Error {
  readonly code: SsoFailureCode;
  /** Safe to log: ids and the provider's error codes, never tokens or secrets. */
  readonly logData: Record<string, unknown>;
  constructor(
    code: SsoFailureCode,
    detail: string,
    opts: { cause?: unknown; logData?: Record<string, unknown> } = {},
  ) {
    super(detail, { cause: opts.cause });
    this.name = 'SsoFailure';
    this.code = code;
    this.logData = opts.logData ?? {};
  }
}

/** Client errors that mean the provider (or the way to it) is down rather than the sign-in wrong. */
const UNAVAILABLE_CLIENT_CODES = new Set([
  'OAUTH_TIMEOUT',
  'OAUTH_ABORT',
  'OAUTH_RESPONSE_IS_NOT_CONFORM',
  'OAUTH_RESPONSE_IS_NOT_JSON',
]);

/** Maps an error thrown by openid-client (or fetch beneath it) to the code the person sees. */
export function classifyOidcError(error: unknown): SsoFailure {
  if (error instanceof SsoFailure) return error;
  if (error instanceof AuthorizationResponseError) {
    return new SsoFailure('sso_denied', `the provider answered ${error.error}`, {
      cause: error,
      logData: { providerError: error.error },
    });
  }
  if (error instanceof ResponseBodyError) {
    const code = error.status >= 500 ? 'sso_unavailable' : 'sso_code_rejected';
    return new SsoFailure(code, `the token endpoint answered ${error.status} ${error.error}`, {
      cause: error,
      logData: { providerError: error.error, status: error.status },
    });
  }
  if (error instanceof ClientError) {
    const code = UNAVAILABLE_CLIENT_CODES.has(error.code ?? '') ? 'sso_unavailable' : 'sso_token_invalid';
    return new SsoFailure(code, error.message, {
      cause: error,
      logData: { clientError: error.code ?? null },
    });
  }
  // fetch rejects with a TypeError when it cannot connect (refused, DNS, TLS).
  if (error instanceof TypeError) {
    return new SsoFailure('sso_unavailable', `the provider could not be reached: ${error.message}`, {
      cause: error,
    });
  }
  return new SsoFailure('sso_failed', error instanceof Error ? error.message : String(error), {
    cause: error,
  });
}
