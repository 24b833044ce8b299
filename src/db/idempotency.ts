import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { canonicalJson } from '../lib/canonical-json.ts';
import { AppError } from '../lib/errors.ts';
import type { DB } from './schema.ts';

// A retried request (network timeout, double click, a re-sent import) must not act twice. The key
// row is inserted first, inside the use case's transaction: a concurrent retry with the same key
// blocks on the primary key until the first commits, then finds the stored response. If the first
// rolls back, its key row goes with it and the retry simply runs.

export type IdempotencyKey = { scope: string; key: string };
export type Replay<T> = { replayed: true; status: number; body: T };

export function requestHash(request: unknown): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}

/** Claims the key, or returns the stored response of an earlier identical request. */
export async function claimIdempotencyKey<T>(
  trx: Transaction<DB>,
  key: IdempotencyKey,
  hash: string,
  onReuse: () => AppError = () =>
    new AppError('idempotency_key_reused', `The key "${key.key}" was already used for a different request.`),
): Promise<Replay<T> | null> {
  const inserted = await trx
    .insertInto('idempotency_keys')
    .values({ scope: key.scope, key: key.key, request_hash: hash, response_status: 0, response_body: 'null' })
    .onConflict((oc) => oc.doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return null;
  const stored = await trx
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', key.scope)
    .where('key', '=', key.key)
    .executeTakeFirstOrThrow();
  if (stored.request_hash !== hash) {
    throw onReuse();
  }
  return { replayed: true, status: stored.response_status, body: stored.response_body as T };
}

export async function storeIdempotentResponse(
  trx: Transaction<DB>,
  key: IdempotencyKey,
  status: number,
  body: unknown,
): Promise<void> {
  await trx
    .updateTable('idempotency_keys')
    .set({ response_status: status, response_body: JSON.stringify(body) })
    .where('scope', '=', key.scope)
    .where('key', '=', key.key)
    .execute();
}
