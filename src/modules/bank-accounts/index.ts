export {
  type BankAccountInput,
  BankAccountInputSchema,
  BankAccountSchema,
  BankAccountValueSchema,
  type BankAccountView,
} from './bank-account-schemas.ts';
export {
  bankAccountChangedWithin,
  bankAccountOf,
  currentBankAccount,
  listCustomerBankAccounts,
  toBankAccountView,
} from './find-bank-accounts.ts';
export { checkBankgiro, checkPlusgiro, printBankgiro, printPlusgiro } from './giro-numbers.ts';
export { checkBic, checkIban, normaliseIban, printIban } from './iban.ts';
export { hasValidItalianCin, italianCin } from './italian-cin.ts';
export { luhnCheckDigitOf } from './luhn.ts';
export { bankAccountRoutes } from './routes.ts';
export {
  type BankAccount,
  type BankAccountProblem,
  displayBankAccount,
  maskBankAccount,
  validateBankAccount,
} from './validate-bank-account.ts';
