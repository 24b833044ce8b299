import { type Executor, inTransaction } from '../../db/transaction.ts';
import { todayIn } from '../../lib/dates.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type ProductVersionView, toVersionView } from './product-schemas.ts';
import { isRefusal, planRetirement } from './product-version-retirement.ts';

// "Today" is the product's own calendar day: a Swedish product retired "from today" at 00:30 in
// Stockholm means that Swedish day, not the UTC one.
const TIME_ZONES: Record<string, string> = { SE: 'Europe/Stockholm', IT: 'Europe/Rome' };

/**
 * Retires an active version (active → retired) from `retireFrom` (default: today), following the
 * rules in product-version-retirement.ts. The date cannot be in the past: claims already
 * registered with a date of loss after it were assessed on this version, and re-assessing them on
 * another would change their terms behind the decision. Versions have no row version of their
 * own; the product's versions are locked and the status guard is in the UPDATE, so of two
 * administrators retiring (or one retiring the other's successor) one wins and the other is told.
 */
export async function retireProductVersion(opts: {
  db: Executor;
  actor: Actor;
  productId: string;
  versionId: string;
  input: { retireFrom?: string | undefined; reason?: string | undefined };
  now?: Date;
}): Promise<ProductVersionView> {
  assertCan(opts.actor, 'products:write');
  return inTransaction(opts.db, async (trx) => {
    const product = await trx
      .selectFrom('products')
      .select(['id', 'country'])
      .where('id', '=', opts.productId)
      .forUpdate()
      .executeTakeFirst();
    if (!product) throw new AppError('not_found', 'No such product version.');
    const versions = await trx
      .selectFrom('product_versions')
      .select(['id', 'version', 'status', 'effective_from', 'effective_to'])
      .where('product_id', '=', opts.productId)
      .execute();
    const target = versions.find((v) => v.id === opts.versionId);
    if (!target) throw new AppError('not_found', 'No such product version.');
    if (target.status !== 'active') {
      throw new AppError(
        'product_version_not_retirable',
        `Version ${target.version} is ${target.status}; only an active version can be retired.`,
      );
    }
    const today = todayIn(TIME_ZONES[product.country] ?? 'UTC', opts.now);
    const retireFrom = opts.input.retireFrom ?? today;
    if (retireFrom < today) {
      throw fieldError(
        'validation_failed',
        ['retireFrom'],
        `The retirement date cannot be in the past (today is ${today}): claims already registered were assessed on this version.`,
        'in_the_past',
      );
    }
    const plan = planRetirement(versions, target, retireFrom);
    if (isRefusal(plan)) {
      if ('notBefore' in plan) {
        throw fieldError(
          'validation_failed',
          ['retireFrom'],
          `Version ${target.version} has a fixed end date and starts on ${target.effective_from}; retire it from ${plan.notBefore} or later.`,
          'before_start',
        );
      }
      throw new AppError(
        'product_version_last_in_force',
        `Version ${target.version} is the only version in force from ${plan.gapFrom}: retiring it would leave claims from that date with no terms. Activate a successor covering ${plan.gapFrom} first.`,
        { extra: { gapFrom: plan.gapFrom } },
      );
    }
    const row = await trx
      .updateTable('product_versions')
      .set({ status: 'retired', ...(plan.effectiveTo !== null ? { effective_to: plan.effectiveTo } : {}) })
      .where('id', '=', target.id)
      .where('status', '=', 'active')
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, {
      actor: opts.actor,
      action: 'product.version_retired',
      entityType: 'product_version',
      entityId: row.id,
      customerId: null,
      reason: opts.input.reason ?? null,
      data: {
        productId: opts.productId,
        version: row.version,
        retireFrom,
        effectiveToBefore: target.effective_to,
        effectiveToAfter: row.effective_to,
      },
    });
    return toVersionView(row);
  });
}
