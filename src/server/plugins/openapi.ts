import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../problem.ts';

// Every route documents its errors: the onRoute hook below adds the problem+json responses each
// route can produce, so a new route cannot forget them.

const ERROR_STATUSES: Record<number, string> = {
  400: 'Malformed request or failed validation (errors[] lists every field path)',
  401: 'Not signed in',
  403: 'Signed in, but not allowed',
  404: 'Not found (or not visible to you)',
  409: 'Conflicts with the current state (duplicate, overlap, reused idempotency key, stale version)',
  422: 'Well-formed but refused by a business rule',
  500: 'Unexpected error (quote requestId)',
};

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Claimdesk API',
        version: '0.1.0',
        description:
          'Claims and customer-service desk for insurers and benefit agencies. Errors are RFC 9457 problem+json with a stable `code`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'claimdesk_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
}

export function addErrorResponses(route: RouteOptions): void {
  // The documentation (UI, its assets and /docs/json) is readable before signing in.
  if (route.url.startsWith('/docs')) {
    route.config = { ...route.config, public: true };
    return;
  }
  if (route.schema?.hide) return;
  route.schema ??= {};
  // Public routes opt out of the document-wide session/bearer requirement.
  if (route.config?.public) route.schema.security ??= [];
  route.schema.response ??= {};
  const response = route.schema.response as Record<string | number, unknown>;
  for (const [status, description] of Object.entries(ERROR_STATUSES)) {
    if (response[status] !== undefined) continue;
    if (route.config?.public && status === '401') continue;
    response[status] = { description, content: { 'application/problem+json': { schema: ProblemSchema } } };
  }
}
