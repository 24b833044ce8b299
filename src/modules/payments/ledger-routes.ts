import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { getClaimLedger, getCustomerLedger } from './ledger.ts';
import { BatchReconciliationSchema, ClaimLedgerSchema, CustomerLedgerSchema } from './ledger-schemas.ts';
import { reconcileBatch } from './reconcile-batch.ts';

export function ledgerRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['payments'];

  r.get(
    '/claims/:ref/ledger',
    {
      schema: {
        tags,
        summary: "A claim's ledger: approved, paid, returned, re-paid, recoveries and what is outstanding",
        description:
          'Every figure is an exact integer sum and the movements run to a final balance equal to ' +
          'outstandingMinor. A customer reads only their own claims (404 otherwise).',
        params: z.object({ ref: z.string().max(64).describe('UUID or CLM-YYYY-NNNNNN') }),
        response: { 200: ClaimLedgerSchema },
      },
    },
    async (req) => getClaimLedger({ db, actor: actorOf(req), ref: req.params.ref }),
  );

  r.get(
    '/customers/:id/ledger',
    {
      schema: {
        tags,
        summary: "A customer's ledger per currency, with each claim's figures",
        description: 'A customer reads only their own (404 otherwise).',
        params: z.object({ id: z.uuid() }),
        response: { 200: CustomerLedgerSchema },
      },
    },
    async (req) => getCustomerLedger({ db, actor: actorOf(req), customerId: req.params.id }),
  );

  r.get(
    '/payment-batches/:ref/reconciliation',
    {
      schema: {
        tags: ['payment batches'],
        summary:
          "A batch's reconciliation: the file's count and control sum against its orders, and their outcomes",
        description:
          'Staff only (403 for customers; a department agent must be in the payments department). ' +
          'byStatus adds up to orders; notifications lists what each imported camt.054 said about them.',
        params: z.object({ ref: z.string().max(64).describe('UUID or PBT-YYYY-NNNNNN') }),
        response: { 200: BatchReconciliationSchema },
      },
    },
    async (req) => reconcileBatch({ db, actor: actorOf(req), ref: req.params.ref }),
  );
}
