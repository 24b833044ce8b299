import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import { type Actor, actorId, assertCan } from '../users/index.ts';
import { apiTokenQuery, toApiTokenView } from './api-token-view.ts';

/**
 * Administrators revoke tokens (with a session or a token allowed to manage users). Revoking twice
 * is not an error: the token stays revoked as of the first time, and only that is audited.
 */
export async function revokeApiToken(opts: { db: Executor; actor: Actor; id: string }) {
  const { actor } = opts;
  assertCan(actor, 'users:manage');
  return inTransaction(opts.db, async (trx) => {
    const row = await trx
      .selectFrom('api_tokens')
      .select(['id', 'user_id', 'revoked_at'])
      .where('id', '=', opts.id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such API token.');
    if (!row.revoked_at) {
      await trx
        .updateTable('api_tokens')
        .set({ revoked_at: new Date(), revoked_by: actorId(actor) })
        .where('id', '=', row.id)
        .execute();
      await recordAuditEvent(trx, {
        actor,
        action: 'api_token.revoked',
        entityType: 'api_token',
        entityId: row.id,
        customerId: null,
        data: { userId: row.user_id },
      });
    }
    return toApiTokenView(
      await apiTokenQuery(trx).where('api_tokens.id', '=', row.id).executeTakeFirstOrThrow(),
    );
  });
}
