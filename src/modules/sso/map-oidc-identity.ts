import type { Role } from '../../db/schema.ts';
import type { SsoFailureCode } from './sso-failure.ts';

// Which Claimdesk login an OpenID Connect identity signs in as (docs/decisions/0013). Pure: the
// caller loads the candidates. The provider's subject (with its issuer) is the lasting link; a
// verified email finds the login only on its first single sign-on, which then stores the subject,
// so a later change of email at the provider neither loses the login nor moves it to another one.
// Nobody is created here: an identity without a matching staff login is refused.

export type SsoCandidate = {
  id: string;
  role: Role;
  active: boolean;
  oidcIssuer: string | null;
  oidcSubject: string | null;
};

/** The ID token claims that matter here (validated by openid-client before they arrive). */
export type SsoClaims = { iss: string; sub: string; email?: unknown; email_verified?: unknown };

export type SsoIdentityDecision =
  | { outcome: 'sign_in'; userId: string; link: boolean }
  | { outcome: 'refused'; code: SsoFailureCode; why: string; userId: string | null };

export function decideSsoLogin(input: {
  claims: SsoClaims;
  /** The login already linked to (iss, sub), if any. */
  linked: SsoCandidate | null;
  /** The login whose email equals the claim's, case-insensitively, if any. */
  byEmail: SsoCandidate | null;
}): SsoIdentityDecision {
  const { claims, linked, byEmail } = input;
  if (linked) {
    if (linked.oidcIssuer !== claims.iss || linked.oidcSubject !== claims.sub) {
      throw new Error('decideSsoLogin: the linked candidate does not carry this issuer and subject');
    }
    return admit(linked, false);
  }
  // An unverified address is whatever the person typed at the provider: never trusted to link.
  if (typeof claims.email !== 'string' || claims.email_verified !== true) {
    return refuse(
      'sso_unknown_user',
      'no login is linked to this subject and the token has no verified email',
      null,
    );
  }
  if (!byEmail) return refuse('sso_unknown_user', 'no login has this email', null);
  if (byEmail.oidcSubject !== null) {
    // Linked to another identity: an email reused at the provider must not take over the login.
    return refuse('sso_unknown_user', 'the login with this email is linked to another identity', byEmail.id);
  }
  return admit(byEmail, true);
}

function admit(user: SsoCandidate, link: boolean): SsoIdentityDecision {
  // Customers use the portal's own sign-in; single sign-on is the organisation's staff directory.
  if (user.role === 'customer') return refuse('sso_unknown_user', 'the login is a customer', user.id);
  if (!user.active) return refuse('sso_account_inactive', 'the login is deactivated', user.id);
  return { outcome: 'sign_in', userId: user.id, link };
}

function refuse(code: SsoFailureCode, why: string, userId: string | null): SsoIdentityDecision {
  return { outcome: 'refused', code, why, userId };
}
