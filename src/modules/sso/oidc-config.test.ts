import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

// The OIDC_* variables of src/server/config.ts (kept here, beside the module that uses them).

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

const FULL = {
  OIDC_ISSUER: 'https://login.example.org/tenant',
  OIDC_CLIENT_ID: 'claimdesk',
  OIDC_CLIENT_SECRET: 'very-secret-value',
};

describe('OIDC configuration', () => {
  it('is off unless set, and on with issuer, client id and secret', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig(FULL).oidc).toEqual({
      issuer: 'https://login.example.org/tenant',
      clientId: 'claimdesk',
      clientSecret: 'very-secret-value',
      redirectUri: undefined,
      allowHttp: false,
    });
  });

  it('refuses half a configuration, naming what is missing, never echoing the secret', () => {
    const p = problems({ OIDC_ISSUER: FULL.OIDC_ISSUER });
    expect(p.map((x) => x.split(':')[0]).sort()).toEqual(['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']);
    const s = problems({ OIDC_CLIENT_SECRET: 'very-secret-value' });
    expect(s.map((x) => x.split(':')[0]).sort()).toEqual(['OIDC_CLIENT_ID', 'OIDC_ISSUER']);
    expect(s.join('\n')).not.toContain('very-secret-value');
  });

  it('wants https unless OIDC_ALLOW_HTTP, which production refuses', () => {
    expect(problems({ ...FULL, OIDC_ISSUER: 'http://127.0.0.1:9000' })[0]).toMatch(
      /^OIDC_ISSUER: must be https/,
    );
    expect(problems({ ...FULL, OIDC_REDIRECT_URI: 'http://desk.example/auth/oidc/callback' })[0]).toMatch(
      /^OIDC_REDIRECT_URI/,
    );
    expect(
      loadConfig({ ...FULL, OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_ALLOW_HTTP: 'true' }).oidc?.allowHttp,
    ).toBe(true);
    expect(
      problems({ ...FULL, OIDC_ALLOW_HTTP: 'true', NODE_ENV: 'production' }).map((x) => x.split(':')[0]),
    ).toEqual(['OIDC_ALLOW_HTTP']);
    expect(problems({ ...FULL, OIDC_ISSUER: 'ftp://x.example' }).map((x) => x.split(':')[0])).toEqual([
      'OIDC_ISSUER',
    ]);
  });
});
