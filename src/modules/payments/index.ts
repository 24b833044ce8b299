// The payments module's public surface (docs/payments.md). Each part adds its exports here.
export { changePaymentStatus, recordInitialPaymentStatus } from './change-payment-status.ts';
export { type Iso20022Schema, validateAgainstXsd, type XsdVerdict } from './iso20022/validate-against-xsd.ts';
export {
  assertBatchTransition,
  assertPaymentTransition,
  canTransitionPayment,
  LIVE_PAYMENT_STATUSES,
  PAYMENT_TRANSITIONS,
} from './payment-lifecycle.ts';
export {
  configurePayments,
  currencySettings,
  DEFAULT_PAYMENT_SETTINGS,
  type PaymentSettings,
  paymentSettings,
} from './payment-settings.ts';
export { assertPaymentsDesk, PAYMENTS_DEPARTMENT } from './payments-access.ts';
