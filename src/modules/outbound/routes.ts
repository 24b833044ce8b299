import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { attachmentDisposition } from '../documents/index.ts';
import { createPrintBatch } from './create-print-batch.ts';
import {
  DeliverySchema,
  NewPrintBatchSchema,
  OutboxPageSchema,
  OutboxQuerySchema,
  PrintBatchSchema,
} from './delivery-schemas.ts';
import {
  getDelivery,
  getDeliveryPdf,
  getPrintBatch,
  getPrintBatchPdf,
  listOutbox,
  type PdfFile,
} from './find-deliveries.ts';

const Id = z.object({ id: z.uuid() });

const PdfResponse = {
  200: {
    description: 'The PDF',
    content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
  },
};

function sendPdf(reply: FastifyReply, pdf: PdfFile): FastifyReply {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', attachmentDisposition(pdf.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength) as unknown as string);
}

export function outboundRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['outbound'];

  r.get(
    '/outbox',
    {
      schema: {
        tags,
        summary: 'Emails kept in the local outbox (no SMTP server configured), newest first, with their text',
        description:
          'Staff only. Every customer notice by email is written here when CLAIMDESK_SMTP_URL is not set; ' +
          'with it set, emails go to the SMTP server and do not appear here. Keyset pages: pass nextCursor.',
        querystring: OutboxQuerySchema,
        response: { 200: OutboxPageSchema },
      },
    },
    async (req) => listOutbox({ db, actor: actorOf(req), query: req.query }),
  );

  r.get(
    '/deliveries/:id',
    {
      schema: {
        tags,
        summary: 'One outbound email or letter: recipient, text, status, attempts, last error',
        params: Id,
        response: { 200: DeliverySchema },
      },
    },
    async (req) => getDelivery({ db, actor: actorOf(req), id: req.params.id }),
  );

  r.get(
    '/deliveries/:id/pdf',
    {
      schema: {
        tags,
        summary: 'The letter as PDF (every letter; an email when it carried the letter, e.g. a decision)',
        params: Id,
        response: PdfResponse,
      },
    },
    async (req, reply) =>
      sendPdf(reply, await getDeliveryPdf({ db, actor: actorOf(req), id: req.params.id })),
  );

  r.post(
    '/print-batches',
    {
      schema: {
        tags,
        summary:
          'Collect every letter not yet printed into one PDF and mark them printed (idempotent on Idempotency-Key)',
        description:
          'Oldest first, at most 500 letters; a letter with an odd number of pages is followed by a blank ' +
          'page so that duplex printing never puts two customers on one sheet. 409 nothing_to_print when no ' +
          'letter waits. Two batches started at once never share a letter.',
        headers: IdempotencyHeaders,
        body: NewPrintBatchSchema,
        response: { 201: PrintBatchSchema },
      },
    },
    async (req, reply) =>
      sendIdempotent(
        reply,
        await createPrintBatch({
          db,
          actor: actorOf(req),
          input: req.body,
          idempotencyKey: req.headers['idempotency-key'],
        }),
      ),
  );

  r.get(
    '/print-batches/:id',
    {
      schema: {
        tags,
        summary: 'A print batch and its letters',
        params: Id,
        response: { 200: PrintBatchSchema },
      },
    },
    async (req) => getPrintBatch({ db, actor: actorOf(req), id: req.params.id }),
  );

  r.get(
    '/print-batches/:id/pdf',
    { schema: { tags, summary: 'The print batch as one PDF', params: Id, response: PdfResponse } },
    async (req, reply) =>
      sendPdf(reply, await getPrintBatchPdf({ db, actor: actorOf(req), id: req.params.id })),
  );
}
