import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { IdempotencyHeaders, sendIdempotent } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { MAX_DOCUMENT_BYTES, tooLarge } from '../documents/index.ts';
import { assertCan } from '../users/permissions.ts';
import { getScan, listScans, ScanListQuerySchema } from './find-scans.ts';
import { closeSharedOcrEngine } from './ocr-engine.ts';
import { findOcrLanguageData, OCR_LANGUAGES } from './ocr-language-data.ts';
import { ScanSchema } from './scan-schemas.ts';
import { uploadScan } from './upload-scan.ts';

// POST /scans takes multipart/form-data with one file (the parser is registered in this plugin's
// scope only). The file is read into memory, 10 MiB at most, because its type is decided by its
// bytes and its hash is its identity.

const MULTIPART = 'multipart/form-data';
const FORM_OVERHEAD = 64 * 1024;

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
    await scope.register(multipart, {
      limits: {
        fileSize: MAX_DOCUMENT_BYTES,
        files: 1,
        fields: 2,
        parts: 3,
        fieldSize: 1024,
        headerPairs: 50,
      },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/scans',
      {
        // The multipart stream is read by the handler; the schema below documents the form.
        validatorCompiler: () => (value: unknown) => ({ value }),
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
        const idempotencyKey = req.headers['idempotency-key'];
        // The pass-through validator above skips the header schema too: check it here.
        if (
          idempotencyKey !== undefined &&
          !IdempotencyHeaders.safeParse({ 'idempotency-key': idempotencyKey }).success
        ) {
          throw new AppError('validation_failed', 'The Idempotency-Key must be 8 to 200 characters.', {
            errors: [
              { in: 'headers', path: ['idempotency-key'], code: 'invalid', message: '8 to 200 characters.' },
            ],
          });
        }
        const file = await readScanFile(req);
        return sendIdempotent(
          reply,
          await uploadScan({
            db,
            actor,
            filename: file.filename,
            declaredType: file.mimetype,
            content: file.content,
            idempotencyKey: idempotencyKey as string | undefined,
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

type ScanFile = { filename: string; mimetype: string; content: Buffer };

/** The form's one file, with the parser's refusals turned into problem codes. */
async function readScanFile(req: FastifyRequest): Promise<ScanFile> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported_media_type', `Send the scan as ${MULTIPART} with one file.`);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_DOCUMENT_BYTES + FORM_OVERHEAD) throw tooLarge();
  let file: ScanFile | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        file = { filename: part.filename, mimetype: part.mimetype, content: await part.toBuffer() };
      }
    }
  } catch (error) {
    throw formError(error);
  }
  if (!file) {
    throw new AppError('validation_failed', 'The form has no file.', {
      errors: [{ in: 'body', path: ['file'], code: 'required', message: 'Attach one file.' }],
    });
  }
  return file;
}

function formError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  switch ((error as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
    case 'FST_FILES_LIMIT':
      return new AppError('validation_failed', 'Upload one scan per request.', {
        errors: [{ in: 'body', path: ['file'], code: 'too_many_files', message: 'One file per request.' }],
      });
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', `Send the scan as ${MULTIPART}.`);
    default:
      return new AppError(
        'validation_failed',
        'The multipart body could not be read (it is malformed or cut off).',
      );
  }
}
