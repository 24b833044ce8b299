import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor, Permission } from '../users/index.ts';
import { actorFromUser } from '../users/sessions.ts';
import { hashApiToken, isWellFormedApiToken } from './token-format.ts';

/** last_used_at is written at most this often: integrations may call many times a second. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * The actor behind an API token, or null when it is malformed, unknown, expired, revoked, or its
 * user inactive. The actor carries the token's scopes; `can` intersects them with the role.
 */
export async function resolveApiToken(db: Kysely<DB>, token: string): Promise<Actor | null> {
  if (!isWellFormedApiToken(token)) return null;
  const now = Date.now();
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select(['api_tokens.id as token_id', 'api_tokens.scopes', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', hashApiToken(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', new Date(now))
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now - new Date(row.last_used_at).getTime() >= LAST_USED_GRANULARITY_MS) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: new Date(now) })
      .where('id', '=', row.token_id)
      .execute();
  }
  const { token_id, scopes, last_used_at: _used, ...user } = row;
  const actor = actorFromUser(user);
  if (actor.kind !== 'user') return null;
  return { ...actor, scopes: scopes as Permission[], apiTokenId: token_id };
}
