/**
 * JSON with object keys sorted at every level, so that the same value always gives the same
 * text (and hash), whatever order its keys were built in. Used for the audit hash chain and for
 * idempotency request fingerprints.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, (v as Record<string, unknown>)[k]]),
      );
    }
    return v;
  });
}
