import type { Address, Language } from '../../db/schema.ts';
import { fill, type LetterBlock, type LetterContent } from './letter-content.ts';
import { LETTER_LOCALES } from './letter-format.ts';
import { CLOSING, LABELS, type Letterhead } from './letter-texts.ts';
import { pdfSafeText } from './pdf-text.ts';

// The letter as a pdfmake document (pure: a plain object, turned into bytes by letter-pdf.ts).
// A4, with the address where a window envelope shows it: DIN 5008 / SS 633 put the window 20 mm
// from the left and 45 mm from the top, 90 × 45 mm; the address starts a few millimetres inside it,
// under a one-line return address. The date and the claim or case number stand to the right of
// the window, the body starts below it, and every page has a footer with its number.

const MM = 72 / 25.4;

export type LetterRecipient = { name: string; address: Address };

export type LetterDocumentInput = {
  content: LetterContent;
  letterhead: Letterhead;
  /** The letterhead's country (SE, IT): a recipient abroad gets the country line. */
  senderCountry: string;
  recipient: LetterRecipient;
  /** The letter's date, written out in its language. */
  dateText: string;
  customerNumber: string | null;
};

// pdfmake's document definition, as far as we use it; kept structural so this file stays pure.
export type PdfNode = Record<string, unknown> | string;
export type PdfDocument = Record<string, unknown> & { content: PdfNode[] };

export function letterDocument(input: LetterDocumentInput): PdfDocument {
  const { content, letterhead } = input;
  const language = content.language;
  const labels = LABELS[language];
  const t = pdfSafeText;
  const reference: PdfNode[] = [
    `${labels.date}: ${input.dateText}`,
    `${labels[content.referenceKind]}: ${content.reference}`,
    ...(input.customerNumber ? [`${labels.customerNumber}: ${input.customerNumber}`] : []),
  ].map((line) => ({ text: t(line) }));

  return {
    pageSize: 'A4',
    pageMargins: [25 * MM, 32 * MM, 20 * MM, 24 * MM],
    info: {
      title: t(`${content.reference} – ${content.title}`),
      author: t(letterhead.company),
      subject: t(content.subject),
    },
    defaultStyle: { font: 'Helvetica', fontSize: 10, lineHeight: 1.2 },
    styles: {
      company: { fontSize: 15, bold: true, color: '#1d3557' },
      letterhead: { fontSize: 8, color: '#444444' },
      returnAddress: { fontSize: 6.5, color: '#444444', decoration: 'underline' },
      title: { fontSize: 13, bold: true, margin: [0, 0, 0, 10] },
      heading: { fontSize: 11, bold: true, margin: [0, 6, 0, 4] },
      note: { fontSize: 8.5, italics: true, color: '#333333' },
      table: { fontSize: 8.5 },
      footer: { fontSize: 7, color: '#555555' },
    },
    header: (currentPage: number) =>
      currentPage === 1
        ? {
            margin: [25 * MM, 12 * MM, 20 * MM, 0],
            columns: [
              { text: t(letterhead.company), style: 'company', width: '*' },
              {
                width: 'auto',
                style: 'letterhead',
                alignment: 'right',
                stack: [
                  letterhead.street,
                  `${letterhead.postalCity}, ${letterhead.country}`,
                  letterhead.phone,
                  letterhead.email,
                  letterhead.web,
                ].map(t),
              },
            ],
          }
        : {
            margin: [25 * MM, 12 * MM, 20 * MM, 0],
            columns: [
              { text: t(letterhead.company), bold: true, fontSize: 9 },
              {
                text: t(`${labels[content.referenceKind]}: ${content.reference}`),
                alignment: 'right',
                fontSize: 8,
              },
            ],
          },
    footer: (currentPage: number, pageCount: number) => ({
      margin: [25 * MM, 8 * MM, 20 * MM, 0],
      style: 'footer',
      columns: [
        {
          width: '*',
          text: t(
            `${letterhead.company} · ${letterhead.street}, ${letterhead.postalCity} · ${letterhead.registration} (${labels.placeholder})`,
          ),
        },
        {
          width: 'auto',
          alignment: 'right',
          text: t(fill(labels.page, { page: currentPage, pages: pageCount })),
        },
      ],
    }),
    content: [
      {
        text: t(`${letterhead.company} · ${letterhead.street} · ${letterhead.postalCity}`),
        style: 'returnAddress',
        absolutePosition: { x: 25 * MM, y: 48 * MM },
      },
      {
        stack: addressLines(input.recipient, input.senderCountry, language).map(t),
        fontSize: 10.5,
        lineHeight: 1.15,
        absolutePosition: { x: 25 * MM, y: 54 * MM },
      },
      { stack: reference, fontSize: 9, absolutePosition: { x: 125 * MM, y: 54 * MM } },
      // The body starts below the window: absolutely placed nodes take no room in the flow.
      { text: '', margin: [0, 68 * MM, 0, 0] },
      { text: t(content.title), style: 'title' },
      ...content.blocks.map((b) => blockNode(b)),
      {
        margin: [0, 12, 0, 0],
        stack: CLOSING[language].map((line) => t(fill(line, { company: letterhead.company }))),
      },
    ],
  };
}

/** Name, street, postcode and town; the country in capitals when the letter crosses a border. */
export function addressLines(
  recipient: LetterRecipient,
  senderCountry: string,
  language: Language,
): string[] {
  const a = recipient.address;
  const lines = [recipient.name, a.street, `${a.postalCode} ${a.city}`];
  if (a.country && a.country.toUpperCase() !== senderCountry.toUpperCase()) {
    const names = new Intl.DisplayNames([LETTER_LOCALES[language]], { type: 'region' });
    lines.push((names.of(a.country.toUpperCase()) ?? a.country).toLocaleUpperCase(LETTER_LOCALES[language]));
  }
  return lines.filter((l) => l.trim().length > 0);
}

function blockNode(block: LetterBlock): PdfNode {
  const t = pdfSafeText;
  switch (block.kind) {
    case 'heading':
      return { text: t(block.text), style: 'heading' };
    case 'paragraph':
      return { text: t(block.text), bold: block.strong === true, margin: [0, 0, 0, 8] };
    case 'note':
      return { text: t(block.text), style: 'note', margin: [0, 0, 0, 8] };
    case 'list':
      return block.numbered
        ? { ol: block.items.map(t), margin: [0, 0, 0, 8] }
        : { ul: block.items.map(t), margin: [0, 0, 0, 8] };
    case 'table': {
      const align = (c: number) => (c >= block.amountsFrom ? 'right' : 'left');
      const row = (cells: string[], bold: boolean) =>
        cells.map((cell, c) => ({
          text: t(cell),
          alignment: align(c),
          bold,
          noWrap: c >= block.amountsFrom,
        }));
      return {
        style: 'table',
        margin: [0, 2, 0, 8],
        layout: 'lightHorizontalLines',
        table: {
          headerRows: 1,
          widths: ['*', ...block.columns.slice(1).map(() => 'auto')],
          body: [
            row(block.columns, true),
            ...block.rows.map((r) => row(r, false)),
            ...(block.total ? [row(block.total, true)] : []),
          ],
        },
      };
    }
    default: {
      const unknown: never = block;
      throw new Error(`letterDocument: unknown block ${JSON.stringify(unknown)}`);
    }
  }
}
