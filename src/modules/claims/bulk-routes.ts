import { pipeline, Readable, Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import { BulkSourceError, bulkRegisterClaims } from './bulk-register-claims.ts';
import { BulkClaimRegistrationSchema } from './bulk-schemas.ts';

// POST /claims/bulk: a bulk file over HTTP. The body is NDJSON, streamed straight into
// bulkRegisterClaims (never buffered whole), so the route has its own content-type parser and body
// limit, scoped to this plugin; every other route stays JSON-only with the 1 MiB limit.

export const BULK_BODY_LIMIT = 256 * 1024 * 1024;
const NDJSON = 'application/x-ndjson';

export function bulkClaimRoutes(app: FastifyInstance, { db, config }: ModuleDeps): void {
  app.register(async (scope) => {
    // Hand the raw request stream to the handler; bulkRegisterClaims reads it line by line.
    scope.addContentTypeParser(NDJSON, (_request, payload, done) => done(null, payload));
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/claims/bulk',
      {
        bodyLimit: BULK_BODY_LIMIT,
        // The body is a stream, not a JSON document: nothing to validate before the handler does,
        // line by line. The schema below documents it.
        validatorCompiler: () => (value: unknown) => ({ value }),
        schema: {
          tags: ['claims'],
          summary: 'Register and assess many claims from NDJSON (idempotent per externalRef)',
          description:
            'One `NewClaim` JSON document per line (`Content-Type: application/x-ndjson`, at most 256 MiB). ' +
            'Every line needs an `externalRef`; a line whose `externalRef` was registered before is skipped, ' +
            'so re-sending a file is safe. Each good line is registered and assessed (claims the product ' +
            'allows are decided straight through); each bad line is reported with its line number and ' +
            'skipped — the good lines are registered all the same. Staff only.',
          consumes: [NDJSON],
          body: z
            .string()
            .describe(
              'Newline-delimited JSON: one NewClaim per line, each with an externalRef. Blank lines are ignored.',
            ),
          response: { 200: BulkClaimRegistrationSchema },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const body: unknown = req.body;
        if (!(body instanceof Readable)) {
          throw new AppError('unsupported_media_type', `Send the claims as ${NDJSON}, one claim per line.`);
        }
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > BULK_BODY_LIMIT) {
          throw new AppError('payload_too_large', `The body is larger than ${BULK_BODY_LIMIT} bytes.`);
        }
        try {
          // pipeline, not pipe: a broken upload must fail the read, not leave it waiting.
          const source = pipeline(body, limitBytes(BULK_BODY_LIMIT), () => {});
          // On a PostgreSQL server, batches go in with COPY on a connection of their own.
          return await bulkRegisterClaims({ db, actor, source, postgresUrl: config.databaseUrl });
        } catch (error) {
          if (error instanceof BulkSourceError) {
            if ((error.cause as { code?: string })?.code === 'payload_too_large') {
              throw new AppError(
                'payload_too_large',
                `The body is larger than ${BULK_BODY_LIMIT} bytes; the claims before the limit were registered.`,
              );
            }
            throw new AppError('validation_failed', `The request body could not be read: ${error.message}`);
          }
          throw error;
        }
      },
    );
  });
}

/** Fails the stream once more than `limit` bytes have passed (chunked bodies carry no length). */
function limitBytes(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(Object.assign(new Error('body too large'), { code: 'payload_too_large' }));
      else callback(null, chunk);
    },
  });
}
