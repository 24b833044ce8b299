import { z } from 'zod';
import { assessmentOutcomeFields } from '../claims/claim-schemas.ts';

// The answer of POST /claims/assessment-preview: the engine's Assessment of an unsaved draft, in
// the shape of a stored claim assessment minus what only a stored one has (id, seq, trigger).

export const AssessmentPreviewSchema = z
  .object({
    saved: z.literal(false).describe('Always false: a preview writes nothing'),
    straightThrough: z
      .boolean()
      .describe('Whether registering this draft now would be decided without a person'),
    ...assessmentOutcomeFields,
    language: z.enum(['sv', 'it', 'en']).describe("The customer's preferred language"),
    productVersion: z.number().int(),
  })
  .meta({ id: 'AssessmentPreview' });

export type AssessmentPreview = z.infer<typeof AssessmentPreviewSchema>;
