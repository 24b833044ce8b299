import type { Kysely, Selectable } from 'kysely';
import type { ClaimNotesTable, DB } from '../../db/schema.ts';
import type { Executor } from '../../db/transaction.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import type { ClaimNoteView } from './claim-note-schemas.ts';

type NoteRow = Selectable<ClaimNotesTable>;

/** The notes of a claim, newest first: staff only (a customer is refused by the permission). */
export async function listClaimNotes(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
}): Promise<ClaimNoteView[]> {
  // Internal notes are part of the staff's whole picture of a customer, as the timeline is.
  assertCan(opts.actor, 'timeline:read');
  const claim = await findClaimRow(opts.db, opts.actor, opts.ref);
  const rows = await opts.db
    .selectFrom('claim_notes')
    .selectAll()
    .where('claim_id', '=', claim.id)
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const names = await authorNames(opts.db, rows);
  return rows.map((r) => toClaimNoteView(r, names));
}

export async function authorNames(db: Executor, rows: NoteRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.author_id).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const users = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [u.id, u.display_name]));
}

export function toClaimNoteView(row: NoteRow, names: Map<string, string>): ClaimNoteView {
  return {
    id: row.id,
    claimId: row.claim_id,
    body: row.body,
    authorId: row.author_id,
    authorName: row.author_id ? (names.get(row.author_id) ?? null) : null,
    createdAt: row.created_at.toISOString(),
  };
}
