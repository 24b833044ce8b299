import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { DB, UserRow } from '../../db/schema.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { type Actor, actorFromUser, createSession, revokeSession } from '../users/index.ts';
import { callbackUrl, stateMatches } from './callback-url.ts';
import { decideSsoLogin, type SsoCandidate, type SsoClaims } from './map-oidc-identity.ts';
import type { OidcClient } from './oidc-client.ts';
import { takeFlow } from './oidc-sign-in-flows.ts';
import { classifyOidcError, SsoFailure } from './sso-failure.ts';

export type SsoSignInResult = { token: string; expiresAt: Date; actor: Actor; linked: boolean };

/**
 * Finishes a sign-in at the callback: the flow this browser started (used up here), the code
 * exchanged with PKCE, the ID token validated (signature, issuer, audience, nonce, time — by
 * openid-client), the identity mapped to an existing active staff login, and then, in one
 * transaction, the link (first use), a new session (never the one the browser held) and the audit
 * events. Every refusal is an SsoFailure with the code the sign-in page shows.
 */
export async function completeOidcSignIn(opts: {
  db: Kysely<DB>;
  oidc: OidcClient;
  /** The flow handle from the browser's cookie. */
  handle: string | undefined;
  /** The request URL as received (path and query). */
  rawUrl: string;
  ttlHours: number;
  replacedToken?: string;
}): Promise<SsoSignInResult> {
  const { db } = opts;
  const flow = opts.handle ? await takeFlow(db, opts.handle) : null;
  if (!flow) {
    throw new SsoFailure(
      'sso_state_invalid',
      'no sign-in in progress for this browser (no cookie, expired or used)',
    );
  }
  const url = callbackUrl(flow.redirectUri, opts.rawUrl);
  if (!stateMatches(url, flow.state)) {
    throw new SsoFailure('sso_state_invalid', 'the state in the callback is not the one this sign-in sent');
  }

  let claims: SsoClaims;
  let configuration: client.Configuration;
  let accessToken: string;
  try {
    configuration = await opts.oidc.configuration();
    const tokens = await client.authorizationCodeGrant(configuration, url, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new SsoFailure('sso_token_invalid', 'the token response has no ID token');
    claims = idClaims as SsoClaims;
    accessToken = tokens.access_token;
  } catch (error) {
    throw classifyOidcError(error);
  }

  const linked = await db
    .selectFrom('users')
    .selectAll()
    .where('oidc_issuer', '=', claims.iss)
    .where('oidc_subject', '=', claims.sub)
    .executeTakeFirst();
  if (!linked && claims.email === undefined) {
    // Providers may keep scope claims out of the ID token (OpenID Connect Core 5.4): the first
    // sign-in then reads the email from UserInfo, which openid-client checks is the same subject.
    claims = { ...claims, ...(await emailFromUserInfo(configuration, accessToken, claims.sub)) };
  }
  const byEmail =
    linked || typeof claims.email !== 'string'
      ? undefined
      : await db
          .selectFrom('users')
          .selectAll()
          .where((eb) => eb(eb.fn('lower', ['email']), '=', (claims.email as string).trim().toLowerCase()))
          .executeTakeFirst();
  const decision = decideSsoLogin({
    claims,
    linked: linked ? candidate(linked) : null,
    byEmail: byEmail ? candidate(byEmail) : null,
  });
  if (decision.outcome === 'refused') {
    throw new SsoFailure(decision.code, decision.why, {
      logData: { userId: decision.userId, issuer: claims.iss, subject: claims.sub },
    });
  }
  const user = (linked ?? byEmail) as UserRow;
  const actor = actorFromUser(user);

  const session = await db.transaction().execute(async (trx) => {
    if (decision.link) {
      // Guarded by "not yet linked": of two first sign-ins at once, one links and one is refused.
      const linkedNow = await trx
        .updateTable('users')
        .set({ oidc_issuer: claims.iss, oidc_subject: claims.sub })
        .where('id', '=', user.id)
        .where('oidc_subject', 'is', null)
        .executeTakeFirst();
      if (Number(linkedNow.numUpdatedRows) !== 1) {
        throw new SsoFailure('sso_unknown_user', 'the login was linked to another identity meanwhile', {
          logData: { userId: user.id },
        });
      }
    }
    if (opts.replacedToken) await revokeSession(trx, opts.replacedToken);
    const created = await createSession(trx, user.id, opts.ttlHours);
    const data = { method: 'oidc', issuer: claims.iss, subject: claims.sub };
    await recordAuditEvents(trx, null, [
      ...(decision.link
        ? [
            {
              actor,
              action: 'user.sso_linked',
              entityType: 'user',
              entityId: user.id,
              customerId: null,
              data,
            },
          ]
        : []),
      { actor, action: 'user.signed_in', entityType: 'user', entityId: user.id, customerId: null, data },
    ]);
    return created;
  });
  return { ...session, actor, linked: decision.link };
}

function candidate(row: UserRow): SsoCandidate {
  return {
    id: row.id,
    role: row.role,
    active: row.active,
    oidcIssuer: row.oidc_issuer,
    oidcSubject: row.oidc_subject,
  };
}

async function emailFromUserInfo(configuration: client.Configuration, accessToken: string, subject: string) {
  if (!configuration.serverMetadata().userinfo_endpoint) return {};
  try {
    const info = await client.fetchUserInfo(configuration, accessToken, subject);
    return { email: info.email, email_verified: info.email_verified };
  } catch (error) {
    throw classifyOidcError(error);
  }
}
