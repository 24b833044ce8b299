import { z } from 'zod';
import type { PaymentBatchRow } from '../../db/schema.ts';

// What the payment-batch endpoints take and return (routes, CLI and use cases share them).

const IsoDate = z.iso.date();
const Version = z.number().int().min(1).describe('The version you read; 409 version_conflict when stale');

export const NewPaymentBatchSchema = z
  .object({
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as SEK or EUR')
      .describe('Every ready order in this currency is taken'),
    executionDate: IsoDate.optional().describe(
      'Requested execution date; default and minimum: the latest date of the orders taken',
    ),
  })
  .strict()
  .meta({ id: 'NewPaymentBatch' });
export type NewPaymentBatch = z.infer<typeof NewPaymentBatchSchema>;

export const BatchStepSchema = z.object({ version: Version }).strict().meta({ id: 'PaymentBatchStep' });
export type BatchStep = z.infer<typeof BatchStepSchema>;

export const CancelBatchSchema = z
  .object({ version: Version, reason: z.string().trim().min(1).max(500).optional() })
  .strict()
  .meta({ id: 'PaymentBatchCancellation' });
export type CancelBatch = z.infer<typeof CancelBatchSchema>;

export const BatchListQuerySchema = z
  .object({
    status: z.enum(['awaiting_approval', 'approved', 'released', 'cancelled']).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
  })
  .strict();
export type BatchListQuery = z.input<typeof BatchListQuerySchema>;

export const PaymentBatchSchema = z
  .object({
    id: z.uuid(),
    batchNumber: z.string().describe('PBT-YYYY-NNNNNN; also the PmtInfId of the file'),
    messageId: z.string().describe('GrpHdr/MsgId of the pain.001 file, unique across batches'),
    currency: z.string(),
    requestedExecutionDate: z.string(),
    debtor: z.object({ name: z.string(), iban: z.string(), bic: z.string().nullable() }),
    paymentCount: z.number().int(),
    controlSumMinor: z.number().int().describe('Σ of the orders (principal + interest), minor units'),
    status: z.enum(['awaiting_approval', 'approved', 'released', 'cancelled']),
    needsSecondApproval: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    releasedBy: z.string().nullable(),
    releasedAt: z.string().nullable(),
    fileSha256: z.string().nullable().describe('SHA-256 of the released file (GET …/file)'),
    version: z.number().int(),
  })
  .meta({ id: 'PaymentBatch' });
export type PaymentBatchView = z.infer<typeof PaymentBatchSchema>;

export const PaymentBatchPageSchema = z.object({
  items: z.array(PaymentBatchSchema),
  nextCursor: z.string().nullable(),
});

export function toPaymentBatchView(row: PaymentBatchRow): PaymentBatchView {
  return {
    id: row.id,
    batchNumber: row.batch_number,
    messageId: row.message_id,
    currency: row.currency,
    requestedExecutionDate: row.requested_execution_date,
    debtor: { name: row.debtor_name, iban: row.debtor_iban, bic: row.debtor_bic },
    paymentCount: row.payment_count,
    controlSumMinor: row.control_sum_minor,
    status: row.status,
    needsSecondApproval: row.needs_second_approval,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    approvedBy: row.approved_by,
    approvedAt: row.approved_at?.toISOString() ?? null,
    releasedBy: row.released_by,
    releasedAt: row.released_at?.toISOString() ?? null,
    fileSha256: row.file_sha256,
    version: row.version,
  };
}
