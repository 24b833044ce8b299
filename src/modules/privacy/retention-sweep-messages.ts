import { deleteDocuments, deleteWorkItems, type SweepWrite } from './retention-sweep-delete.ts';

// Mail received (emails and scanned letters, `inbound_messages`) and the documents on a record, as
// the retention sweep deletes them: with the claim file, with a service case, or on their own (a
// message on no claim or case; a document whose case is already gone). Their files go after the
// commit, if no row references them any more (retention-sweep-files.ts).

/** Documents attached to these records (entity_type/entity_id), with the scans read from them. */
export async function deleteDocumentsOn(
  w: SweepWrite,
  entityType: 'claim' | 'service_case' | 'referral' | 'inbound_message',
  entityIds: readonly string[],
): Promise<void> {
  if (entityIds.length === 0) return;
  const docs = await w.trx
    .selectFrom('documents')
    .select('id')
    .where('entity_type', '=', entityType)
    .where('entity_id', 'in', entityIds)
    .execute();
  await deleteDocuments(
    w,
    docs.map((d) => d.id),
  );
}

/**
 * Inbound messages with their attachments, the scans they were read from (and a scan's image
 * where it stayed on the scan: one moved to a claim or case goes with that record) and their
 * triage work items.
 */
export async function deleteInboundMessages(w: SweepWrite, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const { trx, add } = w;
  const scans = await trx
    .deleteFrom('scans')
    .where('inbound_message_id', 'in', ids)
    .returning('document_id')
    .execute();
  add('scans', scans.length);
  if (scans.length > 0) {
    const images = await trx
      .selectFrom('documents')
      .select('id')
      .where('entity_type', '=', 'scan')
      .where(
        'id',
        'in',
        scans.map((s) => s.document_id),
      )
      .execute();
    await deleteDocuments(
      w,
      images.map((d) => d.id),
    );
  }
  await deleteDocumentsOn(w, 'inbound_message', ids);
  await deleteWorkItems(w, ['triage'], ids);
  add(
    'inbound_messages',
    (await trx.deleteFrom('inbound_messages').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
}
