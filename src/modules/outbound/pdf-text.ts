// The PDF letters use the standard 14 fonts (Helvetica), which every PDF reader has and which need
// no font file: nothing to bundle, nothing to download. Their encoding (WinAnsi) covers Swedish
// and Italian completely, but not every character a name or a free-text answer may hold; those
// are written as their base letter (ł → l is not decomposable, so it becomes "?"), never dropped
// silently into a wrong glyph.

const WIN_ANSI_EXTRA = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
  0x0178,
]);

const REPLACEMENTS: Record<string, string> = {
  '\u2212': '-', // minus sign (sv-SE negative amounts)
  '\u2010': '-',
  '\u2011': '-',
  '\u202f': '\u00a0', // narrow no-break space → no-break space
  '\u2009': ' ',
  '\u2007': '\u00a0',
  '\u2192': '->',
  '\u2190': '<-',
};

function encodable(code: number): boolean {
  return (
    code === 0x0a ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WIN_ANSI_EXTRA.has(code)
  );
}

/** The text with every character the standard fonts cannot show replaced by its nearest form. */
export function pdfSafeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (encodable(code)) {
      out += ch;
      continue;
    }
    const replacement = REPLACEMENTS[ch];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    if (code === 0x09 || code === 0x0d) {
      out += ' ';
      continue;
    }
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base.length > 0 && [...base].every((c) => encodable(c.codePointAt(0) as number)) ? base : '?';
  }
  return out;
}
