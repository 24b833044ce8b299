import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Language } from '../../db/schema.ts';
import { httpStatusOf } from '../../lib/errors.ts';
import { IdempotencyHeaders } from '../../server/idempotent-route.ts';
import { actorOf } from '../../server/plugins/authenticate.ts';
import { toAppError } from '../../server/plugins/error-handler.ts';
import type { ModuleDeps } from '../deps.ts';
import {
  FhirClaimResponseSchema,
  FhirClaimSchema,
  FhirExplanationOfBenefitSchema,
  FhirReadHeaders,
} from './fhir-schemas.ts';
import { languageFromHeader } from './fhir-texts.ts';
import { issuesOfAppError, operationOutcome } from './operation-outcome.ts';
import { getFhirClaimResponse, getFhirExplanationOfBenefit } from './read-fhir-resources.ts';
import { submitFhirClaim } from './submit-fhir-claim.ts';

// HL7 FHIR R4 over HTTP (docs/fhir.md). A client that speaks FHIR — Content-Type or Accept
// application/fhir+json — gets FHIR back, errors included: an OperationOutcome with the FHIRPath
// of each problem. A plain JSON client gets the resources as application/json and errors as the
// problem+json every other route answers, with the same element paths in `errors[]`.

const FHIR_JSON = 'application/fhir+json';

function speaksFhir(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  const accept = request.headers.accept ?? '';
  return type.startsWith(FHIR_JSON) || accept.includes(FHIR_JSON) || accept.includes('application/json+fhir');
}

function contentType(request: FastifyRequest): string {
  return `${speaksFhir(request) ? FHIR_JSON : 'application/json'}; charset=utf-8`;
}

function languageOf(request: FastifyRequest): Language | null {
  return languageFromHeader(request.headers['accept-language']);
}

const ID = z.object({ id: z.string().max(64).describe('Our claim id (a UUID)') });

export function fhirRoutes(app: FastifyInstance, { db }: ModuleDeps): void {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      FHIR_JSON,
      { parseAs: 'string' },
      scope.getDefaultJsonParser('error', 'error'),
    );
    // The official FHIR schema validates the body in the use case (with FHIRPaths); zod checks the rest.
    scope.setValidatorCompiler((route) =>
      route.httpPart === 'body'
        ? () => true
        : validatorCompiler(route as Parameters<typeof validatorCompiler>[0]),
    );
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (!speaksFhir(request)) throw error; // the server's problem+json handler
      const appError = toAppError(error);
      if (appError.code === 'internal_error') request.log.error({ err: error }, 'unhandled error');
      else request.log.info({ code: appError.code }, 'request refused');
      const outcome = operationOutcome(issuesOfAppError(appError, 'Claim'));
      // A string: the route's response schemas describe problem+json, not OperationOutcome.
      return reply
        .status(httpStatusOf(appError.code))
        .type(`${FHIR_JSON}; charset=utf-8`)
        .send(JSON.stringify(outcome));
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['fhir'];

    r.post(
      '/fhir/Claim',
      {
        schema: {
          tags,
          summary: 'Submit an HL7 FHIR R4 Claim; answers its ClaimResponse (idempotent on Claim.identifier)',
          description:
            'The body is a FHIR R4 Claim (`application/fhir+json` or `application/json`), validated against the ' +
            'official FHIR schema, then mapped to our claim (docs/fhir.md): items → lines (productOrService coded ' +
            'in urn:claimdesk:fhir:benefit), patient → customer, the Coverage (contained, or by identifier ' +
            'urn:claimdesk:fhir:policy-number) → policy, accident.date / billablePeriod.start / servicedDate → date ' +
            'of loss. It is registered and assessed like POST /claims. **201** with the ClaimResponse (Location: ' +
            'its URL); a retry (same Claim.identifier or Idempotency-Key) **200** with the same ClaimResponse. ' +
            'Invalid FHIR **400** validation_failed, a valid Claim we cannot take **422** (fhir_claim_unprocessable, ' +
            'policy_not_found, customer_not_found, …): a FHIR client (Content-Type or Accept application/fhir+json) ' +
            'gets an OperationOutcome with the FHIRPath of each problem, others problem+json. Staff integrations only.',
          consumes: ['application/json', FHIR_JSON],
          headers: IdempotencyHeaders.extend(FhirReadHeaders.shape),
          body: FhirClaimSchema,
          response: {
            201: FhirClaimResponseSchema.describe('Registered: the ClaimResponse'),
            200: FhirClaimResponseSchema.describe('A retry: the ClaimResponse of the claim registered first'),
          },
        },
      },
      async (req, reply) => {
        const result = await submitFhirClaim({
          db,
          actor: actorOf(req),
          resource: req.body,
          idempotencyKey: req.headers['idempotency-key'],
          language: languageOf(req),
        });
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        return reply
          .status(result.status)
          .header('location', `/fhir/ClaimResponse/${result.claimId}`)
          .type(contentType(req))
          .send(result.claimResponse as z.infer<typeof FhirClaimResponseSchema>);
      },
    );

    r.get(
      '/fhir/ClaimResponse/:id',
      {
        schema: {
          tags,
          summary:
            'The current ClaimResponse of a claim (outcome, adjudication, payment, requests for information)',
          params: ID,
          headers: FhirReadHeaders,
          response: { 200: FhirClaimResponseSchema },
        },
      },
      async (req, reply) =>
        reply.type(contentType(req)).send(
          (await getFhirClaimResponse({
            db,
            actor: actorOf(req),
            id: req.params.id,
            language: languageOf(req),
          })) as z.infer<typeof FhirClaimResponseSchema>,
        ),
    );

    r.get(
      '/fhir/ExplanationOfBenefit/:id',
      {
        schema: {
          tags,
          summary: 'The ExplanationOfBenefit of a paid claim (404 with the reason before it is paid)',
          params: ID,
          headers: FhirReadHeaders,
          response: { 200: FhirExplanationOfBenefitSchema },
        },
      },
      async (req, reply) =>
        reply.type(contentType(req)).send(
          (await getFhirExplanationOfBenefit({
            db,
            actor: actorOf(req),
            id: req.params.id,
            language: languageOf(req),
          })) as z.infer<typeof FhirExplanationOfBenefitSchema>,
        ),
    );
  });
}
