import { fileTypeFromBuffer } from 'file-type';

// What a document really is, from its bytes (pure: no I/O). Only formats a claims desk needs and a
// browser cannot run: PDF, PNG, JPEG, TIFF, and plain text. The type the uploader declared is
// never trusted: it may only agree with the bytes (a mismatch is refused, since it is either a
// mistake or a file dressed up as another). Text must be valid UTF-8 without NUL bytes, and not
// start like markup: a browser that ignored our Content-Type would render HTML, SVG or XML.

export const ALLOWED_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'text/plain',
] as const;
export type DocumentMediaType = (typeof ALLOWED_MEDIA_TYPES)[number];

export const EXTENSION_OF: Record<DocumentMediaType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
  'text/plain': 'txt',
};

/** Declared types that say the same as the detected one (what browsers and mail clients send). */
const SAME_AS: Record<DocumentMediaType, readonly string[]> = {
  'application/pdf': ['application/pdf', 'application/x-pdf'],
  'image/png': ['image/png', 'image/x-png'],
  'image/jpeg': ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  'image/tiff': ['image/tiff', 'image/tif', 'image/x-tiff'],
  'text/plain': ['text/plain', 'text/csv'],
};

/** Declared types that say nothing about the content (no contradiction possible). */
const UNSPECIFIC = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

export type DetectedType =
  | { ok: true; mediaType: DocumentMediaType; extension: string }
  | { ok: false; detected: string | null; message: string };

export async function detectDocumentType(bytes: Uint8Array, declared?: string | null): Promise<DetectedType> {
  const sniffed = await fileTypeFromBuffer(bytes);
  let mediaType: DocumentMediaType | null = null;
  if (sniffed) {
    mediaType = (ALLOWED_MEDIA_TYPES as readonly string[]).includes(sniffed.mime)
      ? (sniffed.mime as DocumentMediaType)
      : null;
    if (!mediaType) {
      return {
        ok: false,
        detected: sniffed.mime,
        message: `The file is ${sniffed.mime} (.${sniffed.ext}); only PDF, PNG, JPEG, TIFF and plain text are accepted.`,
      };
    }
  } else {
    const text = plainText(bytes);
    if (!text.ok) return { ok: false, detected: null, message: text.message };
    mediaType = 'text/plain';
  }
  const said = normaliseMediaType(declared);
  if (!UNSPECIFIC.has(said) && !SAME_AS[mediaType].includes(said)) {
    return {
      ok: false,
      detected: mediaType,
      message: `The file was sent as ${said} but its content is ${mediaType}.`,
    };
  }
  return { ok: true, mediaType, extension: EXTENSION_OF[mediaType] };
}

export function normaliseMediaType(declared: string | null | undefined): string {
  return (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

// The markup a browser recognises when it sniffs a response (WHATWG MIME Sniffing, "identifying
// a resource with an unknown MIME type"), plus XML and SVG, matched after leading whitespace.
const MARKUP =
  /^(?:\uFEFF)?[\t\n\f\r ]*<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--|\?xml|svg)(?:[\s>/]|$)/i;

function plainText(bytes: Uint8Array): { ok: true } | { ok: false; message: string } {
  if (bytes.includes(0)) {
    return { ok: false, message: 'The file is binary (it contains NUL bytes) and of no accepted type.' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'The file is neither an accepted format nor valid UTF-8 text.' };
  }
  if (MARKUP.test(text.slice(0, 1024))) {
    return {
      ok: false,
      message: 'The file is markup (HTML, XML or SVG), which is not accepted; send a PDF.',
    };
  }
  return { ok: true };
}
