import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import {
  MULTIPART,
  passThroughValidator,
  readUploadForm,
  registerUploadParser,
  type UploadFormSpec,
  uploadIdempotencyKey,
} from '../documents/index.ts';
import { assertCan } from '../users/permissions.ts';
import { getScan, listScans, ScanListQuerySchema } from './find-scans.ts';
import { closeSharedOcrEngine } from './ocr-engine.ts';
import { findOcrLanguageData, OCR_LANGUAGES } from './ocr-language-data.ts';
import { ScanSchema } from './scan-schemas.ts';
import { uploadScan } from './upload-scan.ts';

// POST /scans takes multipart/form-data with one file (multipart-upload.ts).

const UPLOAD_FORM: UploadFormSpec = {
  fields: 2,
  parts: 3,
  messages: {
    notMultipart: `Send the scan as ${MULTIPART} with one file.`,
    notMultipartType: `Send the scan as ${MULTIPART}.`,
    oneFile: 'Upload one scan per request.',
  },
};

const OcrLanguagesSchema = z
  .object({
    available: z.array(
      z.object({ code: z.enum(OCR_LANGUAGES), source: z.enum(['npm', 'debian', 'configured']) }),
    ),
    missing: z.array(
      z.object({ code: z.enum(OCR_LANGUAGES), install: z.string().describe('What an operator installs') }),
    ),
  })
  .meta({ id: 'OcrLanguages' });

export function scanRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  // The process's OCR worker thread would keep the process alive after the server closed.
  app.addHook('onClose', async () => {
    await closeSharedOcrEngine();
  });
  app.register(async (scope) => {
    await registerUploadParser(scope, UPLOAD_FORM);
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/scans',
      {
        // The multipart stream is read by the handler; the schema below documents the form.
        validatorCompiler: passThroughValidator,
        schema: {
          tags: ['scans'],
          summary:
            'Upload a scanned letter (PDF, PNG, JPEG or TIFF) for OCR and linking (multipart/form-data)',
          description:
            'One file, at most 10 MiB (413 payload_too_large). The type is read from the bytes: anything but ' +
            'PDF, PNG, JPEG or TIFF (an executable renamed .png, a text file) is 415 document_type_not_allowed. ' +
            'The file is kept as a document and the OCR runs in the background: 202 with the scan (status ' +
            'pending); poll GET /scans/{id}. `missingLanguages` names OCR languages not installed on the server. ' +
            'The same file again returns its existing scan (200). Staff only. Idempotent on Idempotency-Key.',
          consumes: [MULTIPART],
          headers: IdempotencyHeaders,
          body: z
            .object({ file: z.string().meta({ format: 'binary' }).describe('The scanned letter') })
            .meta({ id: 'ScanUpload' }),
          response: {
            202: ScanSchema.describe('Received: the OCR job is queued'),
            200: ScanSchema.describe(
              'This file was uploaded before (its scan), or a retry with the same key',
            ),
          },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        assertCan(actor, 'scans:upload'); // before reading up to 10 MiB
        const idempotencyKey = uploadIdempotencyKey(req);
        const { file } = await readUploadForm(req, UPLOAD_FORM);
        return sendIdempotent(
          reply,
          await uploadScan({
            db,
            actor,
            filename: file.filename,
            declaredType: file.mimetype,
            content: file.content,
            idempotencyKey,
          }),
        );
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['scans'];
  r.get(
    '/scans',
    {
      schema: {
        tags,
        summary: 'Scanned letters, newest first, optionally by status (e.g. unreadable, failed)',
        querystring: ScanListQuerySchema,
        response: {
          200: z.object({
            items: z.array(ScanSchema),
            nextBefore: z.uuid().nullable().describe('Pass as `before` for the next page; null on the last'),
          }),
        },
      },
    },
    async (req) => listScans({ db, actor: actorOf(req), query: req.query }),
  );
  r.get(
    '/scans/languages',
    {
      schema: {
        tags,
        summary: 'Which OCR languages this server can read, and what to install for the missing ones',
        response: { 200: OcrLanguagesSchema },
      },
    },
    async (req) => {
      assertCan(actorOf(req), 'scans:read');
      const data = await findOcrLanguageData();
      return {
        available: data.available.map((l) => ({ code: l.code, source: l.source })),
        missing: data.missing.map((m) => ({ code: m.code, install: m.install })),
      };
    },
  );
  r.get(
    '/scans/:id',
    {
      schema: {
        tags,
        summary: 'A scanned letter: status, text, language, confidence, numbers found, where it was linked',
        params: z.object({ id: z.uuid() }),
        response: { 200: ScanSchema },
      },
    },
    async (req) => getScan({ db, actor: actorOf(req), id: req.params.id }),
  );
}
