import { timingSafeEqual } from 'node:crypto';

// Small pure helpers of the callback, unit-tested beside this file.

/**
 * The URL the provider redirected to, rebuilt from the redirect URI the sign-in was started with
 * and the query the browser brought. openid-client derives the token request's redirect_uri from
 * it, and that must equal the authorization request's exactly — whatever Host a proxy forwarded.
 */
export function callbackUrl(redirectUri: string, rawUrl: string): URL {
  const url = new URL(redirectUri);
  const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
  url.search = query;
  return url;
}

/** The callback's `state` is the one this browser's sign-in was started with (constant time). */
export function stateMatches(url: URL, expected: string): boolean {
  const got = url.searchParams.getAll('state');
  if (got.length !== 1) return false;
  const a = Buffer.from(got[0] ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Where the sign-in page is, with the failure code it shows. */
export function signInPageWithError(code: string): string {
  return `/app/sign-in?sso_error=${encodeURIComponent(code)}`;
}
