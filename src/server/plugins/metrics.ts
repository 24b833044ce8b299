import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import type { Config } from '../config.ts';
import { createMetrics, metricsTokenMatches } from '../metrics.ts';

/**
 * GET /metrics (Prometheus text format) and the hook that times every request.
 *
 * Access is a bearer token from CLAIMDESK_METRICS_TOKEN rather than a role: a scraper is a
 * machine with a static credential file, not a person with a session that expires. Without the
 * setting the route answers 404, so a deployment exposes nothing it did not ask for. The route is
 * left out of the OpenAPI document: it is operations plumbing, not part of the JSON API contract.
 */
export function registerMetrics(app: FastifyInstance, deps: { config: Config; database: Database }): void {
  const metrics = createMetrics(deps.database.db);
  const token = deps.config.metricsToken;

  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
  });

  app.get(
    '/metrics',
    // public: the session check does not apply; the token check below does.
    { config: { public: true }, schema: { hide: true } },
    async (request, reply) => {
      if (!token)
        throw new AppError('not_found', 'Metrics are off: set CLAIMDESK_METRICS_TOKEN to enable them.');
      if (!metricsTokenMatches(request.headers.authorization, token)) {
        throw new AppError('unauthenticated', 'Send Authorization: Bearer <CLAIMDESK_METRICS_TOKEN>.');
      }
      const body = await metrics.render();
      return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(body);
    },
  );
}
