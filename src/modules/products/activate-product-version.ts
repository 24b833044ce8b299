import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type ProductVersionView, toVersionView } from './product-schemas.ts';

/**
 * Puts a draft version in force (draft → active). Earlier active versions stay active: a claim
 * uses the latest active version whose period holds its date of loss (productVersionInForce), so
 * the new version takes over from its effective date and older claims keep their terms. The
 * status guard is in the UPDATE itself, so of two administrators activating at once one wins and
 * the other is told the version is no longer a draft.
 */
export async function activateProductVersion(opts: {
  db: Executor;
  actor: Actor;
  productId: string;
  versionId: string;
}): Promise<ProductVersionView> {
  assertCan(opts.actor, 'products:write');
  return inTransaction(opts.db, async (trx) => {
    const current = await trx
      .selectFrom('product_versions')
      .select(['status'])
      .where('id', '=', opts.versionId)
      .where('product_id', '=', opts.productId)
      .executeTakeFirst();
    if (!current) throw new AppError('not_found', 'No such product version.');
    const row = await trx
      .updateTable('product_versions')
      .set({ status: 'active' })
      .where('id', '=', opts.versionId)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      throw new AppError(
        'product_version_not_draft',
        `Version is ${current.status}, not a draft; only a draft can be activated.`,
      );
    }
    await recordAuditEvent(trx, {
      actor: opts.actor,
      action: 'product.version_activated',
      entityType: 'product_version',
      entityId: row.id,
      customerId: null,
      data: { productId: opts.productId, version: row.version, effectiveFrom: row.effective_from },
    });
    return toVersionView(row);
  });
}
