import { z } from 'zod';
import { COMPLAINT_CAUSE_CODES } from './complaint-causes.ts';

// The complaint API's shapes: what opening a complaint and giving the final answer take, what a
// complaint looks like, and one register row.

const Text = (max: number) => z.string().trim().min(1).max(max);

export const COMPLAINT_CHANNELS = ['phone', 'email', 'letter', 'portal', 'in_person'] as const;
export const COMPLAINT_OUTCOMES = ['upheld', 'partially_upheld', 'rejected'] as const;

const isCurrency = (c: string) => Intl.supportedValuesOf('currency').includes(c);

export const NewComplaintSchema = z
  .object({
    customerId: z
      .uuid()
      .optional()
      .describe('Staff: the complaining customer (required). A customer: omit it, or give your own id'),
    causeCategory: z.enum(COMPLAINT_CAUSE_CODES).describe('What the complaint is about (docs/complaints.md)'),
    productCode: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .describe('The product complained about, when no claim or policy says it'),
    claimId: z.uuid().optional().describe('The claim complained about (one of the customer’s)'),
    policyId: z.uuid().optional().describe('The policy complained about (one of the customer’s)'),
    channel: z.enum(COMPLAINT_CHANNELS).describe('How the complaint reached us'),
    description: Text(10_000).describe('The complaint in the customer’s words'),
    requestedRemedy: Text(2_000).describe('What the customer asks us to do'),
  })
  .strict()
  .meta({ id: 'NewComplaint' });
export type NewComplaint = z.input<typeof NewComplaintSchema>;

export const FinalAnswerSchema = z
  .object({
    answer: Text(20_000).describe('The final answer, as the customer will read it'),
    outcome: z.enum(COMPLAINT_OUTCOMES),
    compensationMinor: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000_000)
      .optional()
      .describe('Compensation in minor units (öre, cents), with compensationCurrency'),
    compensationCurrency: z
      .string()
      .refine(isCurrency, 'an ISO 4217 currency code, e.g. SEK or EUR')
      .optional(),
    version: z
      .number()
      .int()
      .min(1)
      .describe('The case version you saw (409 version_conflict when it changed)'),
  })
  .strict()
  .superRefine((a, ctx) => {
    if ((a.compensationMinor === undefined) !== (a.compensationCurrency === undefined)) {
      const missing = a.compensationMinor === undefined ? 'compensationMinor' : 'compensationCurrency';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'Give the compensation amount and its currency together.',
      });
    }
    if (a.outcome === 'rejected' && (a.compensationMinor ?? 0) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['compensationMinor'],
        message: 'A rejected complaint pays no compensation; a goodwill payment makes it partially upheld.',
      });
    }
  })
  .meta({ id: 'ComplaintFinalAnswer' });
export type FinalAnswerInput = z.input<typeof FinalAnswerSchema>;

export const ComplaintSchema = z
  .object({
    caseId: z.uuid(),
    caseNumber: z.string(),
    customerId: z.uuid(),
    customerNumber: z.string(),
    status: z.string().describe('The service case status (open … resolved, closed, withdrawn)'),
    version: z.number().int().describe('The service case version (send it with the final answer)'),
    jurisdiction: z.enum(['SE', 'IT']),
    causeCategory: z.string(),
    causeCategoryLabel: z.string().describe('In English'),
    productCode: z.string().nullable(),
    claimId: z.uuid().nullable(),
    policyId: z.uuid().nullable(),
    channel: z.string(),
    description: z.string(),
    requestedRemedy: z.string(),
    receivedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    answerPolicy: z.string().nullable().describe('The deadline policy of the answer clock'),
    dueAt: z.string().nullable().describe('When the answer is due (the clock’s due instant)'),
    dueOn: z.string().nullable().describe('The last day to answer, in the jurisdiction’s calendar'),
    finalAnswer: z.string().nullable(),
    finalAnswerAt: z.string().nullable(),
    outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
    compensationMinor: z.number().int().nullable(),
    compensationCurrency: z.string().nullable(),
    answeredWithinDeadline: z.enum(['yes', 'no', 'open']),
  })
  .meta({ id: 'Complaint' });
export type ComplaintView = z.infer<typeof ComplaintSchema>;

export const RegisterRowSchema = z
  .object({
    caseNumber: z.string(),
    receivedOn: z.string(),
    channel: z.string(),
    jurisdiction: z.enum(['SE', 'IT']),
    customerNumber: z.string(),
    productCode: z.string().nullable(),
    causeCategory: z.string(),
    causeCategoryLabel: z.string(),
    ivassArea: z.string(),
    requestedRemedy: z.string(),
    acknowledgedOn: z.string().nullable(),
    daysToAcknowledge: z.number().int().nullable(),
    finalAnswerOn: z.string().nullable(),
    daysToAnswer: z.number().int().nullable(),
    deadlineOn: z.string().nullable(),
    answeredWithinDeadline: z.enum(['yes', 'no', 'open']),
    outcome: z.string().nullable(),
    compensationAmount: z.string().nullable().describe('Decimal, e.g. 1500.00'),
    compensationCurrency: z.string().nullable(),
    status: z.string(),
  })
  .meta({ id: 'ComplaintRegisterRow' });
