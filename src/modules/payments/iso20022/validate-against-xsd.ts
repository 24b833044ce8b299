import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

// Validation of ISO 20022 files against the official schemas in standards/iso20022 with libxml2's
// xmllint (compiled to WebAssembly: the same validator as the command-line tool, nothing to
// install). Every pain.001 we generate is validated before its batch is released, and every
// camt.054 we import before anything in it is applied.

export type Iso20022Schema = 'pain.001.001.09' | 'pain.001.001.09.epc' | 'camt.054.001.08';

const SCHEMA_FILES: Record<Iso20022Schema, string> = {
  'pain.001.001.09': 'pain.001.001.09.xsd',
  'pain.001.001.09.epc': 'EPC132-08_2025_V1.0_pain.001.001.09.xsd',
  'camt.054.001.08': 'camt.054.001.08.xsd',
};

const STANDARDS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../standards/iso20022',
);

export type XsdProblem = { line: number | null; message: string };
export type XsdVerdict = { valid: boolean; problems: XsdProblem[] };

const schemas = new Map<Iso20022Schema, Promise<string>>();

function schemaText(schema: Iso20022Schema): Promise<string> {
  let text = schemas.get(schema);
  if (!text) {
    text = readFile(path.join(STANDARDS_DIR, SCHEMA_FILES[schema]), 'utf8');
    schemas.set(schema, text);
  }
  return text;
}

// 64 KiB pages. A large file (a 100k-payment pain.001 is ~60 MB) is validated with xmllint's
// streaming reader, which does not build the document's tree: about 300 MB less at 100k payments,
// same time (docs/performance.md). Streaming gives up on a document that is not well-formed by
// throwing, so the tree-building pass then runs to report its problems with their lines; small
// files (bank notifications, ordinary batches) always take that pass.
const MAX_MEMORY_PAGES = 32_768;
const STREAM_FROM_BYTES = 8 * 1024 * 1024;

/** Validates `xml` (UTF-8 text) against an ISO 20022 schema; never throws on bad XML. */
export async function validateAgainstXsd(xml: string, schema: Iso20022Schema): Promise<XsdVerdict> {
  const options = {
    xml: { fileName: 'file.xml', contents: xml },
    schema: { fileName: SCHEMA_FILES[schema], contents: await schemaText(schema) },
    maxMemoryPages: MAX_MEMORY_PAGES,
  };
  let result: Awaited<ReturnType<typeof validateXML>> | undefined;
  if (xml.length >= STREAM_FROM_BYTES) {
    try {
      result = await validateXML({
        ...options,
        stream: true,
        initialMemoryPages: Math.min(MAX_MEMORY_PAGES, 256 + Math.ceil((xml.length * 2) / 65_536)),
      });
    } catch {
      result = undefined;
    }
  }
  result ??= await validateXML({
    ...options,
    initialMemoryPages: Math.min(MAX_MEMORY_PAGES, 256 + Math.ceil((xml.length * 12) / 65_536)),
  });
  return {
    valid: result.valid,
    problems: result.errors.map((e) => ({ line: e.loc?.lineNumber ?? null, message: e.message.trim() })),
  };
}
