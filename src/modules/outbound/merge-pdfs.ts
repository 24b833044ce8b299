import { PDFDocument } from 'pdf-lib';

// A print batch is one PDF: every letter's pages, in order. Each letter starts on a right-hand
// page when printed on both sides: a letter with an odd number of pages is followed by a blank
// one, so no letter is printed on the back of another customer's.

export async function mergePdfs(pdfs: readonly Uint8Array[], title: string): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  out.setTitle(title);
  out.setCreator('Claimdesk');
  for (const bytes of pdfs) {
    const letter = await PDFDocument.load(bytes);
    const pages = await out.copyPages(letter, letter.getPageIndices());
    for (const page of pages) out.addPage(page);
    if (pages.length % 2 === 1) {
      const last = pages[pages.length - 1];
      out.addPage(last ? [last.getWidth(), last.getHeight()] : undefined);
    }
  }
  return out.save();
}
