import { deleteWorkItems, type SweepWrite } from './retention-sweep-delete.ts';
import { deleteDocumentsOn, deleteInboundMessages } from './retention-sweep-messages.ts';

// What the retention sweep deletes with a service case (the service rule) or a complaint (the
// complaints rule: the complaints row goes first, then the case as below).

/**
 * A service case with its messages, referrals, account-change requests and their work items and
 * deadlines, the documents on the case and its referrals, and the mail received on it (its own
 * messages, with their attachments and scans). Calls about the case are records of their own (the
 * service rule, by their own date), and mail on a claim too (the claim file): they lose the link,
 * not their existence.
 */
export async function deleteServiceCases(w: SweepWrite, ids: string[]) {
  const { trx, add } = w;
  const perCase = new Map<string, Record<string, number>>();
  const tally = (caseId: string, table: string) => {
    const m = perCase.get(caseId) ?? {};
    m[table] = (m[table] ?? 0) + 1;
    perCase.set(caseId, m);
  };
  const referrals = await trx
    .selectFrom('referrals')
    .select(['id', 'case_id'])
    .where('case_id', 'in', ids)
    .execute();
  for (const r of referrals) tally(r.case_id, 'referrals');
  await deleteWorkItems(w, ['service_case', 'referral'], [...ids, ...referrals.map((r) => r.id)]);
  const changes = await trx
    .selectFrom('account_change_requests')
    .select(['id', 'case_id'])
    .where('case_id', 'in', ids)
    .execute();
  for (const c of changes) tally(c.case_id, 'account_change_requests');
  if (changes.length > 0) {
    // The contact history is swept by its own date; a younger row only loses its link.
    await trx
      .updateTable('customer_contact_history')
      .set({ change_request_id: null })
      .where(
        'change_request_id',
        'in',
        changes.map((c) => c.id),
      )
      .execute();
    add(
      'account_change_requests',
      (await trx.deleteFrom('account_change_requests').where('case_id', 'in', ids).executeTakeFirst())
        .numDeletedRows,
    );
  }
  add(
    'referrals',
    (await trx.deleteFrom('referrals').where('case_id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
  const messages = await trx
    .deleteFrom('case_messages')
    .where('case_id', 'in', ids)
    .returning('case_id')
    .execute();
  for (const m of messages) tally(m.case_id, 'case_messages');
  add('case_messages', messages.length);
  await deleteDocumentsOn(w, 'service_case', ids);
  await deleteDocumentsOn(
    w,
    'referral',
    referrals.map((r) => r.id),
  );
  const mail = await trx
    .selectFrom('inbound_messages')
    .select(['id', 'case_id'])
    .where('case_id', 'in', ids)
    .where('claim_id', 'is', null)
    .execute();
  for (const m of mail) if (m.case_id) tally(m.case_id, 'inbound_messages');
  await deleteInboundMessages(
    w,
    mail.map((m) => m.id),
  );
  await trx.updateTable('calls').set({ case_id: null }).where('case_id', 'in', ids).execute();
  await trx.updateTable('inbound_messages').set({ case_id: null }).where('case_id', 'in', ids).execute();
  add(
    'service_cases',
    (await trx.deleteFrom('service_cases').where('id', 'in', ids).executeTakeFirst()).numDeletedRows,
  );
  return perCase;
}
