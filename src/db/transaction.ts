import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * One transaction per use case: runs `work` in the caller's transaction when it already has one
 * (the seed and bulk imports batch many use cases into one), otherwise in a new one.
 */
export function inTransaction<T>(db: Executor, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<DB>) : db.transaction().execute(work);
}
