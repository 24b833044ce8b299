import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { IdempotencyHeaders, replyIdempotently } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { activateProductVersion } from './activate-product-version.ts';
import { createProduct, createProductVersion, listProducts } from './manage-products.ts';
import {
  NewProductSchema,
  NewProductVersionSchema,
  ProductSchema,
  ProductVersionSchema,
} from './product-schemas.ts';
import { retireProductVersion } from './retire-product-version.ts';

const RETRY =
  'A retry with the same Idempotency-Key returns the first response with 200 and `idempotent-replayed: true`.';

export function productRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['products'];

  r.post(
    '/products',
    {
      schema: {
        tags,
        summary: 'Create a product or benefit programme',
        description: `409 product_code_exists for a code in use. ${RETRY}`,
        headers: IdempotencyHeaders,
        body: NewProductSchema,
        response: { 201: ProductSchema, 200: ProductSchema.describe('A retry: the first response') },
      },
    },
    async (req, reply) =>
      replyIdempotently(req, reply, db, 'products.create', async (tx) => ({
        status: 201,
        body: await createProduct({ db: tx, actor: actorOf(req), input: req.body }),
      })),
  );
  r.get(
    '/products',
    {
      schema: {
        tags,
        summary: 'List products with their configuration versions',
        response: { 200: z.object({ items: z.array(ProductSchema) }) },
      },
    },
    async (req) => ({ items: await listProducts({ db, actor: actorOf(req) }) }),
  );
  r.get(
    '/products/:id',
    {
      schema: {
        tags,
        summary: 'Read a product with its versions',
        params: z.object({ id: z.uuid() }),
        response: { 200: ProductSchema },
      },
    },
    async (req) => {
      const [product] = await listProducts({ db, actor: actorOf(req), id: req.params.id });
      if (!product) throw new AppError('not_found', 'No such product.');
      return product;
    },
  );
  r.post(
    '/products/:id/versions',
    {
      schema: {
        tags,
        summary: 'Store a new, validated configuration version',
        // Nothing natural tells a retry from a second version with the same terms: the key does.
        description: `Numbered after the product's last version. ${RETRY}`,
        params: z.object({ id: z.uuid() }),
        headers: IdempotencyHeaders,
        body: NewProductVersionSchema,
        response: {
          201: ProductVersionSchema,
          200: ProductVersionSchema.describe('A retry: the first response'),
        },
      },
    },
    async (req, reply) =>
      replyIdempotently(req, reply, db, 'products.version', async (tx) => ({
        status: 201,
        body: await createProductVersion({
          db: tx,
          actor: actorOf(req),
          productId: req.params.id,
          input: req.body,
        }),
      })),
  );
  r.post(
    '/products/:id/versions/:versionId/activate',
    {
      schema: {
        tags,
        summary: 'Activate a draft version (draft → active)',
        description:
          'Administrators. The version applies to claims whose date of loss falls in its period (the ' +
          'latest active version wins). 409 product_version_not_draft when it is already active or retired.',
        params: z.object({ id: z.uuid(), versionId: z.uuid() }),
        body: z.object({}).strict().meta({ id: 'ActivateProductVersion' }),
        response: { 200: ProductVersionSchema },
      },
    },
    async (req) =>
      activateProductVersion({
        db,
        actor: actorOf(req),
        productId: req.params.id,
        versionId: req.params.versionId,
      }),
  );
  r.post(
    '/products/:id/versions/:versionId/retire',
    {
      schema: {
        tags,
        summary: 'Retire an active version (active → retired) from a date',
        description:
          'Administrators; audited. From `retireFrom` (default today, never in the past) the version no ' +
          'longer applies to dates of loss: its period ends there (effective_to), and claims with an ' +
          'earlier date of loss keep their terms. 409 product_version_not_retirable when it is not active; ' +
          '409 product_version_last_in_force (with `gapFrom`) when no other active version would cover ' +
          'the dates it gives up.',
        params: z.object({ id: z.uuid(), versionId: z.uuid() }),
        body: z
          .object({
            retireFrom: z.iso.date().optional().describe('First date of loss it no longer applies to'),
            reason: z.string().trim().min(1).max(500).optional().describe('Kept in the audit trail'),
          })
          .strict()
          .meta({ id: 'RetireProductVersion' }),
        response: { 200: ProductVersionSchema },
      },
    },
    async (req) =>
      retireProductVersion({
        db,
        actor: actorOf(req),
        productId: req.params.id,
        versionId: req.params.versionId,
        input: req.body,
      }),
  );
}
