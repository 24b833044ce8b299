import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { BankNotificationReportSchema, BankNotificationSummarySchema } from './bank-notification-report.ts';
import { getBankNotificationReport, listBankNotifications } from './find-bank-notifications.ts';
import { importBankNotification, MAX_BANK_FILE_BYTES } from './import-bank-notification.ts';
import {
  ManualPaymentStatusSchema,
  PaymentStatusResultSchema,
  setPaymentStatusManually,
} from './set-payment-status-manually.ts';

// camt.054 bank notifications in, and manual status updates for banks without files. The XML
// body has its own content-type parser and body limit, scoped to this plugin: every other route
// stays JSON-only with the 1 MiB limit.

const XML_TYPES = ['application/xml', 'text/xml'];

export function bankNotificationRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      XML_TYPES,
      { parseAs: 'string', bodyLimit: MAX_BANK_FILE_BYTES },
      (_request, body, done) => done(null, body),
    );
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['payments'];

    r.post(
      '/bank-notifications',
      {
        bodyLimit: MAX_BANK_FILE_BYTES,
        schema: {
          tags,
          summary: 'Import a camt.054 bank notification: settle, return or reject payments',
          description:
            'The body is the camt.054.001.08 XML itself (`Content-Type: application/xml` or `text/xml`, at most ' +
            '32 MiB). It must validate against the ISO 20022 schema: otherwise **422** bank_file_invalid with ' +
            'every problem and its line in `errors` (and `problems`), nothing stored. A file imported before ' +
            '(same message id or same bytes): **409** bank_file_already_imported naming the earlier import in ' +
            '`earlierImport`, nothing applied. Otherwise **201** with the report: each transaction applied ' +
            '(matched by end-to-end id, amount and currency equal to the payment), ignored with why (pending, ' +
            'an entry already imported from an earlier file, not applicable to the payment’s status), unknown ' +
            '(no such payment) or mismatched (amount or currency differ). A returned payment opens a ' +
            'payment_returned service case and asks the customer for a new account. Payments desk only ' +
            '(payments:import). A retry with the same Idempotency-Key returns the first report with **200**.',
          consumes: XML_TYPES,
          headers: IdempotencyHeaders,
          body: z.string().describe('A camt.054.001.08 Document'),
          response: {
            201: BankNotificationReportSchema.describe('Imported'),
            200: BankNotificationReportSchema.describe('A retry: the report of the first import'),
          },
        },
      },
      async (req, reply) =>
        sendIdempotent(
          reply,
          await importBankNotification({
            db,
            actor: actorOf(req),
            xml: req.body,
            idempotencyKey: req.headers['idempotency-key'],
          }),
        ),
    );

    r.get(
      '/bank-notifications',
      {
        schema: {
          tags,
          summary: 'Imported bank notifications, newest first (staff)',
          querystring: z
            .object({
              limit: z.coerce.number().int().min(1).max(200).default(50),
              cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
            })
            .strict(),
          response: {
            200: z.object({
              items: z.array(BankNotificationSummarySchema),
              nextCursor: z.string().nullable(),
            }),
          },
        },
      },
      async (req) =>
        listBankNotifications({ db, actor: actorOf(req), limit: req.query.limit, cursor: req.query.cursor }),
    );

    r.get(
      '/bank-notifications/:id',
      {
        schema: {
          tags,
          summary: 'The report of one imported bank notification (staff)',
          params: z.object({ id: z.uuid() }),
          response: { 200: BankNotificationReportSchema },
        },
      },
      async (req) => getBankNotificationReport({ db, actor: actorOf(req), id: req.params.id }),
    );

    r.post(
      '/payments/:ref/status',
      {
        schema: {
          tags,
          summary: 'Record by hand that the bank settled, returned or rejected a payment',
          description:
            'For banks without camt.054 files. Same consequences as from a file: settled → the claim is paid ' +
            'when its decision is paid in full and payment-delay cases close; returned/rejected → a ' +
            'payment_returned case and a notice asking the customer for a new account. The note is kept in ' +
            'the audit trail and the payment’s history. payments:set_status (supervisors); 409 ' +
            'version_conflict, 409 payment_transition_not_allowed, 404 for an unknown payment.',
          params: z.object({ ref: z.string().max(64).describe('UUID or PAY-YYYY-NNNNNN') }),
          body: ManualPaymentStatusSchema,
          response: { 200: PaymentStatusResultSchema },
        },
      },
      async (req) =>
        setPaymentStatusManually({ db, actor: actorOf(req), ref: req.params.ref, input: req.body }),
    );
  });
}
