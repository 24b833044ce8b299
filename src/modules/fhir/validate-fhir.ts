import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { type FhirIssue, fhirPathOf } from './operation-outcome.ts';

// Validation against the official HL7 FHIR R4 JSON Schema (standards/fhir/fhir.schema.json, byte
// for byte as published). The 3.4 MB schema is parsed lazily, once per process, and each resource
// type's definition is compiled on first use: validating against the top-level `oneOf` of all 146
// resource types instead is ~150× slower per resource (2.5 ms vs 16 µs for claim-example.json) and
// its errors name every branch that did not match. Contained resources are validated against their
// own definition too (see load()). Measured times: docs/fhir.md.
//
// What the schema does NOT check (see standards/README.md): FHIRPath invariants, most code values,
// and — because complex types carry no `"type": "object"` — that a CodeableConcept is an object at
// all. The mapping (map-fhir-claim.ts) checks what it reads.

const SCHEMA_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../standards/fhir/fhir.schema.json',
);

type Compiled = { ajv: Ajv; resourceTypes: Set<string>; compileMs: number[] };

let compiled: Compiled | undefined;
const validators = new Map<string, ValidateFunction>();

function load(): Compiled {
  if (compiled) return compiled;
  const started = performance.now();
  const { id: _draft4Id, ...schema } = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
    id?: string;
    discriminator: { mapping: Record<string, string> };
    definitions: Record<string, unknown>;
  };
  // ResourceList (where contained resources sit) is a oneOf over all 146 resource types: compiled
  // as is, any resource drags in every other (10 s instead of 0.3 s on a busy machine). A resource
  // in it is an object with a resourceType here, and validateFhirResource validates each contained
  // resource against its own definition — what the oneOf amounts to, since resourceType differs
  // per branch.
  schema.definitions.ResourceList = {
    type: 'object',
    required: ['resourceType'],
    properties: { resourceType: { type: 'string' } },
  };
  // strict: false — the schema uses `discriminator` with a `mapping` (an OpenAPI keyword ajv does
  // not take) and draft-04's `id`, removed above; neither changes what is valid.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  ajv.addSchema(schema, 'fhir');
  compiled = {
    ajv,
    resourceTypes: new Set(Object.keys(schema.discriminator.mapping)),
    compileMs: [performance.now() - started],
  };
  return compiled;
}

/** The compiled validator of one resource type's definition (compiled on first use). */
export function validatorFor(resourceType: string): ValidateFunction | undefined {
  const c = load();
  if (!c.resourceTypes.has(resourceType)) return undefined;
  let v = validators.get(resourceType);
  if (!v) {
    const started = performance.now();
    v = c.ajv.compile({ $ref: `fhir#/definitions/${resourceType}` });
    c.compileMs.push(performance.now() - started);
    validators.set(resourceType, v);
  }
  return v;
}

/** Milliseconds spent loading the schema and compiling each definition so far (for docs/tests). */
export function fhirSchemaCompileTimes(): number[] {
  return [...(compiled?.compileMs ?? [])];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Path = (string | number)[];

function segmentsOf(instancePath: string, value: unknown): Path {
  const out: Path = [];
  let at = value;
  for (const raw of instancePath.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(at) && /^\d+$/.test(key)) {
      out.push(Number(key));
      at = at[Number(key)];
    } else {
      out.push(key);
      at = isObject(at) ? at[key] : undefined;
    }
  }
  return out;
}

function issueOf(e: ErrorObject, root: string, prefix: Path, resource: unknown): FhirIssue {
  const segments = [...prefix, ...segmentsOf(e.instancePath, resource)];
  const at = (path: Path) => ({ expression: fhirPathOf(root, path), path });
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(e.params.additionalProperty);
      return {
        severity: 'error',
        code: 'structure',
        ...at([...segments, name]),
        diagnostics: `Unknown element "${name}".`,
      };
    }
    case 'required': {
      const name = String(e.params.missingProperty);
      return {
        severity: 'error',
        code: 'required',
        ...at([...segments, name]),
        diagnostics: `The element "${name}" is required.`,
      };
    }
    default:
      return {
        severity: 'error',
        code: e.keyword === 'type' || e.keyword === 'pattern' || e.keyword === 'enum' ? 'value' : 'invalid',
        ...at(segments),
        diagnostics: `${e.message ?? 'Invalid'}${e.keyword === 'enum' ? `: ${JSON.stringify(e.params.allowedValues)}` : ''}.`,
      };
  }
}

const MAX_ISSUES = 100;

/**
 * Every schema problem of a resource, each with the FHIRPath of the element (`Claim.item[0].net`).
 * `expected` (e.g. 'Claim') refuses any other resourceType. An empty list: valid. `within` is for
 * contained resources: the root's name and the path to the contained one.
 */
export function validateFhirResource(
  resource: unknown,
  expected?: string,
  within?: { root: string; prefix: Path },
): FhirIssue[] {
  const root = within?.root ?? expected ?? 'Resource';
  const prefix = within?.prefix ?? [];
  const at = (path: Path) => ({ expression: fhirPathOf(root, path), path });
  if (!isObject(resource)) {
    return [{ severity: 'error', code: 'structure', ...at(prefix), diagnostics: 'Not a JSON object.' }];
  }
  const type = resource.resourceType;
  if (typeof type !== 'string' || (expected !== undefined && type !== expected)) {
    return [
      {
        severity: 'error',
        code: typeof type === 'string' ? 'value' : 'required',
        ...at([...prefix, 'resourceType']),
        diagnostics: `resourceType must be "${expected ?? 'a FHIR R4 resource type'}"${typeof type === 'string' ? `, not "${type}"` : ''}.`,
      },
    ];
  }
  const name = within ? root : type;
  const validate = validatorFor(type);
  if (!validate) {
    return [
      {
        severity: 'error',
        code: 'not-supported',
        ...at([...prefix, 'resourceType']),
        diagnostics: `"${type}" is not a FHIR R4 resource type.`,
      },
    ];
  }
  const issues: FhirIssue[] = [];
  if (!validate(resource)) {
    for (const e of validate.errors ?? []) {
      issues.push(issueOf(e, name, prefix, resource));
    }
  }
  if (within && Array.isArray(resource.contained) && resource.contained.length > 0) {
    // FHIR's dom-2; it also bounds the recursion below to one level, whatever the sender nests.
    issues.push({
      severity: 'error',
      code: 'invariant',
      ...at([...prefix, 'contained']),
      diagnostics: 'A contained resource cannot contain resources (dom-2).',
    });
  } else if (Array.isArray(resource.contained)) {
    resource.contained.forEach((c, i) => {
      issues.push(...validateFhirResource(c, undefined, { root: name, prefix: [...prefix, 'contained', i] }));
    });
  }
  const seen = new Set<string>();
  return issues
    .filter((i) => {
      const key = `${i.expression}|${i.diagnostics}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_ISSUES);
}
