// The payments module's public surface (docs/payments.md). Each part adds its exports here.

// Batches, four-eyes release and pain.001 files (helper B).
export { approvePaymentBatch } from './approve-payment-batch.ts';
// camt.054 notifications, settlement, returns and manual status updates (helper C).
export {
  type BankNotificationReport,
  BankNotificationReportSchema,
  type BankNotificationSummary,
  type ReportLine,
} from './bank-notification-report.ts';
export { bankNotificationRoutes } from './bank-notification-routes.ts';
// Payment orders from decisions, holds and their review, late interest, re-payments, recoveries (helper A).
export {
  addBankingDays,
  type BankingCalendar,
  bankingCalendarOf,
  bankingDayOnOrAfter,
  isBankingDay,
  nextBankingDay,
} from './banking-calendar.ts';
export { paymentBatchRoutes } from './batch-routes.ts';
export { type PaymentBatchView, toPaymentBatchView } from './batch-schemas.ts';
export { cancelPaymentBatch } from './cancel-payment-batch.ts';
export { changePaymentStatus, recordInitialPaymentStatus } from './change-payment-status.ts';
export { createPaymentBatch, MAX_PAYMENTS_PER_BATCH } from './create-payment-batch.ts';
export { createPaymentOrdersForDecision } from './create-payment-orders.ts';
export { requestedExecutionDate } from './execution-date.ts';
export { getBankNotificationReport, listBankNotifications } from './find-bank-notifications.ts';
export { getPaymentBatch, getPaymentBatchFile, listPaymentBatches } from './find-payment-batches.ts';
export { findPaymentRow, getPayment, listPayments } from './find-payments.ts';
export {
  type ImportBankNotificationResult,
  importBankNotification,
  MAX_BANK_FILE_BYTES,
} from './import-bank-notification.ts';
// The bank's camt.054 answer, built for the demo seed and the tests (helper E).
export {
  buildCamt054,
  CAMT054_NAMESPACE,
  type Camt054Entry,
  type Camt054Input,
} from './iso20022/build-camt054.ts';
export {
  buildPain001,
  type Pain001Creditor,
  type Pain001File,
  type Pain001Input,
  type Pain001Payment,
} from './iso20022/build-pain001.ts';
export {
  RETURN_REASON_TEXTS,
  type ReturnReasonText,
  returnNeedsNewAccount,
  returnReasonText,
} from './iso20022/camt054-reason-texts.ts';
export { decimalToMinor, minorDigits, minorToDecimal } from './iso20022/pain001-amounts.ts';
export { type CamtTransaction, type ParsedCamt054, parseCamt054 } from './iso20022/parse-camt054.ts';
export { type Iso20022Schema, validateAgainstXsd, type XsdVerdict } from './iso20022/validate-against-xsd.ts';
export {
  type ClaimLedgerView,
  type CustomerLedgerView,
  getClaimLedger,
  getCustomerLedger,
} from './ledger.ts';
export { ledgerRoutes } from './ledger-routes.ts';
export {
  assertLedgerAddsUp,
  claimLedger,
  customerLedger,
  type Ledger,
  type LedgerFigures,
  type LedgerMovement,
} from './ledger-rules.ts';
// Delays, ledger and batch reconciliation (helper D).
export { type DelayStage, type PaymentDelay, paymentDelay } from './payment-delay-rules.ts';
export {
  computeLateInterest,
  daysLate,
  type LateInterest,
  lateInterestFor,
  legalPaymentDate,
} from './payment-interest.ts';
export {
  assertBatchTransition,
  assertPaymentTransition,
  canTransitionPayment,
  LIVE_PAYMENT_STATUSES,
  PAYMENT_TRANSITIONS,
} from './payment-lifecycle.ts';
export { paymentOrderRoutes } from './payment-order-routes.ts';
export { type PaymentOrderDetailView, type PaymentOrderView, toPaymentOrderView } from './payment-schemas.ts';
export {
  configurePayments,
  currencySettings,
  DEFAULT_PAYMENT_SETTINGS,
  type PaymentSettings,
  paymentSettings,
} from './payment-settings.ts';
export { assertPaymentsDesk, PAYMENTS_DEPARTMENT } from './payments-access.ts';
export { readyWaitingPayments } from './ready-waiting-payments.ts';
export { type BatchReconciliation, fileTotals, reconcileBatch } from './reconcile-batch.ts';
export { openRecoveryItem, resolveRecoveryItem } from './recovery-items.ts';
export { referenceRateRoutes } from './reference-rate-routes.ts';
export { listReferenceRates, setReferenceRate } from './reference-rates.ts';
export { releasePaymentBatch } from './release-payment-batch.ts';
export { repayReturnedPayment, repayReturnedPayments } from './repay-returned-payment.ts';
export { type ReturnPaymentOptions, returnPayment } from './return-payment.ts';
export { reviewHeldPayment } from './review-held-payment.ts';
export {
  type ManualPaymentStatus,
  ManualPaymentStatusSchema,
  type PaymentStatusResult,
  setPaymentStatusManually,
} from './set-payment-status-manually.ts';
export { type SettlePaymentOptions, settlePayment } from './settle-payment.ts';
export { decisionFullyPaid, maskedCreditor, orderAmountMinor } from './settlement-rules.ts';
export {
  DELAY_SWEEP_ACTOR,
  type DelaySweepResult,
  PAYMENT_DELAY_SWEEP_EVERY_MS,
  PAYMENT_DELAY_SWEEP_JOB,
  sweepPaymentDelays,
  sweepPaymentDelaysJob,
} from './sweep-payment-delays.ts';
