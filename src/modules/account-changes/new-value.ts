import { z } from 'zod';
import type { AccountChangeField, Address, Language } from '../../db/schema.ts';
import { canonicalJson } from '../../lib/canonical-json.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { type BankAccount, BankAccountInputSchema, validateBankAccount } from '../bank-accounts/index.ts';
import { AddressSchema, LanguageSchema } from '../customers/index.ts';

// The new value of each field, checked the same way whoever asks (portal, phone, seed): its shape
// first (400 validation_failed), then, for a bank account, the scheme's rules (422
// bank_account_invalid). Paths always start at `newValue`, the body field the value came in.

export const PhoneSchema = z
  .string()
  .transform((s) => s.replace(/[\s()-]/g, ''))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'international format, e.g. +46701234567'));

export const EmailSchema = z
  .email()
  .max(254)
  .transform((s) => s.toLowerCase());

// Postal codes are checked for the two countries we write letters in, so that a letter to a new
// address is not printed with a code the post cannot sort: Sweden's are five digits written
// "NNN NN" (PostNord; "41124" is accepted and stored with the space), Italy's CAP five digits.
// Addresses abroad keep the customer-register rule (any 1–20 characters).
const POSTAL_CODES: Record<string, { pattern: RegExp; normal: (s: string) => string; example: string }> = {
  SE: {
    pattern: /^\d{3} ?\d{2}$/,
    normal: (s) => `${s.replace(' ', '').slice(0, 3)} ${s.replace(' ', '').slice(3)}`,
    example: '411 24',
  },
  IT: { pattern: /^\d{5}$/, normal: (s) => s, example: '00184' },
};

export const ChangedAddressSchema = AddressSchema.superRefine((a, ctx) => {
  const rule = POSTAL_CODES[a.country];
  if (rule && !rule.pattern.test(a.postalCode)) {
    ctx.addIssue({
      code: 'custom',
      path: ['postalCode'],
      message: `A postal code in ${a.country} is five digits, e.g. ${rule.example}.`,
      params: { code: 'postal_code_format' },
    });
  }
}).transform((a) => {
  const rule = POSTAL_CODES[a.country];
  return rule ? { ...a, postalCode: rule.normal(a.postalCode) } : a;
});

export type NewValue =
  | { field: 'address'; value: Address }
  | { field: 'phone'; value: string }
  | { field: 'email'; value: string }
  | { field: 'preferred_language'; value: Language }
  | { field: 'bank_account'; value: BankAccount };

export type ContactField = Exclude<AccountChangeField, 'bank_account'>;

const SHAPES = {
  address: ChangedAddressSchema,
  phone: PhoneSchema,
  email: EmailSchema,
  preferred_language: LanguageSchema,
  bank_account: BankAccountInputSchema,
} as const;

const at = (path: PropertyKey[]) => ['newValue', ...path.map((p) => (typeof p === 'symbol' ? String(p) : p))];

export function parseNewValue(field: AccountChangeField, raw: unknown): NewValue {
  const parsed = SHAPES[field].safeParse(raw);
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((i) => ({
      in: 'body',
      path: at(i.path),
      // A rule of our own names itself (postal_code_format) rather than zod's generic "custom".
      code: i.code === 'custom' && typeof i.params?.code === 'string' ? i.params.code : i.code,
      message: i.message,
    }));
    throw new AppError('validation_failed', `The new ${field.replace('_', ' ')} is not in the right form.`, {
      errors,
    });
  }
  if (field !== 'bank_account') return { field, value: parsed.data } as NewValue;
  const checked = validateBankAccount(parsed.data as z.infer<typeof BankAccountInputSchema>);
  if (!checked.ok) {
    throw new AppError('bank_account_invalid', checked.problems.map((p) => p.message).join(' '), {
      errors: checked.problems.map((p) => ({
        in: 'body',
        path: at(p.path),
        code: p.code,
        message: p.message,
      })),
    });
  }
  return { field, value: checked.value };
}

/** Equal as values (an address with the same parts, the same account), whatever the key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}
