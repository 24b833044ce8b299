import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { isUniqueViolation } from '../../db/pg-errors.ts';
import type { DB } from '../../db/schema.ts';
import { type Executor, inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { newId } from '../../lib/ids.ts';
import { recordAuditEvent } from '../audit/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { ProductConfigSchema } from './product-config-schema.ts';
import {
  type NewProductSchema,
  type NewProductVersionSchema,
  type ProductVersionView,
  type ProductView,
  toVersionView,
} from './product-schemas.ts';

export async function createProduct(opts: {
  db: Executor;
  actor: Actor;
  input: z.infer<typeof NewProductSchema>;
}): Promise<ProductView> {
  assertCan(opts.actor, 'products:write');
  const { input } = opts;
  const id = newId();
  try {
    await inTransaction(opts.db, async (trx) => {
      await trx
        .insertInto('products')
        .values({
          id,
          code: input.code,
          kind: input.kind,
          name: JSON.stringify(input.name),
          country: input.country,
          currency: input.currency,
        })
        .execute();
      await recordAuditEvent(trx, {
        actor: opts.actor,
        action: 'product.created',
        entityType: 'product',
        entityId: id,
        customerId: null,
        data: { code: input.code },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('product_code_exists', `A product with code ${input.code} already exists.`, {
        errors: [
          { in: 'body', path: ['code'], code: 'duplicate', message: 'Already used by another product.' },
        ],
      });
    }
    throw error;
  }
  return { id, ...input, versions: [] };
}

/** Validates the configuration document and stores it as the product's next version. */
export async function createProductVersion(opts: {
  db: Executor;
  actor: Actor;
  productId: string;
  input: z.infer<typeof NewProductVersionSchema>;
}): Promise<ProductVersionView> {
  assertCan(opts.actor, 'products:write');
  const { input } = opts;
  const parsed = ProductConfigSchema.safeParse(input.config);
  if (!parsed.success) {
    throw new AppError(
      'product_config_invalid',
      `The product configuration has ${parsed.error.issues.length} error(s); nothing was saved.`,
      {
        errors: parsed.error.issues.map((i) => ({
          in: 'body',
          path: ['config', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
          code: i.code,
          message: i.message,
        })),
      },
    );
  }
  if (input.effectiveTo && input.effectiveTo <= input.effectiveFrom) {
    throw new AppError('validation_failed', 'effectiveTo must be after effectiveFrom.', {
      errors: [
        { in: 'body', path: ['effectiveTo'], code: 'before_start', message: 'Must be after effectiveFrom.' },
      ],
    });
  }
  try {
    return await inTransaction(opts.db, async (trx) => {
      // Lock the product row so two administrators saving at once get consecutive version numbers.
      const product = await trx
        .selectFrom('products')
        .select('id')
        .where('id', '=', opts.productId)
        .forUpdate()
        .executeTakeFirst();
      if (!product) throw new AppError('not_found', 'No such product.');
      const last = await trx
        .selectFrom('product_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('product_id', '=', opts.productId)
        .executeTakeFirst();
      const row = await trx
        .insertInto('product_versions')
        .values({
          id: newId(),
          product_id: opts.productId,
          version: Number(last?.v ?? 0) + 1,
          status: input.status,
          effective_from: input.effectiveFrom,
          effective_to: input.effectiveTo ?? null,
          config: JSON.stringify(parsed.data),
          created_by: opts.actor.kind === 'user' ? opts.actor.userId : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAuditEvent(trx, {
        actor: opts.actor,
        action: 'product.version_created',
        entityType: 'product_version',
        entityId: row.id,
        customerId: null,
        data: { productId: opts.productId, version: row.version, status: row.status },
      });
      return toVersionView(row);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('product_version_conflict', 'Another version was saved at the same moment; retry.');
    throw error;
  }
}

export async function listProducts(opts: {
  db: Kysely<DB>;
  actor: Actor;
  id?: string;
}): Promise<ProductView[]> {
  assertCan(opts.actor, 'products:read');
  let q = opts.db.selectFrom('products').selectAll().orderBy('code');
  if (opts.id) q = q.where('id', '=', opts.id);
  const products = await q.execute();
  if (products.length === 0) return [];
  const versions = await opts.db
    .selectFrom('product_versions')
    .selectAll()
    .where(
      'product_id',
      'in',
      products.map((p) => p.id),
    )
    .orderBy('version')
    .execute();
  return products.map((p) => ({
    id: p.id,
    code: p.code,
    kind: p.kind,
    name: p.name,
    country: p.country,
    currency: p.currency,
    versions: versions.filter((v) => v.product_id === p.id).map(toVersionView),
  }));
}
