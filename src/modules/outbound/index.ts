export { type ClaimTemplateId, claimLetter } from './claim-templates.ts';
export { createPrintBatch, MAX_LETTERS_PER_BATCH, type PrintBatchResult } from './create-print-batch.ts';
export { type DecisionLetterData, type DecisionLine, decisionLetter } from './decision-letter.ts';
export { DELIVERY_JOB, sendDeliveryJob } from './deliver-notification.ts';
export { type DeliveryView, type PrintBatchView, toDeliveryView } from './delivery-schemas.ts';
export {
  getDelivery,
  getDeliveryPdf,
  getPrintBatch,
  getPrintBatchPdf,
  listOutbox,
} from './find-deliveries.ts';
export type { LetterContent, TemplateId } from './letter-content.ts';
export { type LetterRecipient, letterDocument } from './letter-document.ts';
export { formatLetterDate, formatLetterMoney } from './letter-format.ts';
export { renderLetterPdf } from './letter-pdf.ts';
export { LETTERHEADS, letterheadFor } from './letter-texts.ts';
export { mailSettingsOf } from './mail-settings.ts';
export { letterText } from './render-text.ts';
export { outboundRoutes } from './routes.ts';
export { MAX_SEND_ATTEMPTS, retryDelayMs, retryJobKey } from './send-delivery.ts';
export { type MailSettings, messageIdFor } from './smtp-mailer.ts';
export { templatePreviewRoutes } from './template-preview-routes.ts';
export { composeLetter, type LetterInput, NOTICE_TEMPLATES, templateOf } from './templates.ts';
