import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../db/connection.ts';
import { registerModuleRoutes } from '../modules/routes.ts';
import type { Config } from './config.ts';
import { registerHealthRoutes } from './health-routes.ts';
import { loggerOptions, requestIdFrom } from './logging.ts';
import { registerAuthentication } from './plugins/authenticate.ts';
import { registerErrorHandling } from './plugins/error-handler.ts';
import { addErrorResponses, registerOpenApi } from './plugins/openapi.ts';
import { registerWebRoutes } from './web-routes.ts';

export type AppDeps = { config: Config; database: Database };

/** Builds the HTTP application without listening, so tests can use `app.inject`. */
export async function buildApp({ config, database }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    genReqId: requestIdFrom,
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // Reject unknown top-level JSON keys such as __proto__ instead of silently dropping them.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true },
  });
  // JSON only: without this, Fastify parses text/plain bodies as strings and they fail validation
  // with a misleading 400 instead of 415 unsupported_media_type.
  app.removeContentTypeParser(['text/plain']);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRoute', addErrorResponses);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandling(app);
  await app.register(cookie);
  await registerOpenApi(app);
  registerAuthentication(app, database.db);
  registerHealthRoutes(app, database);
  registerModuleRoutes(app, { db: database.db, config });
  await registerWebRoutes(app);
  return app;
}
