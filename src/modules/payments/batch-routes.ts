import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { approvePaymentBatch } from './approve-payment-batch.ts';
import {
  BatchListQuerySchema,
  BatchStepSchema,
  CancelBatchSchema,
  NewPaymentBatchSchema,
  PaymentBatchPageSchema,
  PaymentBatchSchema,
} from './batch-schemas.ts';
import { cancelPaymentBatch } from './cancel-payment-batch.ts';
import { createPaymentBatch } from './create-payment-batch.ts';
import { getPaymentBatch, getPaymentBatchFile, listPaymentBatches } from './find-payment-batches.ts';
import { releasePaymentBatch } from './release-payment-batch.ts';

const RefParams = z.object({ ref: z.string().max(64).describe('UUID or PBT-YYYY-NNNNNN') });

export function paymentBatchRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['payment batches'];

  r.post(
    '/payment-batches',
    {
      schema: {
        tags,
        summary: 'Batch every ready payment order of a currency (one pain.001 file to be)',
        description:
          'Orders move to `batched`. The batch is `awaiting_approval` when its total is above the ' +
          'currency’s batch limit or an order in it needs a second approval, else `approved`. Two batchers ' +
          'at once never share an order. 409 nothing_to_pay when no order is ready; 400 validation_failed ' +
          'for a currency we do not pay in or an execution date before an order’s. A retry with the same ' +
          'Idempotency-Key returns the first response and writes nothing.',
        headers: IdempotencyHeaders,
        body: NewPaymentBatchSchema,
        response: {
          201: PaymentBatchSchema.describe('Batched'),
          200: PaymentBatchSchema.describe('A retry: the response of the first request'),
        },
      },
    },
    async (req, reply) =>
      sendIdempotent(
        reply,
        await createPaymentBatch({
          db,
          actor: actorOf(req),
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      ),
  );

  r.post(
    '/payment-batches/:ref/approve',
    {
      schema: {
        tags,
        summary: 'Approve a batch that needs a second person (four eyes)',
        description:
          '403 four_eyes_required for the batch’s creator, for the system, and for whoever decided or ' +
          'released a payment in it that needs a second approval; 409 payment_batch_transition_not_allowed ' +
          'unless awaiting_approval; 409 version_conflict.',
        params: RefParams,
        body: BatchStepSchema,
        response: { 200: PaymentBatchSchema },
      },
    },
    async (req) => approvePaymentBatch({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );

  r.post(
    '/payment-batches/:ref/release',
    {
      schema: {
        tags,
        summary: 'Release an approved batch: build and validate its pain.001 file, orders become sent',
        description:
          'The file is validated against the ISO 20022 pain.001.001.09 schema (EUR: also the EPC SEPA ' +
          'schema); 422 bank_file_generation_failed lists the problems with their lines, and nothing ' +
          'changes. Releasing a released batch returns it with the same file (a retry never makes a second ' +
          'file). 409 payment_batch_transition_not_allowed unless approved; 409 version_conflict.',
        params: RefParams,
        body: BatchStepSchema,
        response: { 200: PaymentBatchSchema },
      },
    },
    async (req) => releasePaymentBatch({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );

  r.post(
    '/payment-batches/:ref/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a batch not yet released; its orders are ready again',
        description:
          '409 payment_batch_transition_not_allowed for a released or cancelled batch; 409 version_conflict.',
        params: RefParams,
        body: CancelBatchSchema,
        response: { 200: PaymentBatchSchema },
      },
    },
    async (req) => cancelPaymentBatch({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );

  r.get(
    '/payment-batches',
    {
      schema: {
        tags,
        summary: 'Payment batches, newest first (payments desk)',
        querystring: BatchListQuerySchema,
        response: { 200: PaymentBatchPageSchema },
      },
    },
    async (req) => listPaymentBatches({ db, actor: actorOf(req), query: req.query }),
  );

  r.get(
    '/payment-batches/:ref',
    {
      schema: {
        tags,
        summary: 'One payment batch',
        params: RefParams,
        response: { 200: PaymentBatchSchema },
      },
    },
    async (req) => getPaymentBatch({ db, actor: actorOf(req), ref: req.params.ref }),
  );

  r.get(
    '/payment-batches/:ref/file',
    {
      schema: {
        tags,
        summary: 'The released pain.001.001.09 file, exactly as sent to the bank',
        description: '404 before the batch is released. The ETag is the file’s SHA-256.',
        params: RefParams,
        response: {
          200: {
            description: 'The pain.001 XML (UTF-8)',
            content: { 'application/xml': { schema: z.string() } },
          },
        },
      },
    },
    async (req, reply) => {
      const file = await getPaymentBatchFile({ db, actor: actorOf(req), ref: req.params.ref });
      // The stored text as UTF-8 bytes, with no serializer in between.
      return (reply as FastifyReply)
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('etag', `"${file.sha256}"`)
        .send(Buffer.from(file.xml, 'utf8'));
    },
  );
}
