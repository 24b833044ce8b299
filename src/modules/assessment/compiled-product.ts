import type { Cover, Exclusion, ProductConfig } from '../products/product-config-schema.ts';

// Lookups derived once per product configuration object (configurations are immutable once
// validated and stored, and the caller passes the same object for every claim on that version).
// The config has already been validated by ProductConfigSchema, so nothing here parses it again;
// the few shape checks only turn a garbage object into an error the engine reports as
// `engine_error` instead of a wrong answer.

export type CompiledProduct = {
  config: ProductConfig;
  coverByCode: Map<string, Cover>;
  exclusionByCode: Map<string, Exclusion>;
  dailyBenefitCode: string | null;
};

const cache = new WeakMap<ProductConfig, CompiledProduct>();

export function compileProduct(config: ProductConfig): CompiledProduct {
  const hit = cache.get(config);
  if (hit) return hit;
  if (!Array.isArray(config.covers) || !Array.isArray(config.exclusions)) {
    throw new TypeError('product configuration has no covers or exclusions list');
  }
  const coverByCode = new Map<string, Cover>();
  for (const cover of config.covers) {
    if (typeof cover?.benefitCode !== 'string' || typeof cover.clause !== 'string') {
      throw new TypeError('product configuration has a malformed cover');
    }
    coverByCode.set(cover.benefitCode, cover);
  }
  const exclusionByCode = new Map<string, Exclusion>();
  for (const exclusion of config.exclusions) {
    if (typeof exclusion?.code !== 'string')
      throw new TypeError('product configuration has a malformed exclusion');
    if (!exclusionByCode.has(exclusion.code)) exclusionByCode.set(exclusion.code, exclusion);
  }
  const compiled: CompiledProduct = {
    config,
    coverByCode,
    exclusionByCode,
    dailyBenefitCode: config.dailyBenefit?.benefitCode ?? null,
  };
  cache.set(config, compiled);
  return compiled;
}
