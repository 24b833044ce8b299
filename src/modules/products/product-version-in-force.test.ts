import { describe, expect, it } from 'vitest';
import { productVersionInForce, type VersionPeriod } from './product-version-in-force.ts';

const v = (
  id: string,
  version: number,
  from: string,
  to: string | null,
  status: VersionPeriod['status'] = 'active',
) => ({
  id,
  version,
  status,
  effective_from: from,
  effective_to: to,
});

describe('productVersionInForce', () => {
  const versions = [
    v('v1', 1, '2025-01-01', '2026-01-01'),
    v('v2', 2, '2026-01-01', null),
    v('v3', 3, '2026-06-01', null, 'draft'),
  ];

  it.each([
    ['2025-06-30', 'v1'],
    ['2026-01-01', 'v2'], // effective_to is exclusive, effective_from inclusive
    ['2026-07-01', 'v2'], // a draft is never in force
    ['2024-12-31', 'policy-version'], // before any version: the policy's own
  ])('on %s → %s', (date, expected) => {
    expect(productVersionInForce(versions, 'policy-version', date)).toBe(expected);
  });

  it('prefers the latest of overlapping active versions', () => {
    expect(productVersionInForce([...versions, v('v4', 4, '2025-03-01', null)], 'p', '2026-02-01')).toBe(
      'v4',
    );
  });
});
