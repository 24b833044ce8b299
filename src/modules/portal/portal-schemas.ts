import { z } from 'zod';

// What the portal reads about one claim beyond the claim itself: the letters sent about it (a
// decision letter is a PDF document the customer may download) and the latest request for
// information, so that the customer sees exactly what was asked and by when.

export const ClaimLetterSchema = z
  .object({
    deliveryId: z.uuid(),
    documentId: z.uuid().describe('Download with GET /documents/{documentId}/content'),
    filename: z.string(),
    channel: z
      .enum(['email', 'letter'])
      .describe('How it went out: an email carrying the letter, or on paper'),
    template: z.string().describe('Which letter, e.g. decision_approval, decision_denial'),
    subject: z.string(),
    language: z.enum(['sv', 'it', 'en']),
    createdAt: z.string(),
  })
  .meta({ id: 'ClaimLetter' });

export const ClaimLettersSchema = z
  .object({ claimNumber: z.string(), items: z.array(ClaimLetterSchema) })
  .meta({ id: 'ClaimLetters' });

export const InformationRequestItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('document'), document: z.string().describe('A document kind, e.g. receipt') }),
  z.object({ kind: z.literal('question'), text: z.string() }),
]);

export const ClaimInformationRequestSchema = z
  .object({
    claimNumber: z.string(),
    request: z
      .object({
        id: z.uuid(),
        status: z.enum(['open', 'answered', 'expired', 'cancelled']),
        items: z.array(InformationRequestItemSchema),
        dueOn: z.string().describe("Final day to answer, in the customer's time zone"),
        createdAt: z.string(),
        answeredAt: z.string().nullable(),
      })
      .nullable()
      .describe('The latest request, or null when nothing was ever asked'),
  })
  .meta({ id: 'ClaimInformationRequest' });

export type ClaimLetter = z.infer<typeof ClaimLetterSchema>;
export type ClaimInformationRequest = z.infer<typeof ClaimInformationRequestSchema>;
