import { z } from 'zod';

// A product version's configuration document: what each cover pays for and on what terms. Stored
// as JSON, validated here before it is ever saved. This is the foundation's shape; the assessment
// issue adds limits, deductibles, exclusions and formulas to the same document.

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
] as const;

const CoverSchema = z
  .object({
    benefitCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, 'upper-case code such as MEDICAL_EXPENSES'),
    name: LocalizedSchema,
    clause: z.string().regex(/^§\d+(\.\d+)*$/, 'a clause reference such as §4.2'),
    requiredDocuments: z.array(z.enum(DOCUMENT_KINDS)).default([]),
  })
  .strict();

const DailyBenefitSchema = z
  .object({
    benefitCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/),
    incomeSharePermille: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .describe('share of declared income, in thousandths (800 = 80%)'),
    dailyCapMinor: z.number().int().positive(),
    waitingDays: z.number().int().min(0).max(90),
    maxDaysPerPeriod: z.number().int().positive(),
    clause: z.string().regex(/^§\d+(\.\d+)*$/),
  })
  .strict();

export const ProductConfigSchema = z
  .object({
    covers: z.array(CoverSchema).min(1),
    premiumTerms: z
      .object({
        graceDays: z.number().int().min(0).max(365),
        lapseAfterDays: z.number().int().min(0).max(3650),
      })
      .strict()
      .refine((t) => t.graceDays <= t.lapseAfterDays, {
        message: 'graceDays must not exceed lapseAfterDays',
        path: ['graceDays'],
      }),
    dailyBenefit: DailyBenefitSchema.optional(),
    straightThroughLimitMinor: z.number().int().min(0).optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.covers.forEach((c, i) => {
      if (seen.has(c.benefitCode)) {
        ctx.addIssue({
          code: 'custom',
          message: `benefit code ${c.benefitCode} appears twice`,
          path: ['covers', i, 'benefitCode'],
        });
      }
      seen.add(c.benefitCode);
    });
  })
  .meta({ id: 'ProductConfig' });

export type ProductConfig = z.infer<typeof ProductConfigSchema>;
