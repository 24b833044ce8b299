export { toClaimResponse, toExplanationOfBenefit } from './claim-response.ts';
export { mapFhirClaim } from './map-fhir-claim.ts';
export { type OperationOutcome, operationOutcome } from './operation-outcome.ts';
export { getFhirClaimResponse, getFhirExplanationOfBenefit } from './read-fhir-resources.ts';
export { fhirRoutes } from './routes.ts';
export { submitFhirClaim } from './submit-fhir-claim.ts';
export { validateFhirResource, validatorFor } from './validate-fhir.ts';
