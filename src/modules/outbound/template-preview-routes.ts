import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { attachmentDisposition } from '../documents/index.ts';
import {
  listTemplates,
  previewTemplate,
  previewTemplatePdf,
  TemplateEntrySchema,
  TemplatePreviewQuerySchema,
  TemplatePreviewSchema,
} from './template-preview.ts';

/** The customer notice templates and their previews with sample parameters (staff). */
export function templatePreviewRoutes(app: FastifyInstance, _deps: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['outbound'];

  r.get(
    '/templates',
    {
      schema: {
        tags,
        summary: 'The customer notice kinds and the letter template each becomes (a decision per outcome)',
        response: { 200: z.object({ items: z.array(TemplateEntrySchema) }) },
      },
    },
    async (req) => ({ items: listTemplates({ actor: actorOf(req) }) }),
  );

  r.get(
    '/templates/preview',
    {
      schema: {
        tags,
        summary:
          'A notice template written in a language with sample parameters: the email and the portal notice',
        description: 'Nothing is stored or sent; the parameters are made up (returned as `params`).',
        querystring: TemplatePreviewQuerySchema,
        response: { 200: TemplatePreviewSchema },
      },
    },
    async (req) => previewTemplate({ actor: actorOf(req), query: req.query }),
  );

  r.get(
    '/templates/preview.pdf',
    {
      schema: {
        tags,
        summary: 'The same preview as the letter PDF, as the outbound module renders it',
        querystring: TemplatePreviewQuerySchema,
        response: {
          200: {
            description: 'The PDF',
            content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
          },
        },
      },
    },
    async (req, reply) => {
      const pdf = await previewTemplatePdf({ actor: actorOf(req), query: req.query });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentDisposition(pdf.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength) as unknown as string);
    },
  );
}
