import { z } from 'zod';

// What an import of a camt.054 file did, transaction by transaction: stored in
// bank_notifications.report and returned by the import and by GET /bank-notifications/{id}.

export const ReportLineSchema = z
  .object({
    position: z.string().describe('notification/entry/transaction in the file, 1-based: "1/3/1"'),
    entryKey: z.string().describe('The bank’s reference (ref:…) or a digest of the entry (sha256:…)'),
    endToEndId: z.string().nullable(),
    outcome: z.enum(['settled', 'returned', 'rejected', 'ignored']).describe('What the bank reported'),
    amountMinor: z.number().int().nullable(),
    currency: z.string().nullable(),
    bookingDate: z.string().nullable(),
    reasonCode: z.string().nullable(),
    paymentId: z.string().nullable(),
    paymentNumber: z.string().nullable(),
    why: z.string().nullable().describe('Why it was not applied (ignored, unknown, mismatched)'),
    expectedAmountMinor: z.number().int().nullable(),
    expectedCurrency: z.string().nullable(),
  })
  .meta({ id: 'BankNotificationReportLine' });

export type ReportLine = z.infer<typeof ReportLineSchema>;

export const BankNotificationReportSchema = z
  .object({
    notificationId: z.string(),
    messageId: z.string(),
    fileSha256: z.string(),
    importedAt: z.string(),
    importedBy: z.string().nullable(),
    entries: z.number().int().describe('Transactions in the file'),
    applied: z.array(ReportLineSchema).describe('Applied to their payment: settled, returned or rejected'),
    ignored: z
      .array(ReportLineSchema)
      .describe('Not applied, with why: pending, already imported, repeated, not applicable to the status'),
    unknown: z.array(ReportLineSchema).describe('No payment of ours has this end-to-end id'),
    mismatched: z.array(ReportLineSchema).describe('Amount or currency differs from the payment’s'),
  })
  .meta({ id: 'BankNotificationReport' });

export type BankNotificationReport = z.infer<typeof BankNotificationReportSchema>;

export const BankNotificationSummarySchema = z
  .object({
    id: z.string(),
    messageId: z.string(),
    fileSha256: z.string(),
    importedAt: z.string(),
    importedBy: z.string().nullable(),
    entries: z.number().int(),
    applied: z.number().int(),
    ignored: z.number().int(),
    unknown: z.number().int(),
    mismatched: z.number().int(),
  })
  .meta({ id: 'BankNotificationSummary' });

export type BankNotificationSummary = z.infer<typeof BankNotificationSummarySchema>;
