import { deleteDocuments, type SweepWrite } from './retention-sweep-delete.ts';

// Print batches and payment batches: no customer, swept by age (retention-sweep-due.ts) once no
// kept row names them. A print batch's PDF holds many customers' letters, each also kept as its own
// PDF on its delivery, so the batch's copy goes once every letter in it has (the deliveries name
// the batch, without a foreign key). A payment batch's bank file (`file_xml`) names the creditors;
// a payment still kept names its batch by foreign key, so the batch waits for its last payment.

/** Print batches and their PDFs (the file goes after the commit, if nothing else uses it). */
export async function deletePrintBatches(w: SweepWrite, ids: string[]): Promise<void> {
  const { trx, add } = w;
  const batches = await trx
    .deleteFrom('print_batches')
    .where('id', 'in', ids)
    .returning('document_id')
    .execute();
  add('print_batches', batches.length);
  await deleteDocuments(
    w,
    batches.map((b) => b.document_id),
  );
}

/** Payment batches with their bank file (a column of the row). */
export async function deletePaymentBatches(w: SweepWrite, ids: string[]): Promise<void> {
  w.add(
    'payment_batches',
    (await w.trx.deleteFrom('payment_batches').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
}
