import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors.ts';
import { IdempotencyHeaders } from '../../server/idempotent-route.ts';
import { MAX_DOCUMENT_BYTES } from './document-schemas.ts';
import { tooLarge } from './store-document.ts';

// What POST /documents and POST /scans share: a multipart/form-data body with one file. The parser
// is registered in the caller's plugin scope only, so every other route stays JSON-only. The file
// is read into memory (10 MiB at most: busboy stops counting there and the upload is refused with
// 413) because its type is decided by its bytes and its hash is its identity.

export const MULTIPART = 'multipart/form-data';
/** Room for the form's boundaries and fields around the largest file. */
const FORM_OVERHEAD = 64 * 1024;

/** One upload form: busboy's limits (just above what the form has) and the refusals' wording. */
export type UploadFormSpec = {
  fields: number;
  parts: number;
  messages: {
    notMultipart: string;
    notMultipartType: string;
    oneFile: string;
    /** Without it, too many fields reads as a malformed body. */
    tooManyFields?: string;
  };
};

export type UploadForm = {
  fields: Record<string, string>;
  file: { filename: string; mimetype: string; content: Buffer };
};

/** Registers the multipart parser in this plugin scope, limited to one file of at most 10 MiB. */
export async function registerUploadParser(scope: FastifyInstance, spec: UploadFormSpec): Promise<void> {
  await scope.register(multipart, {
    limits: {
      fileSize: MAX_DOCUMENT_BYTES,
      files: 1,
      fields: spec.fields,
      parts: spec.parts,
      fieldSize: 1024,
      headerPairs: 50,
    },
  });
}

/** The route's pass-through validator: the handler reads the multipart stream itself. */
export const passThroughValidator = () => (value: unknown) => ({ value });

/**
 * The request's Idempotency-Key. The pass-through validator skips the header schema too, so it
 * is checked here.
 */
export function uploadIdempotencyKey(req: FastifyRequest): string | undefined {
  const idempotencyKey = req.headers['idempotency-key'];
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
  return idempotencyKey as string | undefined;
}

/** Reads the form's fields and its one file, turning the parser's refusals into problem codes. */
export async function readUploadForm(req: FastifyRequest, spec: UploadFormSpec): Promise<UploadForm> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', spec.messages.notMultipart);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_DOCUMENT_BYTES + FORM_OVERHEAD) throw tooLarge();
  const fields: Record<string, string> = {};
  let file: UploadForm['file'] | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        file = { filename: part.filename, mimetype: part.mimetype, content: await part.toBuffer() };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    throw formError(error, spec);
  }
  if (!file) {
    throw new AppError('validation_failed', 'The form has no file.', {
      errors: [{ in: 'body', path: ['file'], code: 'required', message: 'Attach one file.' }],
    });
  }
  return { fields, file };
}

function formError(error: unknown, { messages }: UploadFormSpec): AppError {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
    case 'FST_FILES_LIMIT':
      return new AppError('validation_failed', messages.oneFile, {
        errors: [{ in: 'body', path: ['file'], code: 'too_many_files', message: 'One file per request.' }],
      });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      if (messages.tooManyFields) return new AppError('validation_failed', messages.tooManyFields);
      break;
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('unsupported_media_type', messages.notMultipartType);
  }
  return new AppError(
    'validation_failed',
    'The multipart body could not be read (it is malformed or cut off).',
  );
}
