import { z } from 'zod';

// The summary of a bulk registration (POST /claims/bulk, `claimdesk assess FILE.ndjson`).

const Count = z.number().int().min(0);

export const BulkLineErrorSchema = z
  .object({
    line: z.number().int().positive().describe('Line number in the file, from 1; blank lines count'),
    path: z.string().describe('Field path inside the line, e.g. lines.0.currency; empty for the whole line'),
    code: z.string().describe('e.g. malformed_json, invalid_type, policy_not_found, currency_mismatch'),
    message: z.string(),
  })
  .meta({ id: 'BulkLineError' });

export const BulkClaimRegistrationSchema = z
  .object({
    lines: Count.describe('Non-blank lines read'),
    registered: Count.describe('Claims registered and assessed by this request'),
    alreadyImported: Count.describe(
      'Lines whose externalRef was registered before: skipped, so re-sending is safe',
    ),
    invalidLines: Count.describe('Lines with at least one error: skipped (the good lines are registered)'),
    invalid: z.array(BulkLineErrorSchema).describe('Errors in line order; at most 1000'),
    omittedErrors: Count.describe('Errors beyond the first 1000, counted but not listed'),
    straightThrough: Count.describe('Registered claims decided without a person'),
    byRecommendation: z
      .object({
        approve: Count,
        partial: Count,
        deny: Count,
        request_information: Count,
        refer: Count,
      })
      .describe("Registered claims by the assessment's recommendation"),
    batches: Count.describe('Transactions committed'),
    retriedBatches: Count.describe(
      'Batches whose transaction failed once (e.g. a concurrent writer) and was retried',
    ),
    repreparedBatches: Count.describe(
      'Batches assessed again inside their transaction because a concurrent change touched their customers',
    ),
  })
  .meta({ id: 'BulkClaimRegistration' });
