import { z } from 'zod';
import type { Localized } from '../../db/schema.ts';
import { CountrySchema } from '../customers/customer-schemas.ts';
import { LocalizedSchema } from './product-config-schema.ts';

const DateSchema = z.iso.date();

export const NewProductSchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9-]{2,39}$/, 'upper-case code such as SE-TRAVEL'),
    kind: z.enum(['insurance', 'benefit_programme']),
    name: LocalizedSchema,
    country: CountrySchema,
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code such as SEK or EUR'),
  })
  .strict()
  .meta({ id: 'NewProduct' });

export const NewProductVersionSchema = z
  .object({
    effectiveFrom: DateSchema,
    effectiveTo: DateSchema.optional(),
    status: z.enum(['draft', 'active']).default('draft'),
    // Validated by ProductConfigSchema in the use case, so its errors carry the `config.` path and
    // the product_config_invalid code rather than a generic validation failure.
    config: z.unknown(),
  })
  .strict()
  .meta({ id: 'NewProductVersion' });

export const ProductVersionSchema = z
  .object({
    id: z.uuid(),
    productId: z.uuid(),
    version: z.number().int(),
    status: z.enum(['draft', 'active', 'retired']),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    config: z.unknown(),
    createdAt: z.string(),
  })
  .meta({ id: 'ProductVersion' });

export const ProductSchema = z
  .object({
    id: z.uuid(),
    code: z.string(),
    kind: z.enum(['insurance', 'benefit_programme']),
    name: LocalizedSchema,
    country: z.string(),
    currency: z.string(),
    versions: z.array(ProductVersionSchema),
  })
  .meta({ id: 'Product' });

export type ProductView = z.infer<typeof ProductSchema>;
export type ProductVersionView = z.infer<typeof ProductVersionSchema>;

export function toVersionView(r: {
  id: string;
  product_id: string;
  version: number;
  status: 'draft' | 'active' | 'retired';
  effective_from: string;
  effective_to: string | null;
  config: unknown;
  created_at: Date;
}): ProductVersionView {
  return {
    id: r.id,
    productId: r.product_id,
    version: r.version,
    status: r.status,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    config: r.config,
    createdAt: r.created_at.toISOString(),
  };
}

export type LocalizedName = Localized;
