import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { assertCan } from '../users/permissions.ts';
import { eraseCustomer } from './erase-customer.ts';
import { exportCustomerData } from './export-customer-data.ts';
import { RETENTION_RULES } from './retention-rules.ts';

const ExportSchema = z.object({
  format: z.literal('claimdesk.customer-export.v1'),
  generatedAt: z.string(),
  customerId: z.uuid(),
  tables: z.record(
    z.string(),
    z.object({ rows: z.number().int(), retention: z.record(z.string(), z.unknown()).nullable() }),
  ),
  records: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

const ErasureReportSchema = z.object({
  customerId: z.uuid(),
  customerNumber: z.string(),
  erasedAt: z.string(),
  alreadyErased: z.boolean(),
  erased: z.record(z.string(), z.number().int()),
  retained: z.array(
    z.object({
      kind: z.string(),
      tables: z.array(z.string()).readonly(),
      reference: z.string(),
      until: z.string().nullable(),
    }),
  ),
});

const RetentionRuleSchema = z.object({
  kind: z.string(),
  tables: z.array(z.string()).readonly(),
  years: z.object({ SE: z.number().int().nullable(), IT: z.number().int().nullable() }),
  basis: z.string(),
  reference: z.string(),
  personalDataErasedOnRequest: z.boolean(),
});

export function privacyRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['privacy'];

  r.get(
    '/customers/:id/export',
    {
      schema: {
        tags,
        summary: 'Everything held about a customer, as one JSON document (GDPR access and portability)',
        params: z.object({ id: z.uuid() }),
        response: { 200: ExportSchema },
      },
    },
    async (req, reply) => {
      const data = await exportCustomerData({ db, actor: actorOf(req), customerId: req.params.id });
      reply.header('content-disposition', `attachment; filename="customer-${req.params.id}.json"`);
      return data;
    },
  );

  r.post(
    '/customers/:id/erasure',
    {
      schema: {
        tags,
        summary:
          "Erase a customer's personal data where no retention rule keeps it; pseudonymise the rest (GDPR art. 17)",
        description:
          'Refused with 409 erasure_blocked while the customer has open claims, cases, payments, recoveries or account changes. Repeating it returns the first report with alreadyErased: true.',
        params: z.object({ id: z.uuid() }),
        body: z.object({ reason: z.string().trim().min(3).max(500) }).strict(),
        response: { 200: ErasureReportSchema },
      },
    },
    async (req) =>
      eraseCustomer({ db, actor: actorOf(req), customerId: req.params.id, reason: req.body.reason }),
  );

  r.get(
    '/retention-rules',
    {
      schema: {
        tags,
        summary: 'How long each kind of record about a customer is kept, and why',
        response: { 200: z.object({ items: z.array(RetentionRuleSchema) }) },
      },
    },
    async (req) => {
      assertCan(actorOf(req), 'settings:read');
      return { items: [...RETENTION_RULES] };
    },
  );
}
