import { z } from 'zod';
import type { Address, DeliveryRow } from '../../db/schema.ts';

// What the API shows of deliveries (outbound emails and letters) and print batches.

const RecipientSchema = z
  .object({
    name: z.string().optional(),
    email: z.string().optional(),
    address: z
      .object({ street: z.string(), postalCode: z.string(), city: z.string(), country: z.string() })
      .optional(),
  })
  .meta({ id: 'DeliveryRecipient' });

export const DeliverySchema = z
  .object({
    id: z.uuid(),
    notificationId: z.uuid(),
    customerId: z.uuid().nullable(),
    channel: z.enum(['email', 'letter']),
    template: z.string().describe('The letter template, e.g. decision_denial'),
    language: z.enum(['sv', 'it', 'en']),
    recipient: RecipientSchema,
    subject: z.string(),
    body: z.string().nullable().describe('The text as sent (the email body; the text of a letter)'),
    status: z
      .enum(['pending', 'sent', 'outbox', 'failed', 'printed'])
      .describe(
        'email: pending → sent, or outbox without SMTP, or failed after its attempts; letter: pending (ready to print) → printed',
      ),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    note: z
      .string()
      .nullable()
      .describe('Why it went otherwise than the notice said (e.g. a letter: no email address)'),
    messageId: z.string().nullable().describe('Our Message-ID: replies thread back by it'),
    documentId: z.uuid().nullable().describe('The letter as PDF (letters, and decisions sent by email)'),
    printBatchId: z.uuid().nullable(),
    sentAt: z.string().nullable(),
    printedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Delivery' });
export type DeliveryView = z.infer<typeof DeliverySchema>;

export function toDeliveryView(row: DeliveryRow): DeliveryView {
  const recipient = row.recipient as { name?: string; email?: string; address?: Address };
  return {
    id: row.id,
    notificationId: row.notification_id,
    customerId: row.customer_id,
    channel: row.channel,
    template: row.template,
    language: row.language,
    recipient,
    subject: row.subject,
    body: row.body,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    note: row.note,
    messageId: row.smtp_message_id,
    documentId: row.document_id,
    printBatchId: row.print_batch_id,
    sentAt: row.sent_at?.toISOString() ?? null,
    printedAt: row.printed_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export const OutboxQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.uuid().optional().describe('nextCursor of the previous page'),
  })
  .strict();
export type OutboxQuery = z.infer<typeof OutboxQuerySchema>;

export const OutboxPageSchema = z
  .object({ items: z.array(DeliverySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'OutboxPage' });

export const PrintBatchSchema = z
  .object({
    id: z.uuid(),
    letters: z.number().int(),
    documentId: z.uuid().describe('One PDF with every letter, in order'),
    deliveryIds: z.array(z.uuid()),
    createdBy: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'PrintBatch' });
export type PrintBatchView = z.infer<typeof PrintBatchSchema>;

export const NewPrintBatchSchema = z
  .object({
    maxLetters: z
      .number()
      .int()
      .min(1)
      .max(500)
      .optional()
      .describe('At most this many letters, oldest first (default and ceiling 500)'),
  })
  .strict()
  .meta({ id: 'NewPrintBatch' });
export type NewPrintBatch = z.infer<typeof NewPrintBatchSchema>;
