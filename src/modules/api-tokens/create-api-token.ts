import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { type Actor, actorId, assertCan } from '../users/index.ts';
import { type NewApiToken, NewApiTokenSchema } from './api-token-schemas.ts';
import { apiTokenQuery, toApiTokenView } from './api-token-view.ts';
import { generateApiToken } from './token-format.ts';
import { scopeProblems } from './token-scopes.ts';

/**
 * An administrator issues a token for an integration's staff login or for themselves. The secret
 * is returned this once. Not idempotent by key on purpose: replaying a stored response would mean
 * storing the secret. A token cannot mint tokens (it could otherwise widen its own scopes).
 */
export async function createApiToken(opts: { db: Executor; actor: Actor; input: NewApiToken }) {
  const { actor } = opts;
  assertCan(actor, 'users:manage');
  if (actor.kind === 'user' && actor.scopes !== undefined) {
    throw new AppError('forbidden', 'API tokens are issued from a signed-in session, not with a token.');
  }
  const input = parseInput(NewApiTokenSchema, opts.input);
  const userId = input.userId ?? actorId(actor);
  if (!userId)
    throw fieldError('validation_failed', ['userId'], 'Name the login the token acts as.', 'required');
  return inTransaction(opts.db, async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select(['id', 'role', 'active'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user?.active || user.role === 'customer') {
      throw fieldError(
        'validation_failed',
        ['userId'],
        'API tokens are for active staff logins.',
        user ? 'not_staff_or_inactive' : 'not_found',
      );
    }
    const problems = scopeProblems(user.role, input.scopes);
    if (problems.length > 0) {
      throw new AppError('validation_failed', 'Some scopes cannot be granted.', { errors: problems });
    }
    const { token, hash, displayPrefix } = generateApiToken();
    const id = newId();
    const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
    await trx
      .insertInto('api_tokens')
      .values({
        id,
        user_id: user.id,
        name: input.name,
        token_hash: hash,
        token_prefix: displayPrefix,
        scopes: input.scopes,
        created_by: actorId(actor),
        expires_at: expiresAt,
      })
      .execute();
    await recordAuditEvent(trx, {
      actor,
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: id,
      customerId: null,
      data: { userId: user.id, name: input.name, scopes: input.scopes, expiresAt: expiresAt.toISOString() },
    });
    const row = await apiTokenQuery(trx).where('api_tokens.id', '=', id).executeTakeFirstOrThrow();
    return { ...toApiTokenView(row), token };
  });
}
