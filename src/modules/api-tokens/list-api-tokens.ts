import type { Executor } from '../../db/transaction.ts';
import { type Actor, assertCan } from '../users/index.ts';
import type { ApiTokenView } from './api-token-schemas.ts';
import { apiTokenQuery, toApiTokenView } from './api-token-view.ts';

/** Tokens without their secrets, newest first (administrators and auditors). */
export async function listApiTokens(opts: {
  db: Executor;
  actor: Actor;
  query: { userId?: string; status?: ApiTokenView['status'] };
}): Promise<ApiTokenView[]> {
  assertCan(opts.actor, 'users:read');
  const now = new Date();
  let q = apiTokenQuery(opts.db).orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id', 'desc');
  if (opts.query.userId) q = q.where('api_tokens.user_id', '=', opts.query.userId);
  if (opts.query.status === 'revoked') q = q.where('api_tokens.revoked_at', 'is not', null);
  if (opts.query.status === 'active') {
    q = q.where('api_tokens.revoked_at', 'is', null).where('api_tokens.expires_at', '>', now);
  }
  if (opts.query.status === 'expired') {
    q = q.where('api_tokens.revoked_at', 'is', null).where('api_tokens.expires_at', '<=', now);
  }
  // Bounded: tokens are few (one per integration); a runaway list still stops here.
  return (await q.limit(500).execute()).map((r) => toApiTokenView(r, now));
}
