import { describe, expect, it } from 'vitest';
import { generateApiToken, hashApiToken, isApiTokenShaped, isWellFormedApiToken } from './token-format.ts';

describe('API token format', () => {
  it('is cdk_ and 256 random bits, stored as its SHA-256 only', () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a.token).toMatch(/^cdk_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.hash).toBe(hashApiToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token.slice(4));
    expect(a.displayPrefix).toBe(a.token.slice(0, 10));
  });

  it('tells API tokens from session tokens, and well-formed ones from junk', () => {
    const { token } = generateApiToken();
    expect(isApiTokenShaped(token)).toBe(true);
    expect(isWellFormedApiToken(token)).toBe(true);
    expect(isApiTokenShaped('abcDEF123')).toBe(false);
    expect(isWellFormedApiToken('cdk_short')).toBe(false);
    expect(isWellFormedApiToken(`${token}x`)).toBe(false);
  });
});
