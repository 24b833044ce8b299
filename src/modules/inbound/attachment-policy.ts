import { createHash } from 'node:crypto';
import { type DocumentMediaType, detectDocumentType } from '../documents/index.ts';

// Which email attachments become documents. Email is the easiest way to put a file in front of a
// claims handler, so we keep only what a claims desk needs and a browser or desktop cannot run:
// the document types the store accepts (PDF, PNG, JPEG, TIFF, plain text), decided by the bytes.
// Everything else is refused and listed on the message with the reason, so that nothing is lost
// silently and the handler can ask the customer for another format: programs and scripts (by
// name or by content), archives (which may hide either), HTML (which runs in a browser), and any
// file whose bytes are not what its name or type says (an .exe renamed .pdf). The message itself
// is always kept.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type AttachmentIn = {
  filename: string | null;
  contentType: string | null;
  content: Uint8Array;
};

export type RejectionReason =
  | 'too_large'
  | 'dangerous_type'
  | 'archive'
  | 'html'
  | 'type_not_allowed'
  | 'empty';

export type RejectedAttachment = {
  filename: string | null;
  contentType: string | null;
  sizeBytes: number;
  sha256: string;
  reason: RejectionReason;
  message: string;
};

export type AttachmentVerdict =
  | { ok: true; filename: string; mediaType: DocumentMediaType; content: Uint8Array; sha256: string }
  | { ok: false; rejected: RejectedAttachment };

// Programs, scripts, installers, shortcuts and macro-capable formats on Windows, macOS and Linux.
const DANGEROUS_EXTENSIONS = new Set([
  'exe',
  'com',
  'bat',
  'cmd',
  'scr',
  'pif',
  'cpl',
  'msi',
  'msp',
  'msc',
  'dll',
  'sys',
  'drv',
  'ocx',
  'js',
  'jse',
  'mjs',
  'cjs',
  'vbs',
  'vbe',
  'wsf',
  'wsh',
  'ws',
  'hta',
  'ps1',
  'psm1',
  'psd1',
  'sh',
  'bash',
  'zsh',
  'csh',
  'ksh',
  'py',
  'pyw',
  'pl',
  'rb',
  'php',
  'jar',
  'class',
  'apk',
  'app',
  'dmg',
  'pkg',
  'deb',
  'rpm',
  'run',
  'bin',
  'elf',
  'so',
  'dylib',
  'lnk',
  'url',
  'scf',
  'inf',
  'reg',
  'gadget',
  'application',
  'appx',
  'msix',
  'iso',
  'img',
  'vhd',
  'vhdx',
  'docm',
  'xlsm',
  'pptm',
  'dotm',
  'xlam',
  'chm',
  'hlp',
  'svg',
  'xml',
  'xsl',
  'swf',
]);
const ARCHIVE_EXTENSIONS = new Set([
  'zip',
  'rar',
  '7z',
  'gz',
  'tgz',
  'tar',
  'bz2',
  'xz',
  'cab',
  'arj',
  'lzh',
  'zipx',
]);
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'shtml', 'mht', 'mhtml']);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml', 'message/rfc822']);

function normaliseMediaType(declared: string | null): string {
  return (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function extensionOf(filename: string | null): string {
  const name = (filename ?? '')
    .trim()
    .toLowerCase()
    .replace(/[.\s]+$/, '');
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

/** Every extension in the name: "invoice.pdf.exe" is an .exe, "report.exe.pdf" is suspect too. */
function extensionsOf(filename: string | null): string[] {
  const parts = (filename ?? '').trim().toLowerCase().split('.');
  return parts.length > 1 ? parts.slice(1) : [];
}

export async function judgeAttachment(a: AttachmentIn): Promise<AttachmentVerdict> {
  const sha256 = createHash('sha256').update(a.content).digest('hex');
  const reject = (reason: RejectionReason, message: string): AttachmentVerdict => ({
    ok: false,
    rejected: {
      filename: a.filename,
      contentType: a.contentType,
      sizeBytes: a.content.byteLength,
      sha256,
      reason,
      message,
    },
  });
  const size = a.content.byteLength;
  if (size === 0) return reject('empty', 'The attachment is empty.');
  if (size > MAX_ATTACHMENT_BYTES) {
    return reject(
      'too_large',
      `The attachment is ${size} bytes; attachments over ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MiB are not stored.`,
    );
  }
  const declared = normaliseMediaType(a.contentType);
  const extensions = extensionsOf(a.filename);
  const dangerous = extensions.find((e) => DANGEROUS_EXTENSIONS.has(e));
  if (dangerous)
    return reject('dangerous_type', `Files of type .${dangerous} may run code and are not accepted.`);
  if (ARCHIVE_EXTENSIONS.has(extensionOf(a.filename))) {
    return reject('archive', 'Archives are not opened or stored; send the documents themselves.');
  }
  if (HTML_EXTENSIONS.has(extensionOf(a.filename)) || HTML_TYPES.has(declared)) {
    return reject('html', 'HTML attachments are not accepted; send a PDF.');
  }
  // The bytes decide; mail clients label attachments loosely (octet-stream, x-download, …).
  const detected = await detectDocumentType(a.content, null);
  if (!detected.ok) {
    const archive = detected.detected !== null && /zip|rar|7z|gzip|x-tar|bzip|xz|cab/.test(detected.detected);
    return reject(archive ? 'archive' : 'type_not_allowed', detected.message);
  }
  // A PDF named photo.jpg is odd but harmless: the stored type is the detected one.
  const filename = (a.filename ?? '').trim() || `attachment.${detected.extension}`;
  return { ok: true, filename, mediaType: detected.mediaType, content: a.content, sha256 };
}
