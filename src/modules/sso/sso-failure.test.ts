import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';
import { describe, expect, it } from 'vitest';
import { withoutOidcCode } from '../../server/logging.ts';
import { callbackUrl, signInPageWithError, stateMatches } from './callback-url.ts';
import { classifyOidcError, SsoFailure } from './sso-failure.ts';

function clientError(code: string): ClientError {
  const e = new ClientError('x');
  e.code = code;
  return e;
}

describe('classifyOidcError', () => {
  it('tells a provider that is down from a sign-in that is wrong', () => {
    expect(classifyOidcError(new TypeError('fetch failed')).code).toBe('sso_unavailable');
    expect(classifyOidcError(clientError('OAUTH_TIMEOUT')).code).toBe('sso_unavailable');
    expect(classifyOidcError(clientError('OAUTH_RESPONSE_IS_NOT_CONFORM')).code).toBe('sso_unavailable');
    expect(classifyOidcError(clientError('OAUTH_JWT_CLAIM_COMPARISON_FAILED')).code).toBe(
      'sso_token_invalid',
    );
    expect(classifyOidcError(clientError('OAUTH_JWT_TIMESTAMP_CHECK_FAILED')).code).toBe('sso_token_invalid');
  });

  it('maps the provider’s OAuth errors', () => {
    const body = (status: number, error: string) =>
      new ResponseBodyError('x', {
        cause: { error },
        response: new Response(null, { status }),
      } as never);
    expect(classifyOidcError(body(400, 'invalid_grant')).code).toBe('sso_code_rejected');
    expect(classifyOidcError(body(503, 'temporarily_unavailable')).code).toBe('sso_unavailable');
    const denied = new AuthorizationResponseError('x', {
      cause: new URLSearchParams({ error: 'access_denied' }),
    } as never);
    expect(classifyOidcError(denied)).toMatchObject({
      code: 'sso_denied',
      logData: { providerError: 'access_denied' },
    });
  });

  it('keeps its own failures and calls anything else unexpected', () => {
    const own = new SsoFailure('sso_state_invalid', 'x');
    expect(classifyOidcError(own)).toBe(own);
    expect(classifyOidcError(new Error('boom')).code).toBe('sso_failed');
  });
});

describe('callback helpers', () => {
  it('rebuilds the callback on the registered redirect URI, whatever host the request named', () => {
    const url = callbackUrl(
      'https://desk.example/auth/oidc/callback',
      '/auth/oidc/callback?code=c&state=s&iss=i',
    );
    expect(url.href).toBe('https://desk.example/auth/oidc/callback?code=c&state=s&iss=i');
    expect(callbackUrl('https://desk.example/cb', '/cb').href).toBe('https://desk.example/cb');
  });

  it('accepts exactly one state equal to the one sent', () => {
    const u = (q: string) => new URL(`https://d.example/cb?${q}`);
    expect(stateMatches(u('state=abc'), 'abc')).toBe(true);
    expect(stateMatches(u('state=abd'), 'abc')).toBe(false);
    expect(stateMatches(u('state=ab'), 'abc')).toBe(false);
    expect(stateMatches(u('state=abc&state=abc'), 'abc')).toBe(false);
    expect(stateMatches(u('code=x'), 'abc')).toBe(false);
  });

  it('sends failures to the sign-in page with their code', () => {
    expect(signInPageWithError('sso_denied')).toBe('/app/sign-in?sso_error=sso_denied');
  });
});

describe('request logging of the callback', () => {
  it('leaves out the authorization code and state, and nothing else', () => {
    expect(withoutOidcCode('/auth/oidc/callback?code=abc&state=def&iss=http%3A%2F%2Fidp')).toBe(
      '/auth/oidc/callback?code=[redacted]&state=[redacted]&iss=http%3A%2F%2Fidp',
    );
    expect(withoutOidcCode('/deadline-policies?code=se.claim')).toBe('/deadline-policies?code=se.claim');
  });
});
