import { z } from 'zod';
import type { Localized, ReferralRow, WorkItemDeadlineState } from '../../db/schema.ts';
import { REFERRAL_STATUSES } from './referral-lifecycle.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z
  .number()
  .int()
  .positive()
  .describe('The referral version you saw; a stale one is refused with 409 version_conflict');
const DocumentIds = z
  .array(z.uuid())
  .max(20)
  .describe("Documents of the case's customer to send along (POST /documents first)");

export const NewReferralSchema = z
  .object({
    department: z.string().min(2).max(40).describe('Department code (GET /departments)'),
    question: Text(5000).describe('What the department should answer'),
    documentIds: DocumentIds.optional(),
    urgency: z
      .enum(['standard', 'urgent'])
      .default('standard')
      .describe('standard: 3 business days; urgent: 4 business hours'),
  })
  .strict()
  .meta({ id: 'NewReferral' });
export type NewReferral = z.input<typeof NewReferralSchema>;

export const AcceptReferralSchema = z.object({ version: Version }).strict().meta({ id: 'ReferralAccept' });
export const AnswerReferralSchema = z
  .object({ version: Version, answer: Text(10_000), documentIds: DocumentIds.optional() })
  .strict()
  .meta({ id: 'ReferralAnswer' });
export const ReturnReferralSchema = z
  .object({
    version: Version,
    reason: Text(2000).describe('Why: wrong department, not enough information, …'),
  })
  .strict()
  .meta({ id: 'ReferralReturn' });
export const CancelReferralSchema = z
  .object({ version: Version, reason: Text(2000).optional() })
  .strict()
  .meta({ id: 'ReferralCancel' });

export const ReferralSchema = z
  .object({
    id: z.uuid(),
    referralNumber: z.string().describe('RFR-YYYY-NNNNNN'),
    caseId: z.uuid(),
    caseNumber: z.string(),
    customerId: z.uuid(),
    department: z.string(),
    departmentName: z.object({ sv: z.string(), it: z.string(), en: z.string() }),
    question: z.string(),
    documentIds: z.array(z.uuid()),
    urgency: z.enum(['standard', 'urgent']),
    status: z.enum(REFERRAL_STATUSES),
    referredBy: z.uuid(),
    acceptedBy: z.uuid().nullable(),
    acceptedAt: z.string().nullable(),
    answer: z.string().nullable(),
    answerDocumentIds: z.array(z.uuid()),
    answeredBy: z.uuid().nullable(),
    answeredAt: z.string().nullable(),
    returnReason: z.string().nullable(),
    returnedBy: z.uuid().nullable(),
    returnedAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    cancelledBy: z.uuid().nullable(),
    cancelledAt: z.string().nullable(),
    workItemId: z.uuid().nullable().describe("The referral's item in the department queue"),
    ownerId: z.uuid().nullable().describe('Who in the department took it (null until accepted)'),
    dueAt: z.string().nullable().describe('When the department must answer; null once it is done'),
    deadlineState: z.enum(['none', 'on_track', 'warning', 'breached', 'paused']),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Referral' });
export type ReferralView = z.infer<typeof ReferralSchema>;

export type ReferralViewExtra = {
  caseNumber: string;
  departmentName: Localized;
  workItem: {
    id: string;
    owner_id: string | null;
    due_at: Date;
    deadline_state: WorkItemDeadlineState;
    open: boolean;
  } | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toReferralView(row: ReferralRow, extra: ReferralViewExtra): ReferralView {
  const item = extra.workItem;
  const hasDue = item?.open && item.due_at.getUTCFullYear() < 9999;
  return {
    id: row.id,
    referralNumber: row.referral_number,
    caseId: row.case_id,
    caseNumber: extra.caseNumber,
    customerId: row.customer_id,
    department: row.department,
    departmentName: extra.departmentName,
    question: row.question,
    documentIds: row.document_ids,
    urgency: row.urgency,
    status: row.status,
    referredBy: row.referred_by,
    acceptedBy: row.accepted_by,
    acceptedAt: iso(row.accepted_at),
    answer: row.answer,
    answerDocumentIds: row.answer_document_ids,
    answeredBy: row.answered_by,
    answeredAt: iso(row.answered_at),
    returnReason: row.return_reason,
    returnedBy: row.returned_by,
    returnedAt: iso(row.returned_at),
    cancelReason: row.cancel_reason,
    cancelledBy: row.cancelled_by,
    cancelledAt: iso(row.cancelled_at),
    workItemId: item?.id ?? null,
    ownerId: item?.owner_id ?? null,
    dueAt: hasDue && item ? item.due_at.toISOString() : null,
    deadlineState: item?.open ? item.deadline_state : 'none',
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
