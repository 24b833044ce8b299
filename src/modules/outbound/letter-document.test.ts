import { describe, expect, it } from 'vitest';
import type { LetterContent } from './letter-content.ts';
import { addressLines, letterDocument } from './letter-document.ts';
import { LETTERHEADS } from './letter-texts.ts';
import { letterText } from './render-text.ts';

const MM = 72 / 25.4;

const content: LetterContent = {
  template: 'decision_partial',
  language: 'sv',
  subject: 'Beslut om skadeanmälan CLM-2026-000001: delvis godkänd',
  title: 'Beslut: din skadeanmälan är delvis godkänd',
  reference: 'CLM-2026-000001',
  referenceKind: 'claim',
  blocks: [
    { kind: 'paragraph', text: 'Hej Åsa Öberg,' },
    { kind: 'heading', text: 'Så har vi räknat' },
    {
      kind: 'table',
      columns: ['Kostnadspost', 'Begärt', 'Utbetalas'],
      rows: [['1. Läkarbesök', '8 000,00 kr', '6 750,00 kr']],
      total: ['Summa', '8 000,00 kr', '6 750,00 kr'],
      amountsFrom: 1,
    },
    { kind: 'list', items: ['Självrisk −500 kr'], numbered: true },
  ],
  formal: true,
};
const recipient = {
  name: 'Åsa Öberg',
  address: { street: 'Hornsgatan 48', postalCode: '118 21', city: 'Stockholm', country: 'SE' },
};

describe('the letter as a PDF document', () => {
  const doc = letterDocument({
    content,
    letterhead: LETTERHEADS.SE,
    senderCountry: 'SE',
    recipient,
    dateText: '16 mars 2026',
    customerNumber: 'CUS-000042',
  });

  it('puts the address inside a window envelope’s window (20 mm from the left, 45–90 mm from the top)', () => {
    const address = doc.content[1] as { stack: string[]; absolutePosition: { x: number; y: number } };
    expect(address.stack).toEqual(['Åsa Öberg', 'Hornsgatan 48', '118 21 Stockholm']);
    expect(address.absolutePosition.x).toBeGreaterThanOrEqual(20 * MM);
    expect(address.absolutePosition.y).toBeGreaterThan(45 * MM);
    expect(address.absolutePosition.y + 4 * 14).toBeLessThan(90 * MM);
    const reference = doc.content[2] as { stack: { text: string }[] };
    expect(reference.stack.map((l) => l.text)).toEqual([
      'Datum: 16 mars 2026',
      'Skadenummer: CLM-2026-000001',
      'Kundnummer: CUS-000042',
    ]);
  });

  it('numbers every page in the letter’s language and names the company in the footer', () => {
    const footer = (doc.footer as (page: number, pages: number) => { columns: { text: string }[] })(2, 3);
    expect(footer.columns[1]?.text).toBe('Sida 2 av 3');
    expect(footer.columns[0]?.text).toContain('Org.nr 556000-0000 (platshållare)');
  });

  it('writes text the standard fonts can show', () => {
    expect(JSON.stringify(doc.content)).toContain('Självrisk -500 kr');
  });

  it('adds the country line to a letter that crosses a border', () => {
    const abroad = { ...recipient, address: { ...recipient.address, country: 'IT', city: 'Milano' } };
    expect(addressLines(abroad, 'SE', 'sv').at(-1)).toBe('ITALIEN');
    expect(addressLines(abroad, 'IT', 'it')).toHaveLength(3);
  });
});

describe('the letter as text', () => {
  it('has the title, reference, body, an aligned table and the closing', () => {
    const text = letterText(content, LETTERHEADS.SE, '16 mars 2026');
    expect(text).toContain('Skadenummer: CLM-2026-000001 · Datum: 16 mars 2026');
    expect(text).toMatch(/1\. Läkarbesök\s+8 000,00 kr\s+6 750,00 kr/);
    expect(text).toContain('1. Självrisk −500 kr');
    expect(text).toContain('Med vänliga hälsningar\nClaimdesk Försäkring AB');
  });
});
