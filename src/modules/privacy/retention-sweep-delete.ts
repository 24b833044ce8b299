import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// The deletes the retention sweep shares between kinds: work items with their clocks, documents
// (their files are removed after the commit, see retention-sweep-files.ts), notifications with
// their letters. Each deletes children before parents, so no foreign key is ever violated, and
// counts the rows per table.

export type SweepWrite = {
  trx: Transaction<DB>;
  /** Counts rows deleted per table. */
  add: (table: string, n: bigint | number | undefined) => void;
  /** Storage keys of the document rows deleted: their files go after the commit, if unreferenced. */
  fileKeys: Set<string>;
};

/** Work items of these kinds about these subjects, with their deadlines and alerts. */
export async function deleteWorkItems(
  w: SweepWrite,
  kinds: readonly ('claim' | 'service_case' | 'referral' | 'triage')[],
  subjects: readonly string[],
): Promise<void> {
  if (subjects.length === 0) return;
  const { trx, add } = w;
  const items = await trx
    .selectFrom('work_items')
    .select('id')
    .where('kind', 'in', kinds)
    .where('subject_id', 'in', subjects)
    .execute();
  const ids = items.map((i) => i.id);
  if (ids.length === 0) return;
  add(
    'deadline_alerts',
    (await trx.deleteFrom('deadline_alerts').where('work_item_id', 'in', ids).executeTakeFirst())
      .numDeletedRows,
  );
  add(
    'deadlines',
    (await trx.deleteFrom('deadlines').where('work_item_id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
  add(
    'work_items',
    (await trx.deleteFrom('work_items').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
}

/**
 * Document rows, and the scans read from them (a scan is the record of the paper letter its
 * document is). The keys of their files are collected for removal after the commit.
 */
export async function deleteDocuments(w: SweepWrite, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const { trx, add } = w;
  add(
    'scans',
    (await trx.deleteFrom('scans').where('document_id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
  const rows = await trx.deleteFrom('documents').where('id', 'in', ids).returning('storage_key').execute();
  add('documents', rows.length);
  for (const r of rows) if (r.storage_key !== null) w.fileKeys.add(r.storage_key);
}

/**
 * Notifications about these records, whatever their channel, with their deliveries and the
 * letters (PDF documents) rendered for them: evidence of what the customer was told, kept as long
 * as the record it was about and no longer.
 */
export async function deleteNotificationsAbout(
  w: SweepWrite,
  entityType: string,
  entityIds: readonly string[],
): Promise<void> {
  if (entityIds.length === 0) return;
  const notices = await w.trx
    .selectFrom('notifications')
    .select('id')
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', entityIds)
    .execute();
  await deleteNotifications(
    w,
    notices.map((n) => n.id),
  );
}

/** Notifications by id, with their deliveries and the letters rendered for those. */
export async function deleteNotifications(w: SweepWrite, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const { trx, add } = w;
  const deliveries = await trx
    .deleteFrom('deliveries')
    .where('notification_id', 'in', ids)
    .returning(['id', 'document_id'])
    .execute();
  add('deliveries', deliveries.length);
  if (deliveries.length > 0) {
    // A letter's document names its delivery (entity 'letter'); the delivery names the document.
    const letters = await trx
      .selectFrom('documents')
      .select('id')
      .where('entity_type', '=', 'letter')
      .where(
        'entity_id',
        'in',
        deliveries.map((d) => d.id),
      )
      .execute();
    const docIds = new Set([
      ...letters.map((l) => l.id),
      ...deliveries.flatMap((d) => (d.document_id ? [d.document_id] : [])),
    ]);
    await deleteDocuments(w, [...docIds]);
  }
  add(
    'notifications',
    (await trx.deleteFrom('notifications').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
}
