export { getClaimInformationRequest } from './claim-information-request.ts';
export { listClaimLetters } from './claim-letters.ts';
export { decisionLetterPdf } from './decision-letter-pdf.ts';
export type { ClaimInformationRequest, ClaimLetter } from './portal-schemas.ts';
export { portalRoutes } from './routes.ts';
