import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { enqueueJob } from '../../jobs/enqueue-job.ts';
import type { JobHandler } from '../../jobs/job-types.ts';
import { type DocumentStore, documentFileLock, documentStore } from '../documents/index.ts';

// The document files of swept records (decision 0009: content-addressed, so two records with the
// same bytes share one file). A file goes only when no row references its key any more, and only
// after the transaction that deleted the rows has committed: removing it earlier would leave a
// row without its file if the transaction rolled back. The batch that deletes the rows enqueues
// a `retention-files` job with their keys in the same transaction, so the removal happens even
// if the process dies right after the commit; the CLI also removes them at once after each batch.

export const RETENTION_FILES_JOB = 'retention-files';

/** Keys per job: a payload stays small even for a batch of claims with many documents. */
const KEYS_PER_JOB = 500;

/** Enqueues the removal of these files, in the batch's transaction. */
export async function enqueueFileRemoval(trx: Executor, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += KEYS_PER_JOB) {
    await enqueueJob(trx, { kind: RETENTION_FILES_JOB, payload: { keys: keys.slice(i, i + KEYS_PER_JOB) } });
  }
}

/**
 * Removes each file no document row references. Per key, one short transaction holds the key's
 * lock (the one storeDocument takes before writing a file) while it checks the rows and removes
 * the file: an upload of the same bytes either commits its row first (the file is kept) or waits
 * and writes the file again. Returns the keys removed; a key whose file is already gone is fine.
 */
export async function removeUnreferencedFiles(
  db: Kysely<DB>,
  keys: readonly string[],
  store: DocumentStore = documentStore(),
): Promise<string[]> {
  const removed: string[] = [];
  for (const key of new Set(keys)) {
    const gone = await db.transaction().execute(async (trx) => {
      await documentFileLock(trx, key);
      const used = await trx
        .selectFrom('documents')
        .select('id')
        .where('storage_key', '=', key)
        .limit(1)
        .executeTakeFirst();
      return used ? false : store.remove(key);
    });
    if (gone) removed.push(key);
  }
  return removed;
}

/**
 * The job: the removal is work outside the database, so it runs in the handler's `outside` step
 * (no transaction held across file-system calls but each key's own short one). A retry repeats it
 * harmlessly: a removed file stays removed, a referenced one stays.
 */
export function retentionFilesJob(store?: DocumentStore): JobHandler {
  const handler: JobHandler = async ({ prepared, log, job }) => {
    const removed = prepared as string[] | undefined;
    if (removed?.length) log.info({ job: job.id, removed: removed.length }, 'retention sweep: files removed');
  };
  handler.outside = async ({ db, job }) => {
    const keys = Array.isArray(job.payload.keys)
      ? job.payload.keys.filter((k): k is string => typeof k === 'string')
      : [];
    return removeUnreferencedFiles(db, keys, store);
  };
  return handler;
}
