// The payments issue holds a payout to an account that changed recently.
export { bankAccountChangedWithin, currentBankAccount } from '../bank-accounts/index.ts';
export {
  CONTACT_LOOKBACK_DAYS,
  oldContactRecipients,
  VERIFICATION_METHODS,
  type VerificationMethod,
} from './account-change-rules.ts';
export {
  type AccountChangeRequestInput,
  AccountChangeSchema,
  type AccountChangeView,
} from './account-change-schemas.ts';
export { approveAccountChange } from './approve-account-change.ts';
export { cancelAccountChange } from './cancel-account-change.ts';
export { getAccountChange, listCaseAccountChanges } from './find-account-changes.ts';
export { rejectAccountChange } from './reject-account-change.ts';
export { requestAccountChange } from './request-account-change.ts';
export { accountChangeRoutes } from './routes.ts';
export { verifyAccountChange } from './verify-account-change.ts';
