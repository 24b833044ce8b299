import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { getPayment, listPayments } from './find-payments.ts';
import {
  PaymentListQuerySchema,
  PaymentOrderDetailSchema,
  PaymentOrderPageSchema,
  PaymentReviewInputSchema,
  RecoveryItemSchema,
  RecoveryResolutionInputSchema,
} from './payment-schemas.ts';
import { getRecoveryItem, resolveRecoveryItem } from './recovery-items.ts';
import { reviewHeldPayment } from './review-held-payment.ts';

const PaymentRef = z.object({ ref: z.string().max(64).describe('UUID or PAY-YYYY-NNNNNN') });
const RecoveryRef = z.object({ ref: z.string().max(64).describe('UUID or REC-YYYY-NNNNNN') });

export function paymentOrderRoutes(app: FastifyInstance, deps: ModuleDeps): void {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['payments'];

  r.get(
    '/payments',
    {
      schema: {
        tags,
        summary: 'Payment orders, newest first (keyset pages)',
        description:
          'Filters: status, claim (number or id), customer. A customer gets only their own. Follow ' +
          '`nextCursor` with `before`.',
        querystring: PaymentListQuerySchema,
        response: { 200: PaymentOrderPageSchema },
      },
    },
    async (req) => listPayments({ db, actor: actorOf(req), query: req.query }),
  );

  r.get(
    '/payments/:ref',
    {
      schema: {
        tags,
        summary: 'One payment order with its status history',
        description: '404 for a payment of another customer (a customer sees only their own).',
        params: PaymentRef,
        response: { 200: PaymentOrderDetailSchema },
      },
    },
    async (req) => getPayment({ db, actor: actorOf(req), ref: req.params.ref }),
  );

  r.post(
    '/payments/:ref/review',
    {
      schema: {
        tags,
        summary: 'Release a held payment to ready, or cancel it (payments desk, four eyes)',
        description:
          '403 four_eyes_required for the person who decided the claim; 409 payment_transition_not_allowed ' +
          'when the payment is not held, version_conflict when stale; 422 reference_rate_missing when its ' +
          'late interest needs a half-year rate nobody has entered yet.',
        params: PaymentRef,
        body: PaymentReviewInputSchema,
        response: { 200: PaymentOrderDetailSchema },
      },
    },
    async (req) => reviewHeldPayment({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );

  r.get(
    '/recoveries/:ref',
    {
      schema: {
        tags,
        summary: 'One recovery item (staff)',
        params: RecoveryRef,
        response: { 200: RecoveryItemSchema },
      },
    },
    async (req) => getRecoveryItem({ db, actor: actorOf(req), ref: req.params.ref }),
  );

  r.post(
    '/recoveries/:ref/resolve',
    {
      schema: {
        tags,
        summary: 'Record that overpaid money came back, or waive it',
        description:
          '409 recovery_transition_not_allowed when it is no longer open; version_conflict when stale.',
        params: RecoveryRef,
        body: RecoveryResolutionInputSchema,
        response: { 200: RecoveryItemSchema },
      },
    },
    async (req) => resolveRecoveryItem({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
  );
}
