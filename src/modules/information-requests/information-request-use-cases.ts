import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../lib/errors.ts';
import { parseInput } from '../../lib/parse-input.ts';
import { loadAssessmentContext } from '../assessment-store/load-assessment-context.ts';
import { recordAuditEvents } from '../audit/index.ts';
import type { ClaimView } from '../claims/claim-schemas.ts';
import { findClaimRow } from '../claims/find-claims.ts';
import { loadClaimView } from '../claims/load-claim-views.ts';
import { DOCUMENT_KINDS } from '../products/product-config-schema.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan } from '../users/permissions.ts';
import { applyInformationAnswer } from './answer-information-request.ts';
import { informationTerms } from './information-request-terms.ts';
import { openInformationRequest } from './open-information-request.ts';

export const InformationItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), document: z.enum(DOCUMENT_KINDS) }).strict(),
  z.object({ kind: z.literal('question'), text: z.string().trim().min(3).max(1000) }).strict(),
]);

export const NewInformationRequestSchema = z
  .object({
    version: z.number().int().min(1).describe("The claim's version you saw (409 when it changed)"),
    items: z.array(InformationItemSchema).min(1).max(20),
    dueOn: z.iso.date().optional().describe("Final day to answer; default from the product's terms"),
    channel: z
      .enum(['portal', 'email', 'letter'])
      .optional()
      .describe("Default: the customer's usual channel"),
  })
  .strict()
  .meta({ id: 'NewInformationRequest' });

export const InformationAnswerSchema = z
  .object({
    channel: z
      .enum(['portal', 'email', 'letter', 'phone'])
      .optional()
      .describe('How the answer came; a customer answering in the portal is always `portal`'),
    documents: z.array(z.enum(DOCUMENT_KINDS)).max(40).default([]),
    answers: z.array(z.string().trim().min(1).max(5000)).max(20).default([]),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((a) => a.documents.length + a.answers.length > 0, {
    message: 'An answer carries at least one document or one answer text.',
    path: ['documents'],
  })
  .meta({ id: 'InformationAnswer' });

const ASKABLE = new Set(['in_review', 'appealed']);

/** The representative asks the customer for items: see openInformationRequest for the effects. */
export async function requestInformation(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
  input: z.input<typeof NewInformationRequestSchema>;
}): Promise<ClaimView> {
  assertCan(opts.actor, 'claims:handle');
  const input = parseInput(NewInformationRequestSchema, opts.input);
  return inTransaction(opts.db, async (trx) => {
    const claim = await findClaimRow(trx, opts.actor, opts.ref, { forUpdate: true });
    if (claim.version !== input.version) {
      throw new AppError(
        'version_conflict',
        `Claim ${claim.claim_number} is at version ${claim.version}, not ${input.version}.`,
        {
          extra: { currentVersion: claim.version },
        },
      );
    }
    if (!ASKABLE.has(claim.status)) {
      throw new AppError(
        'claim_transition_not_allowed',
        `A claim that is ${claim.status} cannot wait for information.`,
        {
          extra: { from: claim.status, to: 'awaiting_information' },
        },
      );
    }
    const context = await loadAssessmentContext(trx, claim.id);
    const { events } = await openInformationRequest(trx, {
      claim,
      items: input.items,
      terms: informationTerms(context.product.config),
      actor: opts.actor,
      dueOn: input.dueOn,
      channel: input.channel,
    });
    await recordAuditEvents(trx, claim.customer_id, events);
    return loadClaimView(trx, await findClaimRow(trx, opts.actor, claim.id));
  });
}

/** The customer's answer (portal), or one that came by email, letter or phone recorded by staff. */
export async function answerInformationRequest(opts: {
  db: Kysely<DB>;
  actor: Actor;
  ref: string;
  input: z.input<typeof InformationAnswerSchema>;
}): Promise<ClaimView> {
  const { actor } = opts;
  assertCan(actor, 'information:answer');
  const parsed = parseInput(InformationAnswerSchema, opts.input);
  const isCustomer = actor.kind === 'user' && actor.role === 'customer';
  const channel = isCustomer ? 'portal' : (parsed.channel ?? 'letter');
  return inTransaction(opts.db, async (trx) => {
    const claim = await findClaimRow(trx, actor, opts.ref, { forUpdate: true });
    const { events } = await applyInformationAnswer(trx, {
      claim,
      answer: { channel, documents: parsed.documents, answers: parsed.answers, note: parsed.note },
      actor,
    });
    await recordAuditEvents(trx, claim.customer_id, events);
    return loadClaimView(trx, await findClaimRow(trx, actor, claim.id));
  });
}
