import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/connection.ts';
import { ping } from '../db/connection.ts';
import { migrationState } from '../db/migrate.ts';
import { AppError } from '../lib/errors.ts';

export function registerHealthRoutes(app: FastifyInstance, database: Database): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process is up and serving HTTP',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  r.get(
    '/ready',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers and every migration is applied',
        response: {
          200: z.object({
            status: z.literal('ready'),
            engine: z.enum(['pglite', 'postgres']),
            migrations: z.number().int(),
          }),
        },
      },
    },
    async () => {
      try {
        await ping(database.db);
        const state = await migrationState(database);
        if (state.pending.length > 0 || state.changed.length > 0) {
          throw new AppError(
            'service_unavailable',
            `Migrations not current: ${[...state.pending, ...state.changed].join(', ')}.`,
          );
        }
        return { status: 'ready' as const, engine: database.engine, migrations: state.applied.length };
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError('service_unavailable', 'The database does not answer.', { cause: error });
      }
    },
  );
}
