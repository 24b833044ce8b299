import { z } from 'zod';
import type { InboundMessageRow } from '../../db/schema.ts';
import { NewClaimSchema } from '../claims/index.ts';
import { DocumentSchema } from '../documents/index.ts';

export const INBOUND_STATUSES = ['matched', 'triage', 'rejected'] as const;
export const MATCH_RULES = [
  'reference_in_subject',
  'in_reply_to',
  'references',
  'sender_address',
  'reference_in_text',
  'national_id_in_text',
  'manual',
  'new_claim',
] as const;

export const InboundMessageSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string().describe('MSG-… : how the message is named in queues and notices'),
    channel: z.enum(['email', 'letter']),
    messageId: z
      .string()
      .nullable()
      .describe('RFC 5322 Message-ID (derived from the bytes when it had none)'),
    status: z.enum(INBOUND_STATUSES),
    matchRule: z
      .enum(MATCH_RULES)
      .nullable()
      .describe('Which threading rule linked it (docs/inbound-email.md)'),
    customerId: z.uuid().nullable(),
    claimId: z.uuid().nullable(),
    caseId: z.uuid().nullable(),
    fromAddress: z.string().nullable(),
    subject: z.string().nullable(),
    language: z.enum(['sv', 'it', 'en']).nullable().describe('Guessed from the text; null: not clear'),
    rejectionReason: z.string().nullable().describe('Why the message could not be read (malformed MIME)'),
    sizeBytes: z.number().int(),
    receivedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'InboundMessageSummary' });
export type InboundMessageSummary = z.infer<typeof InboundMessageSummarySchema>;

export const RejectedAttachmentSchema = z.object({
  filename: z.string().nullable(),
  contentType: z.string().nullable(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  reason: z.enum(['too_large', 'dangerous_type', 'archive', 'html', 'type_not_allowed', 'empty']),
  message: z.string(),
});

export const InboundMessageViewSchema = InboundMessageSummarySchema.extend({
  toAddresses: z.array(z.string()),
  bodyText: z
    .string()
    .nullable()
    .describe('The text part (or the text of the HTML part); for a rejected message its first KB'),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  claimNumber: z.string().nullable(),
  caseNumber: z.string().nullable(),
  extracted: z
    .record(z.string(), z.unknown())
    .describe(
      'Numbers found (claimNumbers, caseNumbers, nationalIds, ibans, amounts) and rejectedAttachments',
    ),
  rejectedAttachments: z.array(RejectedAttachmentSchema).describe('Attachments not stored, and why'),
  documents: z.array(DocumentSchema).describe('The attachments kept, as documents of the message'),
  triage: z
    .object({
      workItemId: z.uuid(),
      open: z.boolean(),
      team: z.string().nullable(),
      ownerId: z.uuid().nullable(),
    })
    .nullable()
    .describe('The triage work item, when the message needed one'),
  triagedBy: z.uuid().nullable(),
  triagedAt: z.string().nullable(),
}).meta({ id: 'InboundMessage' });
export type InboundMessageView = z.infer<typeof InboundMessageViewSchema>;

export const InboundListQuerySchema = z
  .object({
    status: z.enum(INBOUND_STATUSES).default('triage'),
    customerId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const InboundPageSchema = z.object({
  items: z.array(InboundMessageSummarySchema),
  nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last'),
});

const Version = z.number().int().positive().describe('The message version you saw; a stale one is a 409');

export const AssignInboundSchema = z
  .object({
    customerId: z.uuid().describe('Whose message it is'),
    claimId: z.uuid().optional().describe('The claim it is about (the customer’s)'),
    caseId: z.uuid().optional().describe('The case it is about (the customer’s, not closed)'),
    version: Version,
  })
  .strict()
  .refine((v) => !(v.claimId && v.caseId), {
    message: 'Link the message to a claim or to a case, not both.',
    path: ['caseId'],
  })
  .meta({ id: 'AssignInboundMessage' });
export type AssignInbound = z.infer<typeof AssignInboundSchema>;

export const ClaimFromInboundSchema = NewClaimSchema.omit({
  channel: true,
  customerId: true,
  externalRef: true,
})
  .extend({
    customerId: z.uuid().optional().describe('Defaults to the message’s customer, else the policy holder'),
    version: Version,
  })
  .meta({ id: 'ClaimFromInboundMessage' });
export type ClaimFromInbound = z.infer<typeof ClaimFromInboundSchema>;

export const ClaimFromInboundResultSchema = z
  .object({
    message: InboundMessageViewSchema,
    claim: z.object({ id: z.uuid(), claimNumber: z.string(), status: z.string(), channel: z.string() }),
  })
  .meta({ id: 'ClaimFromInboundMessageResult' });
export type ClaimFromInboundResult = z.infer<typeof ClaimFromInboundResultSchema>;

/** A short handle for a message in queues and notices: MSG- and the end of its (random) id. */
export function inboundReference(id: string): string {
  return `MSG-${id.replace(/-/g, '').slice(-8).toUpperCase()}`;
}

export function toInboundSummary(row: InboundMessageRow): InboundMessageSummary {
  return {
    id: row.id,
    reference: inboundReference(row.id),
    channel: row.channel,
    messageId: row.message_id,
    status: row.status,
    matchRule: row.match_rule,
    customerId: row.customer_id,
    claimId: row.claim_id,
    caseId: row.case_id,
    fromAddress: row.from_address,
    subject: row.subject,
    language: row.language,
    rejectionReason: row.rejection_reason,
    sizeBytes: row.size_bytes,
    receivedAt: row.received_at.toISOString(),
    version: row.version,
  };
}
