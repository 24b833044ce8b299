import { fill, type LetterBlock, type LetterContent } from './letter-content.ts';
import { CLOSING, LABELS, type Letterhead } from './letter-texts.ts';

// The letter as plain text: the body of the email, and what the outbox shows. Tables become
// aligned columns (amounts right-aligned), so the calculation reads the same as in the PDF.

export function letterText(content: LetterContent, letterhead: Letterhead, dateText: string): string {
  const labels = LABELS[content.language];
  const out: string[] = [
    content.title,
    `${labels[content.referenceKind]}: ${content.reference} · ${labels.date}: ${dateText}`,
    '',
  ];
  for (const block of content.blocks) out.push(...blockText(block), '');
  out.push(...CLOSING[content.language].map((line) => fill(line, { company: letterhead.company })));
  out.push(
    '',
    '-- ',
    `${letterhead.company} · ${letterhead.street}, ${letterhead.postalCity} · ${letterhead.phone} · ${letterhead.web}`,
  );
  return `${out.join('\n')}\n`;
}

function blockText(block: LetterBlock): string[] {
  switch (block.kind) {
    case 'heading':
      return [block.text, '-'.repeat(block.text.length)];
    case 'paragraph':
    case 'note':
      return [block.text];
    case 'list':
      return block.items.map((item, i) => `${block.numbered ? `${i + 1}.` : '–'} ${item}`);
    case 'table':
      return tableText(block);
    default: {
      const unknown: never = block;
      throw new Error(`letterText: unknown block ${JSON.stringify(unknown)}`);
    }
  }
}

function tableText(block: Extract<LetterBlock, { kind: 'table' }>): string[] {
  const rows = [block.columns, ...block.rows, ...(block.total ? [block.total] : [])];
  const widths = block.columns.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) =>
        c >= block.amountsFrom ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const body = block.rows.map(line);
  return [line(block.columns), rule, ...body, ...(block.total ? [rule, line(block.total)] : [])];
}
