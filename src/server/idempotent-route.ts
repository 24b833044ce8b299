import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../db/idempotency.ts';
import { type Executor, inTransaction } from '../db/transaction.ts';
import { actorId } from '../modules/users/actor.ts';
import { actorOf } from './plugins/authenticate.ts';

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

/**
 * Idempotency-Key for a use case that has no key of its own (decision 0005, "Keys at the route"):
 * the key row is claimed in a transaction that the use case then joins (inTransaction reuses it),
 * so the key, the change, its audit events and the stored response commit or roll back together.
 * Keys are scoped per operation and actor; the request hash covers the path parameters and body.
 * Without a key the use case runs exactly as before.
 */
export async function replyIdempotently<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Executor,
  operation: string,
  work: (db: Executor) => Promise<{ status: number; body: T }>,
): Promise<FastifyReply> {
  const header = req.headers['idempotency-key'];
  if (typeof header !== 'string') return sendIdempotent(reply, { ...(await work(db)), replayed: false });
  const key: IdempotencyKey = { scope: `${operation}:${actorId(actorOf(req)) ?? 'system'}`, key: header };
  const result = await inTransaction(db, async (trx): Promise<IdempotentResult<T>> => {
    const replay = await claimIdempotencyKey<T>(
      trx,
      key,
      requestHash({ params: req.params, body: req.body }),
    );
    if (replay) return { status: 200, body: replay.body, replayed: true };
    const out = await work(trx);
    await storeIdempotentResponse(trx, key, out.status, out.body);
    return { ...out, replayed: false };
  });
  return sendIdempotent(reply, result);
}
