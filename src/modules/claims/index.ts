export {
  type ClaimView,
  type DocumentsReceived,
  DocumentsReceivedSchema,
  type NewClaim,
  NewClaimSchema,
} from './claim-schemas.ts';
export { getClaim, listClaims } from './find-claims.ts';
export { recordDocumentsReceived } from './record-documents-received.ts';
export { type RegisterClaimResult, registerClaim } from './register-claim.ts';
export { claimRoutes } from './routes.ts';
