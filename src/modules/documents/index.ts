export { assertDocumentsOfCustomer } from './assert-documents-of-customer.ts';
export {
  ALLOWED_MEDIA_TYPES,
  type DetectedType,
  type DocumentMediaType,
  detectDocumentType,
} from './detect-document-type.ts';
export { canSeeReferral, visibleRecordCustomer } from './document-access.ts';
export {
  DOCUMENT_ENTITY_TYPES,
  DocumentSchema,
  type DocumentTarget,
  type DocumentView,
  MAX_DOCUMENT_BYTES,
} from './document-schemas.ts';
export { getDocument, getDocumentContent, listDocuments } from './find-documents.ts';
export { documentRoutes } from './routes.ts';
export { attachmentDisposition, MAX_FILENAME_LENGTH, safeFilename } from './safe-filename.ts';
export { type UploadDocumentResult, uploadDocument } from './upload-document.ts';
