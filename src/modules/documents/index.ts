export { assertDocumentsOfCustomer } from './assert-documents-of-customer.ts';
export {
  claimDocumentChecklist,
  type DocumentChecklist,
  DocumentChecklistSchema,
} from './claim-document-checklist.ts';
export {
  ALLOWED_MEDIA_TYPES,
  type DetectedType,
  type DocumentMediaType,
  detectDocumentType,
} from './detect-document-type.ts';
export { canSeeReferral, visibleRecordCustomer } from './document-access.ts';
export { buildDocumentChecklist, type ChecklistItem } from './document-checklist.ts';
export {
  ALL_DOCUMENT_ENTITY_TYPES,
  DOCUMENT_ENTITY_TYPES,
  DOCUMENT_META_COLUMNS,
  DocumentSchema,
  type DocumentTarget,
  type DocumentView,
  MAX_DOCUMENT_BYTES,
  toDocumentView,
} from './document-schemas.ts';
export {
  configureDocumentStore,
  type DocumentStore,
  documentStore,
  LocalDiskStore,
  setDocumentStore,
  sha256Hex,
  storageKeyOf,
} from './document-store.ts';
export { getDocument, getDocumentContent, listDocuments } from './find-documents.ts';
export {
  MULTIPART,
  passThroughValidator,
  readUploadForm,
  registerUploadParser,
  type UploadForm,
  type UploadFormSpec,
  uploadIdempotencyKey,
} from './multipart-upload.ts';
export { documentRoutes } from './routes.ts';
export { attachmentDisposition, MAX_FILENAME_LENGTH, safeFilename } from './safe-filename.ts';
export {
  checkDocumentContent,
  documentFileLock,
  readDocumentBytes,
  type StoreDocumentOptions,
  type StoredDocument,
  storeDocument,
  tooLarge,
} from './store-document.ts';
export { type UploadDocumentResult, uploadDocument } from './upload-document.ts';
