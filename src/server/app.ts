import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Database } from '../db/connection.ts';
import { registerModuleRoutes } from '../modules/routes.ts';
import type { Config } from './config.ts';
import { registerHealthRoutes } from './health-routes.ts';
import { loggerOptions, requestIdFrom } from './logging.ts';
import { registerAuthentication } from './plugins/authenticate.ts';
import { registerCsrfProtection } from './plugins/csrf.ts';
import { frameworkErrorHandler, registerErrorHandling } from './plugins/error-handler.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { addErrorResponses, registerOpenApi } from './plugins/openapi.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerUnstorableTextCheck } from './plugins/unstorable-text.ts';
import { registerWebRoutes } from './web-routes.ts';

export type AppDeps = { config: Config; database: Database };

/** Builds the HTTP application without listening, so tests can use `app.inject`. */
export async function buildApp({ config, database }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    genReqId: requestIdFrom,
    requestIdHeader: false,
    // The client's address (sign-in throttle) from X-Forwarded-For only when the proxy is trusted.
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Reject unknown top-level JSON keys such as __proto__ instead of silently dropping them.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { ignoreTrailingSlash: true },
    // Bad percent-encoding and over-long path parameters answer problem+json too (fuzz test).
    frameworkErrors: frameworkErrorHandler,
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
  // NUL and lone surrogates: a 400 naming the field, before any handler (plugins/unstorable-text.ts).
  registerUnstorableTextCheck(app);
  await app.register(cookie);
  // Headers and CORS first: a preflight is answered before authentication; CSRF is refused before
  // a session is even looked up (docs/decisions/0012-authentication.md).
  await registerSecurityHeaders(app, { https: config.cookieSecure, corsOrigins: config.corsOrigins });
  registerCsrfProtection(app, { allowedOrigins: config.corsOrigins, httpsOnly: config.cookieSecure });
  await registerOpenApi(app);
  registerAuthentication(app, database.db, { sessionIdleMinutes: config.sessionIdleMinutes });
  registerHealthRoutes(app, database);
  registerMetrics(app, { config, database });
  registerModuleRoutes(app, { db: database.db, config });
  await registerWebRoutes(app);
  return app;
}
