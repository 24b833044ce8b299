import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

// A sign-in between GET /auth/oidc/start and the callback. The browser holds only a random handle
// (httpOnly cookie); the row holds the state, nonce and PKCE verifier under the handle's hash. The
// callback deletes the row as it reads it, so each sign-in can be finished once.

/** Time for a person to sign in at the provider (including a second factor). */
export const FLOW_TTL_MS = 10 * 60 * 1000;

export type OidcFlow = { state: string; nonce: string; codeVerifier: string; redirectUri: string };

const hashHandle = (handle: string) => createHash('sha256').update(handle).digest('hex');

export async function saveFlow(db: Kysely<DB>, flow: OidcFlow, now = new Date()): Promise<string> {
  const handle = randomBytes(32).toString('base64url');
  // Housekeeping: abandoned sign-ins (closed tabs) are removed by later ones.
  await db.deleteFrom('oidc_sign_in_flows').where('expires_at', '<', now).execute();
  await db
    .insertInto('oidc_sign_in_flows')
    .values({
      handle_hash: hashHandle(handle),
      state: flow.state,
      nonce: flow.nonce,
      code_verifier: flow.codeVerifier,
      redirect_uri: flow.redirectUri,
      expires_at: new Date(now.getTime() + FLOW_TTL_MS),
    })
    .execute();
  return handle;
}

/** The flow for this handle, deleted in the same statement (one use); null if unknown or expired. */
export async function takeFlow(db: Kysely<DB>, handle: string, now = new Date()): Promise<OidcFlow | null> {
  const row = await db
    .deleteFrom('oidc_sign_in_flows')
    .where('handle_hash', '=', hashHandle(handle))
    .returningAll()
    .executeTakeFirst();
  if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return null;
  return {
    state: row.state,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    redirectUri: row.redirect_uri,
  };
}
