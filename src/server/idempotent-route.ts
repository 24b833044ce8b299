import type { FastifyReply } from 'fastify';
import { z } from 'zod';

// What every create/decide endpoint shares (decision 0005): the optional Idempotency-Key header,
// and the answer to a retry — the first response's status and body, marked as a replay.

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .optional()
    .describe('Makes a retry safe: the same key returns the first response and writes nothing'),
});

export type IdempotentResult<T> = { status: number; body: T; replayed: boolean };

/** Sends a use case's idempotent result: its status and body, with `idempotent-replayed: true` on a retry. */
export function sendIdempotent<T>(reply: FastifyReply, result: IdempotentResult<T>): FastifyReply {
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(result.status).send(result.body);
}
