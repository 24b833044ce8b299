import { compileErrors, validate } from '@readme/openapi-parser';
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/lib/errors.ts';
import { testApp } from '../support/test-app.ts';

// The published contract: GET /openapi.json must be a valid OpenAPI 3.1 document in which every
// operation documents its input, its success response and every problem+json error it can produce.

type Schema = Record<string, unknown>;
type Operation = {
  security?: unknown[];
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
type OpenApiDoc = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
  security?: unknown[];
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const PROBLEM_STATUSES = ['400', '401', '403', '404', '409', '422', '500'];
/** Reachable without a session (config.public on the route). */
const PUBLIC_OPERATIONS = ['GET /health', 'GET /ready', 'POST /auth/sign-in', 'GET /auth/config'];
/** Write operations that take no request body. */
const BODYLESS_WRITES = [
  'POST /auth/sign-out',
  'POST /api-tokens/{id}/revoke',
  'POST /webhook-deliveries/{id}/replay',
];
/** Write operations whose body is a stream of NDJSON lines, documented rather than a JSON schema. */
const NDJSON_WRITES = ['POST /claims/bulk'];
/** Bank files: the body is an ISO 20022 XML document (validated against its XSD by the use case). */
const XML_WRITES = ['POST /bank-notifications'];
/** Uploads: a multipart/form-data body with the file and its fields. */
const MULTIPART_WRITES = ['POST /documents', 'POST /scans'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Successful responses that are not JSON: the bytes of a document, a CSV register. */
const RAW_RESPONSES: Record<string, string> = {
  'GET /documents/{id}/content': 'application/octet-stream',
  'GET /complaints/register.csv': 'text/csv',
  'GET /deliveries/{id}/pdf': 'application/pdf',
  'GET /print-batches/{id}/pdf': 'application/pdf',
  'GET /claims/{ref}/decision-letter': 'application/pdf',
  'GET /templates/preview.pdf': 'application/pdf',
  'GET /payment-batches/{ref}/file': 'application/xml',
  'GET /reports/backlog.csv': 'text/csv',
  'GET /reports/handling-time.csv': 'text/csv',
  'GET /reports/deadline-compliance.csv': 'text/csv',
  'GET /reports/straight-through.csv': 'text/csv',
  'GET /reports/outcomes.csv': 'text/csv',
  'GET /reports/complaints.csv': 'text/csv',
  'GET /reports/payments.csv': 'text/csv',
  'GET /reports/complaints-register.csv': 'text/csv',
  'GET /reports/claims-past-legal-deadline.csv': 'text/csv',
  'GET /reports/backlog.xlsx': XLSX,
  'GET /reports/handling-time.xlsx': XLSX,
  'GET /reports/deadline-compliance.xlsx': XLSX,
  'GET /reports/straight-through.xlsx': XLSX,
  'GET /reports/outcomes.xlsx': XLSX,
  'GET /reports/complaints.xlsx': XLSX,
  'GET /reports/payments.xlsx': XLSX,
  'GET /reports/complaints-register.xlsx': XLSX,
  'GET /reports/claims-past-legal-deadline.xlsx': XLSX,
};

let app: FastifyInstance;
let doc: OpenApiDoc;
let operations: { id: string; path: string; method: string; op: Operation }[];

function resolve(schema: Schema | undefined): Schema | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  return doc.components.schemas[name];
}

beforeAll(async () => {
  app = await testApp();
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  doc = res.json() as OpenApiDoc;
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, path, method, op })),
  );
});

describe('GET /openapi.json', () => {
  it('is served without a session and is OpenAPI 3.1', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info).toMatchObject({ title: 'Claimdesk API', version: expect.any(String) });
  });

  it('passes @readme/openapi-parser validation', async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, compileErrors(result)).toBe(true);
    expect(result.specification).toBe('OpenAPI');
  });

  it('documents every API route and hides the internal ones', () => {
    const ids = operations.map((o) => o.id).sort();
    expect(ids).toEqual(
      [
        'GET /health',
        'GET /ready',
        'POST /auth/sign-in',
        'POST /auth/sign-out',
        'GET /auth/me',
        'GET /auth/config',
        'POST /api-tokens',
        'GET /api-tokens',
        'POST /api-tokens/{id}/revoke',
        'POST /customers',
        'GET /customers',
        'GET /customers/{id}',
        'GET /customers/{id}/policies',
        'POST /products',
        'GET /products',
        'GET /products/{id}',
        'POST /products/{id}/versions',
        'POST /products/{id}/versions/{versionId}/activate',
        'POST /products/{id}/versions/{versionId}/retire',
        'GET /deadline-policies',
        'PATCH /deadline-policies/{code}',
        'GET /business-calendars/{country}',
        'POST /business-calendars/{country}/closed-days',
        'POST /business-calendars/{country}/closed-days/{date}/reopen',
        'GET /authority-limits',
        'PATCH /authority-limits/{id}',
        'POST /policies',
        'GET /policies/{id}',
        'POST /policies/{id}/premium-payments',
        'POST /claims',
        'POST /claims/bulk',
        'POST /claims/assessment-preview',
        'GET /claims',
        'GET /claims/{ref}',
        'POST /claims/{ref}/documents-received',
        'POST /claims/{ref}/decision',
        'POST /claims/{ref}/escalation',
        'POST /claims/{ref}/escalation/return',
        'POST /claims/{ref}/appeal',
        'POST /claims/{ref}/withdrawal',
        'GET /escalations',
        'GET /claims/{ref}/escalations',
        'POST /claims/{ref}/information-requests',
        'GET /claims/{ref}/information-requests',
        'POST /claims/{ref}/information-requests/answer',
        'GET /queues/{queue}',
        'POST /claims/{ref}/assignment',
        'GET /claims/{ref}/work',
        'GET /notifications',
        'GET /customers/{id}/timeline',
        'POST /cases',
        'GET /cases',
        'GET /cases/{ref}',
        'POST /cases/{ref}/status',
        'POST /cases/{ref}/messages',
        'POST /cases/{ref}/assignment',
        'GET /departments',
        'POST /departments',
        'GET /departments/{code}',
        'PATCH /departments/{code}',
        'POST /cases/{ref}/referrals',
        'GET /cases/{ref}/referrals',
        'GET /referrals/{ref}',
        'POST /referrals/{ref}/accept',
        'POST /referrals/{ref}/answer',
        'POST /referrals/{ref}/return',
        'POST /referrals/{ref}/cancel',
        'POST /documents',
        'GET /documents',
        'GET /documents/{id}',
        'GET /documents/{id}/content',
        'POST /customers/{id}/account-changes',
        'POST /account-changes/{id}/verification',
        'POST /account-changes/{id}/approve',
        'POST /account-changes/{id}/reject',
        'POST /account-changes/{id}/cancel',
        'GET /account-changes/{id}',
        'GET /cases/{ref}/account-changes',
        'GET /customers/{id}/bank-accounts',
        'POST /complaints',
        'GET /complaints',
        'GET /complaints/{ref}',
        'POST /complaints/{ref}/final-answer',
        'GET /complaints/register.csv',
        'POST /calls',
        'PATCH /calls/{id}',
        'GET /calls/{id}',
        'GET /customers/{id}/calls',
        'GET /screen-pop',
        'GET /claims/{ref}/documents/checklist',
        'GET /outbox',
        'GET /deliveries/{id}',
        'GET /deliveries/{id}/pdf',
        'POST /print-batches',
        'GET /print-batches/{id}',
        'GET /print-batches/{id}/pdf',
        'POST /scans',
        'GET /scans',
        'GET /scans/languages',
        'GET /scans/{id}',
        'GET /inbound-messages',
        'GET /inbound-messages/{id}',
        'POST /inbound-messages/{id}/assign',
        'POST /inbound-messages/{id}/claim',
        'GET /payments',
        'GET /payments/{ref}',
        'POST /payments/{ref}/review',
        'POST /payments/{ref}/status',
        'GET /recoveries/{ref}',
        'POST /recoveries/{ref}/resolve',
        'GET /reference-rates',
        'POST /reference-rates',
        'POST /payment-batches',
        'GET /payment-batches',
        'GET /payment-batches/{ref}',
        'POST /payment-batches/{ref}/approve',
        'POST /payment-batches/{ref}/release',
        'POST /payment-batches/{ref}/cancel',
        'GET /payment-batches/{ref}/file',
        'GET /payment-batches/{ref}/reconciliation',
        'POST /bank-notifications',
        'GET /bank-notifications',
        'GET /bank-notifications/{id}',
        'GET /claims/{ref}/ledger',
        'GET /customers/{id}/ledger',
        'GET /dashboards/workload',
        'GET /dashboards/deadlines',
        'GET /reports/backlog',
        'GET /reports/backlog.csv',
        'GET /reports/handling-time',
        'GET /reports/handling-time.csv',
        'GET /reports/deadline-compliance',
        'GET /reports/deadline-compliance.csv',
        'GET /reports/straight-through',
        'GET /reports/straight-through.csv',
        'GET /reports/outcomes',
        'GET /reports/outcomes.csv',
        'GET /reports/complaints',
        'GET /reports/complaints.csv',
        'GET /reports/backlog.xlsx',
        'GET /reports/handling-time.xlsx',
        'GET /reports/deadline-compliance.xlsx',
        'GET /reports/straight-through.xlsx',
        'GET /reports/outcomes.xlsx',
        'GET /reports/complaints.xlsx',
        'GET /reports/payments',
        'GET /reports/payments.csv',
        'GET /reports/payments.xlsx',
        'GET /reports/complaints-register',
        'GET /reports/complaints-register.csv',
        'GET /reports/complaints-register.xlsx',
        'GET /reports/claims-past-legal-deadline',
        'GET /reports/claims-past-legal-deadline.csv',
        'GET /reports/claims-past-legal-deadline.xlsx',
        'GET /claims/{ref}/letters',
        'GET /claims/{ref}/information-request',
        'GET /claims/{ref}/decision-letter',
        'POST /claims/{ref}/notes',
        'GET /claims/{ref}/notes',
        'GET /users',
        'POST /users',
        'GET /users/{id}',
        'PATCH /users/{id}',
        'GET /teams',
        'GET /permissions',
        'GET /templates',
        'GET /templates/preview',
        'GET /templates/preview.pdf',
        'GET /customers/{id}/export',
        'POST /customers/{id}/erasure',
        'GET /retention-rules',
        'POST /fhir/Claim',
        'GET /fhir/ClaimResponse/{id}',
        'GET /fhir/ExplanationOfBenefit/{id}',
        'POST /webhook-subscriptions',
        'GET /webhook-subscriptions',
        'GET /webhook-subscriptions/{id}',
        'PATCH /webhook-subscriptions/{id}',
        'GET /webhook-deliveries',
        'GET /webhook-deliveries/{id}',
        'POST /webhook-deliveries/{id}/replay',
      ].sort(),
    );
    expect(
      Object.keys(doc.paths).filter((p) => p.startsWith('/docs') || p === '/openapi.json' || p === '/'),
    ).toEqual([]);
  });

  it('every path parameter, query parameter and header is declared with a schema', () => {
    for (const { id, path, op } of operations) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect(pathParams.map((p) => p.name).sort(), id).toEqual(templated.sort());
      for (const p of pathParams) expect(p.required, `${id} ${p.name}`).toBe(true);
      for (const p of op.parameters ?? []) {
        expect(p.schema, `${id} ${p.in} ${p.name}`).toBeTypeOf('object');
        expect(Object.keys(p.schema ?? {}).length, `${id} ${p.in} ${p.name}`).toBeGreaterThan(0);
      }
    }
    const query = (id: string) =>
      (operations.find((o) => o.id === id)?.op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
    expect(query('GET /customers').sort()).toEqual(['limit', 'offset', 'q']);
    expect(query('GET /claims').sort()).toEqual(['customerId', 'limit', 'offset', 'policyId']);
    const postClaims = operations.find((o) => o.id === 'POST /claims')?.op;
    expect(postClaims?.parameters?.find((p) => p.in === 'header')?.name).toBe('idempotency-key');
  });

  it('every write operation takes a strict JSON body schema', () => {
    for (const { id, method, op } of operations) {
      if (!['post', 'put', 'patch'].includes(method)) {
        expect(op.requestBody, id).toBeUndefined();
        continue;
      }
      if (BODYLESS_WRITES.includes(id)) continue;
      if (NDJSON_WRITES.includes(id)) {
        expect(op.requestBody?.required, id).toBe(true);
        expect(Object.keys(op.requestBody?.content ?? {}), id).toEqual(['application/x-ndjson']);
        const body = op.requestBody?.content?.['application/x-ndjson']?.schema;
        expect(body, id).toMatchObject({
          type: 'string',
          description: expect.stringMatching(/NewClaim per line/),
        });
        continue;
      }
      if (XML_WRITES.includes(id)) {
        expect(op.requestBody?.required, id).toBe(true);
        expect(Object.keys(op.requestBody?.content ?? {}).sort(), id).toEqual([
          'application/xml',
          'text/xml',
        ]);
        continue;
      }
      if (MULTIPART_WRITES.includes(id)) {
        expect(op.requestBody?.required, id).toBe(true);
        expect(Object.keys(op.requestBody?.content ?? {}), id).toEqual(['multipart/form-data']);
        continue;
      }
      expect(op.requestBody?.required, id).toBe(true);
      const schema = resolve(op.requestBody?.content?.['application/json']?.schema);
      expect(schema, id).toBeDefined();
      expect(schema?.type, id).toBe('object');
      // Unknown fields are refused (400 unknown_field), and the contract says so.
      expect(schema?.additionalProperties, id).toBe(false);
    }
  });

  it('every operation has a 2xx response with a JSON schema (none for 204)', () => {
    for (const { id, op } of operations) {
      const success = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
      expect(success.length, id).toBeGreaterThan(0);
      for (const status of success) {
        const content = op.responses[status]?.content;
        if (status === '204') {
          expect(content, `${id} ${status}`).toBeUndefined();
          continue;
        }
        const raw = RAW_RESPONSES[id];
        if (raw) {
          expect(Object.keys(content ?? {}), `${id} ${status}`).toContain(raw);
          continue;
        }
        const schema = resolve(content?.['application/json']?.schema);
        expect(schema, `${id} ${status}`).toBeDefined();
        expect(Object.keys(schema ?? {}).length, `${id} ${status}`).toBeGreaterThan(0);
      }
    }
  });

  it('every operation documents its problem+json errors; only public ones omit 401', () => {
    const publicIds = operations.filter((o) => Array.isArray(o.op.security) && o.op.security.length === 0);
    expect(publicIds.map((o) => o.id).sort()).toEqual([...PUBLIC_OPERATIONS].sort());
    // Everything else inherits the document-wide session/bearer requirement.
    expect(doc.security).toEqual([{ session: [] }, { bearer: [] }]);
    for (const { id, op } of operations) {
      const isPublic = PUBLIC_OPERATIONS.includes(id);
      if (!isPublic) expect(op.security, id).toBeUndefined();
      for (const status of PROBLEM_STATUSES) {
        const response = op.responses[status];
        if (status === '401' && isPublic) {
          expect(response, `${id} ${status}`).toBeUndefined();
          continue;
        }
        expect(response?.description, `${id} ${status}`).toEqual(expect.any(String));
        expect(Object.keys(response?.content ?? {}), `${id} ${status}`).toEqual(['application/problem+json']);
        expect(response?.content?.['application/problem+json']?.schema, `${id} ${status}`).toEqual({
          $ref: '#/components/schemas/Problem',
        });
      }
    }
  });

  it('the Problem schema lists every error code and the RFC 9457 members', () => {
    const problem = doc.components.schemas.Problem as {
      required: string[];
      properties: Record<string, { enum?: string[]; items?: Schema }>;
    };
    expect([...problem.required].sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
    expect([...(problem.properties.code?.enum ?? [])].sort()).toEqual(Object.keys(ERROR_CODES).sort());
    expect(problem.properties.errors?.items).toEqual({ $ref: '#/components/schemas/FieldError' });
    const fieldError = doc.components.schemas.FieldError as { required: string[] };
    expect([...fieldError.required].sort()).toEqual(['code', 'message', 'path', 'pointer']);
  });
});

describe('GET /docs', () => {
  it('serves the Swagger UI as HTML without a session (following redirects)', async () => {
    let url = '/docs';
    let res = await app.inject({ method: 'GET', url });
    for (let hops = 0; hops < 3 && res.statusCode >= 300 && res.statusCode < 400; hops++) {
      const location = String(res.headers.location);
      url = new URL(location, `http://localhost${url}`).pathname;
      res = await app.inject({ method: 'GET', url });
    }
    expect({ url, status: res.statusCode }).toMatchObject({ status: 200 });
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
    expect(res.body).toMatch(/swagger/i);
    // …and so are the assets the page loads.
    const script = res.body.match(/src="([^"]*swagger-initializer\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await app.inject({
      method: 'GET',
      url: new URL(script ?? '', `http://localhost${url}`).pathname,
    });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
  });

  it('the UI loads the same document from /docs/json', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(doc);
  });
});
