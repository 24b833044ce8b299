import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { DB } from '../../db/schema.ts';
import type { OidcClient } from './oidc-client.ts';
import { saveFlow } from './oidc-sign-in-flows.ts';

/** What Claimdesk asks the provider for: an ID token with the subject and the email to link by. */
const SCOPE = 'openid email profile';

/**
 * Begins an authorization code sign-in with PKCE (S256), state and nonce, all fresh per sign-in.
 * Returns where to send the browser and the handle for its cookie.
 */
export async function startOidcSignIn(opts: {
  db: Kysely<DB>;
  oidc: OidcClient;
  redirectUri: string;
}): Promise<{ authorizationUrl: URL; handle: string }> {
  const configuration = await opts.oidc.configuration();
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const handle = await saveFlow(opts.db, { state, nonce, codeVerifier, redirectUri: opts.redirectUri });
  const authorizationUrl = client.buildAuthorizationUrl(configuration, {
    redirect_uri: opts.redirectUri,
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { authorizationUrl, handle };
}
