// Filenames come from the uploader's machine and go back out in a Content-Disposition header and
// in lists staff read: keep the last path segment only, drop control and bidirectional-override
// characters (which can disguise "cod.exe" as "exe.doc"), and cap the length (pure).

export const MAX_FILENAME_LENGTH = 200;

// C0/C1 controls, DEL, and the Unicode bidi embedding/override/isolate marks.
const UNSAFE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function safeFilename(raw: string | null | undefined, extension: string): string {
  const last = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = last.replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  // "." and ".." are path parts, not names; leading dots would hide the file on Unix.
  name = name.replace(/^\.+/, '').trim();
  if (name === '') name = `document.${extension}`;
  if ([...name].length <= MAX_FILENAME_LENGTH) return name;
  // Too long: keep the extension and cut the stem (by code points, never in a surrogate pair).
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  const stem = [...name.slice(0, name.length - ext.length)].slice(0, MAX_FILENAME_LENGTH - ext.length);
  return `${stem.join('').trimEnd()}${ext}`;
}

/** `attachment` with an ASCII fallback and the exact name in RFC 5987 encoding (RFC 6266). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
