export { detectScanLanguage } from './detect-scan-language.ts';
export { getScan, listScans, loadScanView, ScanListQuerySchema, scanJobKey } from './find-scans.ts';
export { linkScan } from './link-scan.ts';
export {
  closeSharedOcrEngine,
  createOcrEngine,
  type OcrEngine,
  type OcrPageResult,
  sharedOcrEngine,
  tesseractLocalPaths,
} from './ocr-engine.ts';
export {
  findOcrLanguageData,
  type MissingOcrLanguage,
  OCR_LANGUAGES,
  type OcrDataOptions,
  type OcrLanguage,
  type OcrLanguageData,
  type OcrLanguageFile,
} from './ocr-language-data.ts';
export { MAX_SCAN_PAGES, type RasterisedPdf, rasterisePdf, SCAN_DPI } from './rasterise-pdf.ts';
export { readScanImage, type ScanReading } from './read-scan-image.ts';
export { recogniseScanJob, SCAN_OCR_JOB, SCAN_OCR_MAX_ATTEMPTS } from './recognise-scan-job.ts';
export { scanRoutes } from './routes.ts';
export { judgeReadability, MIN_CONFIDENCE, MIN_LETTERS, type Readability } from './scan-readability.ts';
export {
  SCAN_MEDIA_TYPES,
  SCAN_STATUSES,
  type ScanExtracted,
  type ScanLink,
  ScanSchema,
  type ScanStatus,
  type ScanView,
} from './scan-schemas.ts';
export { type UploadScanResult, uploadScan } from './upload-scan.ts';
