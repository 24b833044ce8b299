import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

// Walks the published OpenAPI document (GET /openapi.json) for the route-matrix and fuzz tests:
// the list of operations, their parameters and bodies, and a minimal VALID value for a schema
// (so that a request passes validation and reaches the use case, where permissions are checked).

export type Schema = Record<string, unknown>;
type Parameter = { in: string; name: string; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
};
export type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

export type WalkedOperation = {
  /** "METHOD /path/{param}", as in the OpenAPI document. */
  id: string;
  method: string;
  path: string;
  pathParams: string[];
  query: Parameter[];
  /** The content type of the request body, when there is one. */
  contentType?: string;
  /** The JSON body schema ($refs resolved at the top level only; `sample` resolves the rest). */
  body?: Schema;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export async function loadOperations(
  app: FastifyInstance,
): Promise<{ doc: OpenApiDoc; operations: WalkedOperation[] }> {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`GET /openapi.json: ${res.statusCode}`);
  const doc = res.json() as OpenApiDoc;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]): WalkedOperation => {
        const content = op.requestBody?.content ?? {};
        const contentType = Object.keys(content)[0];
        const json = content['application/json']?.schema;
        return {
          id: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          query: (op.parameters ?? []).filter((p) => p.in === 'query'),
          ...(contentType ? { contentType } : {}),
          ...(json ? { body: deref(doc, json) } : {}),
        };
      }),
  );
  return { doc, operations };
}

export function deref(doc: OpenApiDoc, schema: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const found = doc.components.schemas[ref.replace('#/components/schemas/', '')];
  if (!found) throw new Error(`unresolved ${ref}`);
  return deref(doc, found);
}

/** Fills `{param}` placeholders (values are URL-encoded unless `raw`: already percent-encoded). */
export function fillPath(path: string, values: Record<string, string>, raw = false): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return raw ? value : encodeURIComponent(value);
  });
}

// Strings that satisfy the patterns the API uses; the first one a pattern accepts is taken.
const PATTERN_CANDIDATES = [
  'SEK',
  'SE',
  'abc',
  'ABC',
  'ABCD',
  'reason_one',
  '+46701234567',
  'someone@example.com',
  '2026-02-15',
  '2026-01-01',
  '2026-02-15T10:00:00Z',
  '§4',
  'AB-C',
  'CLAIM_CODE',
];

function sampleString(schema: Schema): string {
  if (Array.isArray(schema.enum)) return String(schema.enum[0]);
  const format = schema.format;
  if (format === 'uuid') return randomUUID();
  if (format === 'date') return '2026-02-15';
  if (format === 'date-time') return '2026-02-15T10:00:00.000Z';
  if (format === 'email') return `someone.${randomUUID().slice(0, 8)}@example.com`;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : 200;
  if (typeof schema.pattern === 'string') {
    const re = new RegExp(schema.pattern, 'u');
    const hit = PATTERN_CANDIDATES.find((c) => re.test(c) && c.length >= min && c.length <= max);
    if (hit) return hit;
    throw new Error(`no sample for pattern ${schema.pattern}`);
  }
  const text = 'A test value';
  return text.length >= min ? text.slice(0, max) : text.padEnd(min, 'x');
}

/** A minimal value the schema accepts: required properties only, first enum member, first union branch. */
export function sample(doc: OpenApiDoc, input: Schema): unknown {
  const schema = deref(doc, input);
  if ('const' in schema) return schema.const;
  if (schema.default !== undefined && schema.type !== 'object') return schema.default;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const branches = schema[key] as Schema[] | undefined;
    if (!branches) continue;
    if (key === 'allOf') return Object.assign({}, ...branches.map((b) => sample(doc, b)));
    const branch = branches.find((b) => deref(doc, b).type !== 'null') ?? branches[0];
    return sample(doc, branch as Schema);
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((k) => [k, sample(doc, props[k] ?? {})]));
    }
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: min }, () => sample(doc, (schema.items ?? {}) as Schema));
    }
    case 'string':
      return sampleString(schema);
    case 'integer':
    case 'number': {
      if (typeof schema.minimum === 'number') return schema.minimum;
      if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + 1;
      return 1;
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      if (Array.isArray(schema.enum)) return schema.enum[0];
      return 'x';
  }
}

/** The properties of an object schema (after $ref), with which are required. */
export function objectShape(
  doc: OpenApiDoc,
  input: Schema,
): { props: Record<string, Schema>; required: string[] } {
  const schema = deref(doc, input);
  return {
    props: (schema.properties ?? {}) as Record<string, Schema>,
    required: (schema.required ?? []) as string[],
  };
}

/**
 * Writes whose success reaches beyond a test's own records (every ready payment, every pending
 * letter, the reference rates, the deadline settings and calendars) or destroys them (erasure):
 * the matrix and the fuzz tests call them only where they must be refused.
 */
export const GLOBAL_WRITES: readonly string[] = [
  'POST /payment-batches',
  'POST /print-batches',
  'POST /reference-rates',
  'PATCH /deadline-policies/{code}',
  'POST /business-calendars/{country}/closed-days',
  'POST /business-calendars/{country}/closed-days/{date}/reopen',
  'POST /customers/{id}/erasure',
];

/**
 * The permission matrix as the Markdown table in docs/security.md (the route-matrix test checks
 * that the document matches this; paste its output between the markers when the matrix changes).
 */
export function renderPermissionTable(
  matrix: Record<string, readonly string[]>,
  roles: readonly string[],
): string {
  const header = `| permission | ${roles.join(' | ')} |`;
  const rule = `| --- | ${roles.map(() => ':---:').join(' | ')} |`;
  const rows = Object.entries(matrix).map(
    ([permission, who]) =>
      `| \`${permission}\` | ${roles.map((r) => (who.includes(r) ? '✓' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

export const MATRIX_ROLES = [
  'customer',
  'representative',
  'supervisor',
  'department_agent',
  'administrator',
  'auditor',
  'system',
] as const;
