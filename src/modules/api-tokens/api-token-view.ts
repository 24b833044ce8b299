import type { Executor } from '../../db/transaction.ts';
import type { ApiTokenView } from './api-token-schemas.ts';

// One shape for a token everywhere it is shown: never its hash, never its secret.

export function apiTokenQuery(db: Executor) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.user_id',
      'users.display_name',
      'api_tokens.name',
      'api_tokens.token_prefix',
      'api_tokens.scopes',
      'api_tokens.created_at',
      'api_tokens.created_by',
      'api_tokens.expires_at',
      'api_tokens.last_used_at',
      'api_tokens.revoked_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof apiTokenQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | string) => new Date(d).toISOString();

export function toApiTokenView(row: Row, now = new Date()): ApiTokenView {
  return {
    id: row.id,
    userId: row.user_id,
    userDisplayName: row.display_name,
    name: row.name,
    prefix: row.token_prefix,
    scopes: row.scopes,
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    expiresAt: iso(row.expires_at),
    lastUsedAt: row.last_used_at ? iso(row.last_used_at) : null,
    revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
    status: row.revoked_at ? 'revoked' : new Date(row.expires_at) <= now ? 'expired' : 'active',
  };
}
