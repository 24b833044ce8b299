import { z } from 'zod';

// A product version's configuration document: what each cover pays for and on what terms. It is
// stored as JSON and validated here before it is ever saved; the assessment engine reads nothing
// else. Every rule carries its clause reference and a text in sv/it/en, so that an assessment can
// cite the policy terms to the customer in their own language.
//
// Amounts are integer minor units in the product's currency. Shares are in permille (thousandths)
// so that they stay integers: 200 = 20 %.

export const LocalizedSchema = z
  .object({ sv: z.string().min(1), it: z.string().min(1), en: z.string().min(1) })
  .strict()
  .meta({ id: 'Localized', description: 'Text in Swedish, Italian and English' });

export const DOCUMENT_KINDS = [
  'receipt',
  'medical_certificate',
  'police_report',
  'employer_statement',
  'travel_booking',
  'income_statement',
  'property_irregularity_report',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const BenefitCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'upper-case code such as MEDICAL_EXPENSES');
const Clause = z.string().regex(/^§\d+(\.\d+)*$/, 'a clause reference such as §4.2');
const Minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Permille = z.number().int().min(0).max(1000);

const LimitsSchema = z
  .object({
    perLineMinor: Minor.optional(),
    perClaimMinor: Minor.optional(),
    perYearMinor: Minor.optional().describe('per policy year, counted from the policy start'),
    lifetimeMinor: Minor.optional(),
    per: z
      .enum(['insured_person', 'policy'])
      .default('insured_person')
      .describe('whose payments count against the year/lifetime limits'),
    clause: Clause,
  })
  .strict();

const CoverSchema = z
  .object({
    benefitCode: BenefitCode,
    name: LocalizedSchema,
    clause: Clause,
    requiredDocuments: z.array(z.enum(DOCUMENT_KINDS)).default([]),
    limits: LimitsSchema.optional(),
    coPayment: z
      .object({
        sharePermille: Permille.describe("the customer's own share of each eligible amount"),
        clause: Clause,
      })
      .strict()
      .optional(),
    waitingPeriod: z
      .object({
        days: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .describe('no cover for incidents within this many days of the policy start'),
        clause: Clause,
      })
      .strict()
      .optional(),
  })
  .strict();

const ExclusionSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case code such as war_zone'),
    clause: Clause,
    text: LocalizedSchema,
    // An exclusion applies when every condition it names matches (unnamed conditions match all).
    benefitCodes: z.array(BenefitCode).min(1).optional(),
    causes: z.array(z.string().min(1)).min(1).optional().describe('incident causes, e.g. "extreme_sports"'),
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .min(1)
      .optional()
      .describe('incident countries'),
    preExistingCondition: z
      .literal(true)
      .optional()
      .describe('applies when the claim is flagged as a pre-existing condition'),
  })
  .strict();

const DeductibleSchema = z
  .object({
    amountMinor: Minor,
    per: z.enum(['claim', 'year']).describe('once per claim, or once per insured person and policy year'),
    clause: Clause,
  })
  .strict();

const DailyBenefitSchema = z
  .object({
    benefitCode: BenefitCode,
    incomeSharePermille: Permille.min(1).describe(
      'share of declared annual income, in thousandths (800 = 80 %)',
    ),
    dailyCapMinor: Minor.min(1),
    waitingDays: z
      .number()
      .int()
      .min(0)
      .max(90)
      .describe('unpaid days at the start of each sickness period (karensdag)'),
    maxDaysPerPeriod: z.number().int().positive().describe('paid days per policy year'),
    clause: Clause,
  })
  .strict();

const InformationRequestTermsSchema = z
  .object({
    answerDays: z.number().int().min(1).max(365).describe('calendar days from the request to the final date'),
    reminderDaysBefore: z
      .array(z.number().int().min(1).max(365))
      .max(5)
      .refine((days) => days.every((d, i) => i === 0 || d < (days[i - 1] as number)), {
        message: 'reminder days must be strictly decreasing (earliest reminder first)',
      })
      .describe('send a reminder this many days before the final date'),
    onNoAnswer: z.enum(['close', 'deny']).describe('what happens to the claim when the final date passes'),
    clause: Clause,
  })
  .strict();

/** When a product says nothing: 30 days, reminders 14 and 3 days before, then the claim is closed. */
export const DEFAULT_INFORMATION_REQUEST_TERMS = {
  answerDays: 30,
  reminderDaysBefore: [14, 3],
  onNoAnswer: 'close',
  clause: null,
} as const;

export const ProductConfigSchema = z
  .object({
    covers: z.array(CoverSchema).min(1),
    exclusions: z.array(ExclusionSchema).default([]),
    deductible: DeductibleSchema.optional(),
    premiumTerms: z
      .object({
        graceDays: z.number().int().min(0).max(365),
        lapseAfterDays: z.number().int().min(0).max(3650),
        clause: Clause.optional(),
      })
      .strict()
      .refine((t) => t.graceDays <= t.lapseAfterDays, {
        message: 'graceDays must not exceed lapseAfterDays',
        path: ['graceDays'],
      }),
    dailyBenefit: DailyBenefitSchema.optional(),
    straightThroughLimitMinor: Minor.optional().describe(
      'clean claims paying at most this much are decided without a person',
    ),
    informationRequests: InformationRequestTermsSchema.optional().describe(
      'how long the customer has to answer a request for information, the reminders, and what happens without an answer',
    ),
  })
  .strict()
  .superRefine((config, ctx) => {
    const codes = new Set<string>();
    config.covers.forEach((c, i) => {
      if (codes.has(c.benefitCode)) {
        ctx.addIssue({
          code: 'custom',
          message: `benefit code ${c.benefitCode} appears twice`,
          path: ['covers', i, 'benefitCode'],
        });
      }
      codes.add(c.benefitCode);
    });
    if (config.dailyBenefit && !codes.has(config.dailyBenefit.benefitCode)) {
      ctx.addIssue({
        code: 'custom',
        message: 'the daily benefit must name one of the covers',
        path: ['dailyBenefit', 'benefitCode'],
      });
    }
    config.exclusions.forEach((e, i) => {
      e.benefitCodes?.forEach((code, j) => {
        if (!codes.has(code)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown benefit code ${code}`,
            path: ['exclusions', i, 'benefitCodes', j],
          });
        }
      });
    });
  })
  .meta({ id: 'ProductConfig' });

export type ProductConfig = z.infer<typeof ProductConfigSchema>;
export type Cover = ProductConfig['covers'][number];
export type Exclusion = ProductConfig['exclusions'][number];
export type ProductConfigInput = z.input<typeof ProductConfigSchema>;
