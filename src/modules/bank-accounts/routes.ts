import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { BankAccountSchema } from './bank-account-schemas.ts';
import { listCustomerBankAccounts } from './find-bank-accounts.ts';

export function bankAccountRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/customers/:id/bank-accounts',
    {
      schema: {
        tags: ['account changes'],
        summary: 'A customer’s payout account and its history',
        description:
          'The current account (null when none is known) and every account, newest first; a replaced ' +
          'account keeps its validTo. Numbers are shown in full to staff and to the customer themself.',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({ current: BankAccountSchema.nullable(), items: z.array(BankAccountSchema) }),
        },
      },
    },
    async (req) => listCustomerBankAccounts({ db, actor: actorOf(req), customerId: req.params.id }),
  );
}
