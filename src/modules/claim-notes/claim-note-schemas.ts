import { z } from 'zod';

export const NewClaimNoteSchema = z
  .object({ body: z.string().trim().min(1).max(5000).describe('The note, for staff only') })
  .strict()
  .meta({ id: 'NewClaimNote' });
export type NewClaimNote = z.infer<typeof NewClaimNoteSchema>;

export const ClaimNoteSchema = z
  .object({
    id: z.uuid(),
    claimId: z.uuid(),
    body: z.string(),
    authorId: z.uuid().nullable(),
    authorName: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({
    id: 'ClaimNote',
    description: 'An internal note on a claim: staff only, never sent to the customer',
  });
export type ClaimNoteView = z.infer<typeof ClaimNoteSchema>;
