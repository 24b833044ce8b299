import type { Kysely } from 'kysely';
import {
  claimIdempotencyKey,
  type IdempotencyKey,
  requestHash,
  storeIdempotentResponse,
} from '../../db/idempotency.ts';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { newId } from '../../lib/ids.ts';
import { parseInput } from '../../lib/parse-input.ts';
import type { IdempotentResult } from '../../server/idempotent-route.ts';
import { recordAuditEvents } from '../audit/index.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { type Actor, actorId } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { type ClaimNoteView, type NewClaimNote, NewClaimNoteSchema } from './claim-note-schemas.ts';
import { authorNames, toClaimNoteView } from './list-claim-notes.ts';

/**
 * Adds an internal note to a claim, for the people who handle it. The customer never sees it; the
 * audit trail records that a note was written (not its words, which stay on the note). With an
 * Idempotency-Key a retry (a timed-out save) returns the first note instead of writing it twice.
 */
export async function addClaimNote(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
  input: NewClaimNote;
  idempotencyKey?: string | undefined;
}): Promise<IdempotentResult<ClaimNoteView>> {
  const { actor } = opts;
  assertCan(actor, 'claims:handle');
  const input = parseInput(NewClaimNoteSchema, opts.input);
  const key: IdempotencyKey | null = opts.idempotencyKey
    ? { scope: `claims.note:${actorId(actor) ?? 'system'}`, key: opts.idempotencyKey }
    : null;
  const hash = requestHash({ ref: opts.ref.trim().toUpperCase(), input });
  return inTransaction(opts.db, async (trx) => {
    if (key) {
      const replay = await claimIdempotencyKey<ClaimNoteView>(trx, key, hash);
      if (replay) return { status: 200, body: replay.body, replayed: true }; // decision 0005: a replay is 200
    }
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
    const body = toClaimNoteView(row, await authorNames(trx, [row]));
    if (key) await storeIdempotentResponse(trx, key, 201, body);
    return { status: 201, body, replayed: false };
  });
}
