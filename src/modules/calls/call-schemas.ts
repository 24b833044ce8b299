import { z } from 'zod';
import type { CallRow } from '../../db/schema.ts';

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export const CALL_OUTCOMES = [
  'answered',
  'resolved',
  'callback_needed',
  'no_answer',
  'voicemail',
  'transferred',
] as const;

const Instant = z.iso.datetime({ offset: true }).describe('ISO 8601 instant with its offset');
const Notes = z.string().trim().max(4000);

export const NewCallSchema = z
  .object({
    direction: z.enum(CALL_DIRECTIONS),
    phoneNumber: z
      .string()
      .max(40)
      .describe("The caller's (or called) number as typed: 070-123 45 67, +39 02 1234 5678; stored as E.164"),
    country: z
      .enum(['SE', 'IT'])
      .optional()
      .describe("How to read a number without country code; default: the customer's country, else SE"),
    startedAt: Instant.optional().describe('Default: now'),
    outcome: z.enum(CALL_OUTCOMES).optional().describe('Default: answered'),
    customerId: z.uuid().optional().describe('Omitted: a caller not (yet) identified'),
    claimId: z.uuid().optional().describe("One of the customer's claims the call was about"),
    caseId: z.uuid().optional().describe("One of the customer's service cases the call was about"),
    notes: Notes.optional(),
  })
  .strict()
  .meta({ id: 'NewCall' });
export type NewCall = z.input<typeof NewCallSchema>;

export const CallUpdateSchema = z
  .object({
    version: z.number().int().positive().describe('The version read; another is 409 version_conflict'),
    endedAt: Instant.nullable().optional(),
    outcome: z.enum(CALL_OUTCOMES).optional(),
    notes: Notes.nullable().optional(),
    claimId: z.uuid().nullable().optional().describe('null: unlink'),
    caseId: z.uuid().nullable().optional().describe('null: unlink'),
  })
  .strict()
  .meta({ id: 'CallUpdate' });
export type CallUpdate = z.input<typeof CallUpdateSchema>;

export const CallSchema = z
  .object({
    id: z.uuid(),
    customerId: z.uuid().nullable(),
    direction: z.enum(CALL_DIRECTIONS),
    phoneNumber: z.string().describe('E.164'),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    durationSeconds: z.number().int().nullable(),
    outcome: z.enum(CALL_OUTCOMES),
    notes: z.string().nullable(),
    claimId: z.uuid().nullable(),
    caseId: z.uuid().nullable(),
    handledBy: z.uuid().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Call' });
export type CallView = z.infer<typeof CallSchema>;

export function toCallView(row: CallRow): CallView {
  return {
    id: row.id,
    customerId: row.customer_id,
    direction: row.direction,
    phoneNumber: row.phone_number,
    startedAt: row.started_at.toISOString(),
    endedAt: row.ended_at?.toISOString() ?? null,
    durationSeconds: row.ended_at
      ? Math.round((row.ended_at.getTime() - row.started_at.getTime()) / 1000)
      : null,
    outcome: row.outcome,
    notes: row.notes,
    claimId: row.claim_id,
    caseId: row.case_id,
    handledBy: row.handled_by,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

const DueAt = z.string().nullable().describe('The nearest running deadline; null: none running');
const OpenClaim = z.object({ id: z.uuid(), claimNumber: z.string(), status: z.string(), dueAt: DueAt });
const OpenCase = z.object({ id: z.uuid(), caseNumber: z.string(), status: z.string(), dueAt: DueAt });

export const ScreenPopSchema = z
  .object({
    number: z.string().describe('The number looked up, as E.164'),
    customers: z.array(
      z.object({
        id: z.uuid(),
        customerNumber: z.string(),
        name: z.string(),
        country: z.string(),
        preferredLanguage: z.string(),
        phone: z.string().nullable().describe('As stored on the customer'),
        openClaims: z.array(OpenClaim),
        openCases: z.array(OpenCase),
        recentContacts: z
          .array(
            z.object({
              kind: z.enum(['call', 'inbound', 'outbound']),
              id: z.uuid(),
              at: z.string(),
              channel: z.string(),
              summary: z.string().nullable(),
            }),
          )
          .describe('The last 5: calls, emails and letters received, notices sent'),
      }),
    ),
  })
  .meta({ id: 'ScreenPop' });
export type ScreenPop = z.infer<typeof ScreenPopSchema>;
