export { addClaimNote } from './add-claim-note.ts';
export { ClaimNoteSchema, type ClaimNoteView, NewClaimNoteSchema } from './claim-note-schemas.ts';
export { listClaimNotes } from './list-claim-notes.ts';
export { claimNoteRoutes } from './routes.ts';
