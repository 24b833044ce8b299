import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../server/plugins/authenticate.ts';
import type { ModuleDeps } from '../deps.ts';
import {
  ApiTokenListQuerySchema,
  ApiTokenSchema,
  CreatedApiTokenSchema,
  NewApiTokenSchema,
} from './api-token-schemas.ts';
import { createApiToken } from './create-api-token.ts';
import { listApiTokens } from './list-api-tokens.ts';
import { revokeApiToken } from './revoke-api-token.ts';

/** API tokens for integrations: `Authorization: Bearer cdk_…` (docs/decisions/0012-authentication.md). */
export function apiTokenRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.post(
    '/api-tokens',
    {
      schema: {
        tags,
        summary: 'Issue an API token (administrators, from a session); the secret is shown once',
        body: NewApiTokenSchema,
        response: { 201: CreatedApiTokenSchema },
      },
    },
    async (req, reply) => {
      const created = await createApiToken({ db, actor: actorOf(req), input: req.body });
      return reply.status(201).header('cache-control', 'no-store').send(created);
    },
  );

  r.get(
    '/api-tokens',
    {
      schema: {
        tags,
        summary: 'API tokens without their secrets (administrators and auditors)',
        querystring: ApiTokenListQuerySchema,
        response: { 200: z.object({ items: z.array(ApiTokenSchema) }) },
      },
    },
    async (req) => ({ items: await listApiTokens({ db, actor: actorOf(req), query: req.query }) }),
  );

  r.post(
    '/api-tokens/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke an API token at once (administrators)',
        params: z.object({ id: z.uuid() }),
        response: { 200: ApiTokenSchema },
      },
    },
    async (req) => revokeApiToken({ db, actor: actorOf(req), id: req.params.id }),
  );
}
