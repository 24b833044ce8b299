import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { DOCUMENT_KINDS } from '../products/product-config-schema.ts';
import { assertCan } from '../users/permissions.ts';
import { claimDocumentChecklist, DocumentChecklistSchema } from './claim-document-checklist.ts';
import {
  DocumentListQuerySchema,
  DocumentSchema,
  DocumentTargetSchema,
  DocumentUploadSchema,
} from './document-schemas.ts';
import { getDocument, getDocumentContent, listDocuments } from './find-documents.ts';
import {
  MULTIPART,
  passThroughValidator,
  readUploadForm,
  registerUploadParser,
  type UploadFormSpec,
  uploadIdempotencyKey,
} from './multipart-upload.ts';
import { attachmentDisposition } from './safe-filename.ts';
import { uploadDocument } from './upload-document.ts';

// POST /documents takes multipart/form-data (multipart-upload.ts): the fields below and one file.

const UPLOAD_FORM: UploadFormSpec = {
  fields: 10,
  parts: 12,
  messages: {
    notMultipart: `Send the document as ${MULTIPART} with the fields entityType, entityId and one file.`,
    notMultipartType: `Send the document as ${MULTIPART}.`,
    oneFile: 'Upload one file per request.',
    tooManyFields: 'The form has more fields than entityType, entityId and a file.',
  },
};

const Id = z.object({ id: z.uuid() });

export function documentRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  app.register(async (scope) => {
    await registerUploadParser(scope, UPLOAD_FORM);
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['documents'];

    r.post(
      '/documents',
      {
        // The multipart stream is read by the handler; the schema below documents the form.
        validatorCompiler: passThroughValidator,
        schema: {
          tags,
          summary: 'Upload a document to a claim, service case, referral or customer (multipart/form-data)',
          description:
            'Fields `entityType`, `entityId` and one file (at most 10 MiB: 413 payload_too_large). The type is ' +
            'detected from the bytes: PDF, PNG, JPEG, TIFF, or plain UTF-8 text without NUL bytes; anything ' +
            'else, or a declared type the bytes contradict, is 415 document_type_not_allowed. The same file ' +
            'uploaded again to the same record is not stored twice: the answer is the existing document ' +
            '(its own name, kind and date) with 200 and `alreadyOnFile: true`. A customer uploads only ' +
            'to their own claims, cases and customer record (404 otherwise); staff to any. Idempotent on ' +
            'Idempotency-Key.',
          consumes: [MULTIPART],
          headers: IdempotencyHeaders,
          body: DocumentTargetSchema.extend({
            kind: z
              .enum(DOCUMENT_KINDS)
              .optional()
              .describe(
                'What the document is (receipt, medical_certificate, …); shown on the claim checklist',
              ),
            file: z.string().meta({ format: 'binary' }).describe('The file, with its name and type'),
          }).meta({ id: 'DocumentUpload' }),
          response: {
            201: DocumentUploadSchema.describe('Stored (alreadyOnFile: false)'),
            200: DocumentUploadSchema.describe(
              'Already on this record (same bytes; alreadyOnFile: true), or a retry with the same key',
            ),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        assertCan(actor, 'documents:upload'); // before reading up to 10 MiB
        const idempotencyKey = uploadIdempotencyKey(req);
        const form = await readUploadForm(req, UPLOAD_FORM);
        return sendIdempotent(
          reply,
          await uploadDocument({
            db,
            actor,
            target: { entityType: form.fields.entityType as never, entityId: form.fields.entityId as string },
            kind: form.fields.kind,
            filename: form.file.filename,
            declaredType: form.file.mimetype,
            content: form.file.content,
            idempotencyKey,
          }),
        );
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  r.get(
    '/documents',
    {
      schema: {
        tags,
        summary: 'The documents of one record, oldest first (metadata only)',
        querystring: DocumentListQuerySchema,
        response: { 200: z.object({ items: z.array(DocumentSchema) }) },
      },
    },
    async (req) => ({ items: await listDocuments({ db, actor: actorOf(req), target: req.query }) }),
  );
  r.get(
    '/claims/:ref/documents/checklist',
    {
      schema: {
        tags,
        summary: "The claim's document checklist: what the product requires for its benefits vs what arrived",
        description:
          'For each kind of document the covers of the product version in force (on the date of loss) ' +
          'require for the claim’s benefits: whether it arrived, and how — `recorded` (in the claim’s ' +
          'documents received, which the assessment counts) and/or `uploaded` (a document of that kind ' +
          'on the claim or on an email threaded onto it). A customer sees their own claims only (404).',
        params: z.object({ ref: z.string().describe('Claim id or number (CLM-2026-000123)') }),
        response: { 200: DocumentChecklistSchema },
      },
    },
    async (req) => claimDocumentChecklist({ db, actor: actorOf(req), ref: req.params.ref }),
  );
  r.get(
    '/documents/:id',
    {
      schema: { tags, summary: "A document's metadata", params: Id, response: { 200: DocumentSchema } },
    },
    async (req) => getDocument({ db, actor: actorOf(req), id: req.params.id }),
  );
  r.get(
    '/documents/:id/content',
    {
      schema: {
        tags,
        summary: 'Download the document: its bytes as stored, as an attachment',
        description:
          'Content-Type is the type detected at upload; Content-Disposition is `attachment` with the ' +
          'sanitised name; `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy ' +
          'keep a browser from running anything in it.',
        params: Id,
        response: {
          200: {
            description: 'The bytes',
            content: {
              'application/octet-stream': {
                schema: z.string().meta({ format: 'binary' }).describe('Served with the stored media type'),
              },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const doc = await getDocumentContent({ db, actor: actorOf(req), id: req.params.id });
      const bytes = Buffer.from(doc.content.buffer, doc.content.byteOffset, doc.content.byteLength);
      return (
        reply
          .header(
            'content-type',
            doc.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : doc.mediaType,
          )
          .header('content-disposition', attachmentDisposition(doc.filename))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          // A Buffer is sent as it is (no serialiser); the schema above only documents it.
          .send(bytes as unknown as string)
      );
    },
  );
}
