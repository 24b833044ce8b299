import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadCaseByRef } from '../cases/index.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type AccountChangeView, toAccountChangeView } from './account-change-schemas.ts';
import { loadAccountChange } from './load-account-change.ts';

export async function getAccountChange(opts: {
  db: Kysely<DB>;
  actor: Actor;
  id: string;
}): Promise<AccountChangeView> {
  assertCan(opts.actor, 'cases:read');
  const { request, serviceCase } = await loadAccountChange(opts.db, opts.id, opts.actor);
  return toAccountChangeView(request, serviceCase, opts.actor);
}

/** The changes recorded on one case, oldest first. */
export async function listCaseAccountChanges(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
}): Promise<AccountChangeView[]> {
  assertCan(opts.actor, 'cases:read');
  const serviceCase = await loadCaseByRef(opts.db, opts.ref, opts.actor);
  const rows = await opts.db
    .selectFrom('account_change_requests')
    .selectAll()
    .where('case_id', '=', serviceCase.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => toAccountChangeView(row, serviceCase, opts.actor));
}
