import { z } from 'zod';

// The payment rules an insurer sets (docs/payments.md): its own bank accounts (the debtor of every
// pain.001 file), the four-eyes limits per currency, how long a freshly changed bank account holds
// a payment, and when an unsettled payment warns and then opens a case. One process-wide value,
// set once at start-up by configureProcess from the environment (CLAIMDESK_PAYMENTS, a JSON
// document validated here), defaults otherwise; tests may set their own with configurePayments.

const DebtorSchema = z.object({
  name: z.string().min(1).max(70),
  iban: z.string().regex(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/, 'an IBAN in electronic format (no spaces)'),
  bic: z
    .string()
    .regex(/^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'a BIC')
    .nullable(),
});

const CurrencySettingsSchema = z.object({
  debtor: DebtorSchema,
  /** A single payment above this needs a second person's approval before it may be batched. */
  singleApprovalLimitMinor: z.number().int().positive(),
  /** A batch whose total is above this needs a second person's approval before release. */
  batchApprovalLimitMinor: z.number().int().positive(),
});

export const PaymentSettingsSchema = z
  .object({
    currencies: z.record(z.string().regex(/^[A-Z]{3}$/), CurrencySettingsSchema),
    /** A payment to an account changed within this many days is held for review (fraud pattern). */
    accountChangeHoldDays: z.number().int().min(0).max(365),
    /** Banking days after the execution date before an unsettled payment warns the payments desk. */
    delayWarningBankingDays: z.number().int().min(1).max(60),
    /** Banking days after the execution date before an unsettled payment opens a payment-delay case. */
    delayCaseBankingDays: z.number().int().min(1).max(90),
  })
  .strict()
  .refine((s) => s.delayCaseBankingDays > s.delayWarningBankingDays, {
    message: 'delayCaseBankingDays must be after delayWarningBankingDays',
    path: ['delayCaseBankingDays'],
  });

export type PaymentSettings = z.infer<typeof PaymentSettingsSchema>;
export type CurrencyPaymentSettings = z.infer<typeof CurrencySettingsSchema>;

// Demo defaults: the insurer's own accounts (valid IBAN checksums; not real accounts).
export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = {
  currencies: {
    SEK: {
      debtor: { name: 'Claimdesk Försäkring AB', iban: 'SE4550000000058398257466', bic: 'ESSESESS' },
      singleApprovalLimitMinor: 100_000_00,
      batchApprovalLimitMinor: 500_000_00,
    },
    EUR: {
      debtor: {
        name: 'Claimdesk Assicurazioni S.p.A.',
        iban: 'IT60X0542811101000000123456',
        bic: 'BPMOIT22',
      },
      singleApprovalLimitMinor: 10_000_00,
      batchApprovalLimitMinor: 50_000_00,
    },
  },
  accountChangeHoldDays: 30,
  delayWarningBankingDays: 2,
  delayCaseBankingDays: 5,
};

let current: PaymentSettings = DEFAULT_PAYMENT_SETTINGS;

export function configurePayments(settings: PaymentSettings): void {
  current = PaymentSettingsSchema.parse(settings);
}

export function paymentSettings(): PaymentSettings {
  return current;
}

/** The settings of one currency, or undefined when the insurer does not pay in it. */
export function currencySettings(currency: string): CurrencyPaymentSettings | undefined {
  return Object.hasOwn(current.currencies, currency) ? current.currencies[currency] : undefined;
}
