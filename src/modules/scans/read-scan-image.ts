import type { Language } from '../../db/schema.ts';
import { detectScanLanguage } from './detect-scan-language.ts';
import type { OcrEngine } from './ocr-engine.ts';
import type { MissingOcrLanguage, OcrLanguage } from './ocr-language-data.ts';
import { MAX_SCAN_PAGES, rasterisePdf, SCAN_DPI } from './rasterise-pdf.ts';

export type ScanReading = {
  text: string;
  /** Mean word confidence over the pages, weighted by how much text each page had (0–100). */
  confidence: number;
  language: Language | null;
  pageCount: number;
  pagesRead: number;
  ocrLanguages: OcrLanguage[];
  missingLanguages: MissingOcrLanguage[];
};

/** The text of a scanned file: each page of a PDF rasterised (up to MAX_SCAN_PAGES), or the image. */
export async function readScanImage(
  engine: OcrEngine,
  bytes: Uint8Array,
  mediaType: string,
): Promise<ScanReading> {
  let pages: Uint8Array[];
  let pageCount: number;
  if (mediaType === 'application/pdf') {
    const pdf = await rasterisePdf(bytes, { dpi: SCAN_DPI, maxPages: MAX_SCAN_PAGES });
    pages = pdf.pages;
    pageCount = pdf.pageCount;
  } else {
    pages = [bytes];
    pageCount = 1;
  }
  const texts: string[] = [];
  let weighted = 0;
  let weight = 0;
  for (const page of pages) {
    const result = await engine.recognise(page);
    const text = result.text.trim();
    texts.push(text);
    weighted += result.confidence * text.length;
    weight += text.length;
  }
  const text = texts.filter((t) => t.length > 0).join('\n\n');
  return {
    text,
    confidence: weight > 0 ? weighted / weight : 0,
    language: detectScanLanguage(text),
    pageCount,
    pagesRead: pages.length,
    ocrLanguages: engine.languages,
    missingLanguages: engine.missing,
  };
}
