import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type ClaimNoteView, type NewClaimNote, NewClaimNoteSchema } from './claim-note-schemas.ts';
import { authorNames, toClaimNoteView } from './list-claim-notes.ts';

/**
 * Adds an internal note to a claim, for the people who handle it. The customer never sees it; the
 * audit trail records that a note was written (not its words, which stay on the note).
 */
export async function addClaimNote(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
  input: NewClaimNote;
}): Promise<ClaimNoteView> {
  const { actor } = opts;
  assertCan(actor, 'claims:handle');
  const input = parseInput(NewClaimNoteSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const claim = await findClaimRow(trx, actor, opts.ref);
    const row = await trx
      .insertInto('claim_notes')
      .values({
        id: newId(),
        claim_id: claim.id,
        customer_id: claim.customer_id,
        author_id: actorId(actor),
        body: input.body,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvents(trx, claim.customer_id, [
      {
        actor,
        action: 'claim.note_added',
        entityType: 'claim',
        entityId: claim.id,
        customerId: claim.customer_id,
        data: { noteId: row.id, claimNumber: claim.claim_number },
      },
    ]);
    return toClaimNoteView(row, await authorNames(trx, [row]));
  });
}
