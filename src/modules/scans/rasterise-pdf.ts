import { createRequire } from 'node:module';
import path from 'node:path';

// PDF pages to PNG images for the OCR: pdf.js (Mozilla's renderer, pure JavaScript) drawing on
// @napi-rs/canvas (Skia, prebuilt for the platform by npm; nothing downloaded at run time). Fonts a
// PDF does not embed come from pdf.js's own standard font files, never from the system or a URL.
// PDFs come from outside: no eval, a page limit, and a pixel limit per page.

/** ~200 dpi: what Tesseract reads best for letter-sized print (its sweet spot is 200–300). */
export const SCAN_DPI = 200;
/** A letter is a few pages; a 300-page PDF is not a letter and would hold the OCR for minutes. */
export const MAX_SCAN_PAGES = 10;
/** A page larger than A2 at 200 dpi is scaled down to this many pixels on its longer side. */
const MAX_PAGE_PIXELS_SIDE = 5000;

export type RasterisedPdf = { pages: Uint8Array[]; pageCount: number };

const require = createRequire(import.meta.url);

function pdfjsDir(): string {
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

export async function rasterisePdf(
  bytes: Uint8Array,
  opts: { dpi?: number; maxPages?: number } = {},
): Promise<RasterisedPdf> {
  const dpi = opts.dpi ?? SCAN_DPI;
  const maxPages = opts.maxPages ?? MAX_SCAN_PAGES;
  // Loaded on first use: the server starts without paying for pdf.js and Skia.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
  const dir = pdfjsDir();
  const document = await pdfjs.getDocument({
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    standardFontDataUrl: `${path.join(dir, 'standard_fonts')}${path.sep}`,
    cMapUrl: `${path.join(dir, 'cmaps')}${path.sep}`,
    cMapPacked: true,
    wasmUrl: `${path.join(dir, 'wasm')}${path.sep}`,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: Uint8Array[] = [];
    const count = Math.min(document.numPages, maxPages);
    for (let n = 1; n <= count; n++) {
      const page = await document.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const scale = Math.min(dpi / 72, MAX_PAGE_PIXELS_SIDE / Math.max(base.width, base.height));
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: canvas as never, canvasContext: context as never, viewport }).promise;
      pages.push(new Uint8Array(await canvas.encode('png')));
      page.cleanup();
    }
    return { pages, pageCount: document.numPages };
  } finally {
    await document.destroy();
  }
}
