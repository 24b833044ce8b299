import { createHash, randomBytes } from 'node:crypto';

// An API token is `cdk_` + 43 base64url characters (256 random bits). The prefix makes a leaked
// token recognisable (secret scanners, logs) and tells authentication it is not a session token.
// Only its SHA-256 is stored, with the first characters for people to tell tokens apart.

export const API_TOKEN_PREFIX = 'cdk_';
const SHAPE = /^cdk_[A-Za-z0-9_-]{43}$/;

export function isApiTokenShaped(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}

export function isWellFormedApiToken(token: string): boolean {
  return SHAPE.test(token);
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The shown-once secret, its hash for the database, and its recognisable beginning. */
export function generateApiToken(): { token: string; hash: string; displayPrefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token), displayPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6) };
}
