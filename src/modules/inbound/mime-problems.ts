// What makes a raw message malformed MIME, found without a parser (pure). mailparser is lenient
// by design and makes *something* of any byte stream, so a message it parsed may still have lost
// its parts: a multipart body whose boundary is missing or never appears is read as one blob of
// text, and a "message" without a header section is not one. Such a message is kept as rejected,
// with the reason, its raw size and the first KB of its text, rather than half-understood.

const MAX_HEADER_BYTES = 256 * 1024;

/** The header section: up to the first empty line (or the whole input when there is none). */
export function headerSection(raw: string): string {
  const m = /\r?\n\r?\n/.exec(raw.slice(0, MAX_HEADER_BYTES));
  // Without an empty line the whole input is headers (a message may have no body).
  return m ? raw.slice(0, m.index) : raw.slice(0, MAX_HEADER_BYTES).replace(/\r?\n$/, '');
}

/** A header's unfolded value (the first occurrence), or null. */
export function headerValue(headers: string, name: string): string | null {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const re = new RegExp(`^${name.replace(/[-]/g, '\\-')}[ \\t]*:[ \\t]*(.*)$`, 'im');
  return re.exec(unfolded)?.[1]?.trim() ?? null;
}

/**
 * The first problem found, or null for well-formed input. `raw` is the message as a binary
 * (latin1) string, so that any byte sequence can be scanned.
 */
export function mimeProblem(raw: string): string | null {
  if (raw.trim() === '') return 'The message is empty.';
  const headers = headerSection(raw);
  const lines = headers.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (i > 0 && /^[ \t]/.test(line)) continue; // a folded continuation of the previous field
    if (!/^[!-9;-~]+[ \t]*:/.test(line)) {
      return `Header line ${i + 1} is not a header field ("${printable(line).slice(0, 60)}").`;
    }
  }
  if (!headerValue(headers, 'from')) return 'The message has no From header.';
  // Every multipart entity, at any depth, must name its boundary and use it.
  const contentTypes = raw.matchAll(
    /^content-type[ \t]*:[ \t]*multipart\/[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gim,
  );
  for (const m of contentTypes) {
    const value = m[0].replace(/\r?\n[ \t]+/g, ' ');
    const boundary = /boundary[ \t]*=[ \t]*(?:"([^"]+)"|([^;\s]+))/i.exec(value);
    const name = boundary?.[1] ?? boundary?.[2];
    if (!name) return 'A multipart part has no boundary parameter, so its parts cannot be found.';
    const delimiter = new RegExp(`^--${escapeRegExp(name)}(?:--)?[ \\t]*\\r?$`, 'm');
    if (!delimiter.test(raw.slice((m.index ?? 0) + m[0].length))) {
      return `The multipart boundary "${printable(name).slice(0, 70)}" never appears in the body.`;
    }
  }
  return null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?');
}
