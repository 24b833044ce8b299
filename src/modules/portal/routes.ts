import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { attachmentDisposition } from '../documents/index.ts';
import { getClaimInformationRequest } from './claim-information-request.ts';
import { listClaimLetters } from './claim-letters.ts';
import { decisionLetterPdf } from './decision-letter-pdf.ts';
import { ClaimInformationRequestSchema, ClaimLettersSchema } from './portal-schemas.ts';

// Reads the customer portal needs about a claim that no other route gives a customer.
export function portalRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal'];
  const params = z.object({ ref: z.string().max(64).describe('Claim id or number (CLM-2026-000123)') });

  r.get(
    '/claims/:ref/letters',
    {
      schema: {
        tags,
        summary: 'The letters sent about a claim (e.g. its decision letter), newest first, with their PDFs',
        description:
          'Each letter is a PDF document: download it with GET /documents/{documentId}/content. ' +
          'A customer reads only their own claims (404 otherwise).',
        params,
        response: { 200: ClaimLettersSchema },
      },
    },
    async (req) => listClaimLetters({ db, actor: actorOf(req), ref: req.params.ref }),
  );

  r.get(
    '/claims/:ref/information-request',
    {
      schema: {
        tags,
        summary: "The claim's latest request for information: what was asked and the final day to answer",
        description:
          'null when nothing was ever asked. Answer an open request with POST ' +
          '/claims/{ref}/information-requests/answer. A customer reads only their own claims (404 otherwise).',
        params,
        response: { 200: ClaimInformationRequestSchema },
      },
    },
    async (req) => getClaimInformationRequest({ db, actor: actorOf(req), ref: req.params.ref }),
  );

  r.get(
    '/claims/:ref/decision-letter',
    {
      schema: {
        tags,
        summary: "The claim's latest decision letter as PDF (shown in the browser)",
        description:
          'The PDF that was sent when the decision went by email or letter; for a customer told in the ' +
          'portal, the same letter written on request in the notice’s language. 404 before a decision. ' +
          'A customer reads only their own claims (404 otherwise).',
        params,
        response: {
          200: {
            description: 'The PDF',
            content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const pdf = await decisionLetterPdf({ db, actor: actorOf(req), ref: req.params.ref });
      return (
        reply
          .header('content-type', 'application/pdf')
          // Our own generated letter: shown inline so the customer reads it in the browser.
          .header('content-disposition', attachmentDisposition(pdf.filename).replace(/^attachment/, 'inline'))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          .send(
            Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength) as unknown as string,
          )
      );
    },
  );
}
