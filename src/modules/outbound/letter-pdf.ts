import pdfmake from 'pdfmake';
import type { PdfDocument } from './letter-document.ts';

// pdfmake on the server, with the standard 14 fonts (Helvetica): built into every PDF reader, so
// nothing is bundled and nothing is fetched. pdfmake 0.3 can fetch images and fonts by URL and read
// local files; a letter needs neither (and a text in it must never make it try), so both are refused.

const HELVETICA = {
  normal: 'Helvetica',
  bold: 'Helvetica-Bold',
  italics: 'Helvetica-Oblique',
  bolditalics: 'Helvetica-BoldOblique',
};
/** pdfmake asks the local policy about font names too; the standard ones are not files. */
const STANDARD_FONTS = new Set(Object.values(HELVETICA));

let configured = false;

function configure(): void {
  if (configured) return;
  pdfmake.setFonts({ Helvetica: HELVETICA });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => STANDARD_FONTS.has(path));
  configured = true;
}

/** The PDF's bytes. */
export async function renderLetterPdf(document: PdfDocument): Promise<Uint8Array> {
  configure();
  const buffer = await pdfmake.createPdf(document as never).getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
