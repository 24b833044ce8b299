import { describe, expect, it } from 'vitest';
import { decideSsoLogin, type SsoCandidate } from './map-oidc-identity.ts';

const ISS = 'https://idp.example';
const staff = (over: Partial<SsoCandidate> = {}): SsoCandidate => ({
  id: 'u1',
  role: 'representative',
  active: true,
  oidcIssuer: null,
  oidcSubject: null,
  ...over,
});
const claims = (over: Record<string, unknown> = {}) => ({
  iss: ISS,
  sub: 's1',
  email: 'anna@example.se',
  email_verified: true,
  ...over,
});

describe('decideSsoLogin', () => {
  it('signs in the login linked to the subject, whatever the email says now', () => {
    const linked = staff({ oidcIssuer: ISS, oidcSubject: 's1' });
    expect(
      decideSsoLogin({ claims: claims({ email: 'other@x', email_verified: false }), linked, byEmail: null }),
    ).toEqual({
      outcome: 'sign_in',
      userId: 'u1',
      link: false,
    });
  });

  it('links an unlinked staff login by verified email on the first sign-in', () => {
    expect(decideSsoLogin({ claims: claims(), linked: null, byEmail: staff() })).toEqual({
      outcome: 'sign_in',
      userId: 'u1',
      link: true,
    });
  });

  it('never links by an email the provider has not verified (or left out)', () => {
    for (const c of [
      claims({ email_verified: false }),
      claims({ email_verified: 'true' }),
      claims({ email: undefined }),
    ]) {
      expect(decideSsoLogin({ claims: c, linked: null, byEmail: staff() })).toMatchObject({
        outcome: 'refused',
        code: 'sso_unknown_user',
      });
    }
  });

  it('refuses an identity no login has', () => {
    expect(decideSsoLogin({ claims: claims(), linked: null, byEmail: null })).toMatchObject({
      outcome: 'refused',
      code: 'sso_unknown_user',
      userId: null,
    });
  });

  it('does not let a second identity with the same email take over a linked login', () => {
    const byEmail = staff({ oidcIssuer: ISS, oidcSubject: 'someone-else' });
    expect(decideSsoLogin({ claims: claims(), linked: null, byEmail })).toMatchObject({
      outcome: 'refused',
      code: 'sso_unknown_user',
      userId: 'u1',
    });
  });

  it('never signs in a customer, linked or by email', () => {
    const customer = staff({ role: 'customer' });
    expect(decideSsoLogin({ claims: claims(), linked: null, byEmail: customer })).toMatchObject({
      code: 'sso_unknown_user',
    });
    const linkedCustomer = staff({ role: 'customer', oidcIssuer: ISS, oidcSubject: 's1' });
    expect(decideSsoLogin({ claims: claims(), linked: linkedCustomer, byEmail: null })).toMatchObject({
      code: 'sso_unknown_user',
    });
  });

  it('refuses a deactivated login, linked or by email', () => {
    expect(
      decideSsoLogin({ claims: claims(), linked: null, byEmail: staff({ active: false }) }),
    ).toMatchObject({
      outcome: 'refused',
      code: 'sso_account_inactive',
    });
    const linked = staff({ active: false, oidcIssuer: ISS, oidcSubject: 's1' });
    expect(decideSsoLogin({ claims: claims(), linked, byEmail: null })).toMatchObject({
      code: 'sso_account_inactive',
    });
  });

  it('is given a linked candidate only for the same issuer and subject', () => {
    const wrong = staff({ oidcIssuer: 'https://other.example', oidcSubject: 's1' });
    expect(() => decideSsoLogin({ claims: claims(), linked: wrong, byEmail: null })).toThrow();
  });
});
