import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, InformationItem } from '../../db/schema.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { DOCUMENT_KINDS } from '../products/product-config-schema.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';

// A claim's requests for information with what came back: the customer's written answers, the
// kinds of document they said they sent, and the files that reached the claim while the request
// was open. The answer is stored on the request (answer-information-request.ts); this is its read.

const StoredAnswerSchema = z.object({
  documents: z.array(z.string()).default([]),
  answers: z.array(z.string()).default([]),
  note: z.string().nullable().default(null),
});

export const InformationRequestViewSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['open', 'answered', 'expired', 'cancelled']),
    items: z.array(
      z.union([
        z.object({ kind: z.literal('document'), document: z.string() }),
        z.object({ kind: z.literal('question'), text: z.string() }),
      ]),
    ),
    channel: z.enum(['portal', 'email', 'letter']),
    dueOn: z.string(),
    remindersSent: z.number().int(),
    requestedBy: z.uuid().nullable().describe('null: the assessment asked'),
    createdAt: z.string(),
    answeredAt: z.string().nullable(),
    answerChannel: z.enum(['portal', 'email', 'letter', 'phone']).nullable(),
    answer: z
      .object({
        answers: z.array(z.string()).describe("The customer's written answers, as they wrote them"),
        documentKinds: z.array(z.string()).describe('The kinds of document the answer says were sent'),
        note: z.string().nullable().describe('A note recorded with an answer taken by phone or letter'),
      })
      .nullable()
      .describe('null until answered'),
    documents: z
      .array(
        z.object({
          id: z.uuid(),
          filename: z.string(),
          kind: z.enum(DOCUMENT_KINDS).nullable(),
          mediaType: z.string(),
          source: z.string(),
          createdAt: z.string(),
        }),
      )
      .describe(
        'Files the customer sent to the claim while the request was open (from its creation to the ' +
          'answer, or to the next request); a file identical to one already on the claim is not a new ' +
          'document and is not listed again',
      ),
  })
  .meta({ id: 'InformationRequestView' });
export type InformationRequestView = z.infer<typeof InformationRequestViewSchema>;

/** Channels through which the customer's side sends files (not staff uploads or our letters). */
const FROM_CUSTOMER = ['portal', 'email', 'letter', 'scan', 'api'] as const;

/** Oldest first, as the conversation went. Readable by whoever may read the claim. */
export async function listInformationRequests(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
}): Promise<InformationRequestView[]> {
  assertCan(opts.actor, 'claims:read');
  const claim = await findClaimRow(opts.db, opts.actor, opts.ref);
  const requests = await opts.db
    .selectFrom('information_requests')
    .selectAll()
    .where('claim_id', '=', claim.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (requests.length === 0) return [];
  const documents = await opts.db
    .selectFrom('documents')
    .select(['id', 'filename', 'kind', 'media_type', 'source', 'created_at'])
    .where('entity_type', '=', 'claim')
    .where('entity_id', '=', claim.id)
    .where('source', 'in', FROM_CUSTOMER)
    .where('created_at', '>=', requests[0]?.created_at ?? new Date(0))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return requests.map((r, i) => {
    // A file belongs to the request that was open when it came: from its creation to its answer,
    // else to the next request (an expired or cancelled one), else to now.
    const from = r.created_at.getTime();
    const until =
      r.answered_at?.getTime() ?? requests[i + 1]?.created_at.getTime() ?? Number.POSITIVE_INFINITY;
    const stored = r.answer === null ? null : StoredAnswerSchema.safeParse(r.answer);
    return {
      id: r.id,
      status: r.status,
      items: r.items as InformationItem[],
      channel: r.channel,
      dueOn: r.due_on,
      remindersSent: r.reminders_sent,
      requestedBy: r.requested_by,
      createdAt: r.created_at.toISOString(),
      answeredAt: r.answered_at?.toISOString() ?? null,
      answerChannel: r.answer_channel,
      answer: stored?.success
        ? { answers: stored.data.answers, documentKinds: stored.data.documents, note: stored.data.note }
        : null,
      documents: documents
        .filter((d) => d.created_at.getTime() >= from && d.created_at.getTime() <= until)
        .map((d) => ({
          id: d.id,
          filename: d.filename,
          kind: (d.kind ?? null) as InformationRequestView['documents'][number]['kind'],
          mediaType: d.media_type,
          source: d.source,
          createdAt: d.created_at.toISOString(),
        })),
    };
  });
}
