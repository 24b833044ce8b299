import { describe, expect, it } from 'vitest';
import { productVersionInForce, type VersionPeriod } from './product-version-in-force.ts';
import { planRetirement } from './product-version-retirement.ts';

const v = (
  id: string,
  version: number,
  from: string,
  to: string | null,
  status: VersionPeriod['status'] = 'active',
): VersionPeriod => ({ id, version, status, effective_from: from, effective_to: to });

describe('planRetirement', () => {
  it('closes the period at the retirement date when a successor covers the rest', () => {
    const v1 = v('v1', 1, '2025-01-01', null);
    const v2 = v('v2', 2, '2026-01-01', null);
    expect(planRetirement([v1, v2], v1, '2026-03-01')).toEqual({
      effectiveTo: '2026-03-01',
      handedOver: { from: '2026-03-01', to: null },
    });
  });

  it('refuses when the version is the only one in force from the date', () => {
    const v1 = v('v1', 1, '2025-01-01', null);
    const v2 = v('v2', 2, '2026-01-01', '2026-06-01');
    expect(planRetirement([v1, v2], v1, '2026-03-01')).toEqual({ gapFrom: '2026-06-01' });
    expect(planRetirement([v1], v1, '2026-03-01')).toEqual({ gapFrom: '2026-03-01' });
    // a draft successor does not count until it is activated
    expect(planRetirement([v1, v('v3', 3, '2026-01-01', null, 'draft')], v1, '2026-03-01')).toEqual({
      gapFrom: '2026-03-01',
    });
  });

  it('follows a chain of successors to the end', () => {
    const v1 = v('v1', 1, '2025-01-01', null);
    const others = [v('a', 2, '2026-01-01', '2026-05-01'), v('b', 3, '2026-04-01', null)];
    expect(planRetirement([v1, ...others], v1, '2026-02-01')).toMatchObject({ effectiveTo: '2026-02-01' });
  });

  it('a version whose period is over gives nothing up and keeps its end', () => {
    const v1 = v('v1', 1, '2025-01-01', '2026-01-01');
    expect(planRetirement([v1], v1, '2026-03-01')).toEqual({ effectiveTo: null, handedOver: null });
  });

  it('a version not yet started keeps no period; with a fixed end it must be retired after its start', () => {
    const v1 = v('v1', 1, '2025-01-01', null);
    const v2 = v('v2', 2, '2027-01-01', null);
    expect(planRetirement([v1, v2], v2, '2026-03-01')).toEqual({
      effectiveTo: null,
      handedOver: { from: '2027-01-01', to: null },
    });
    const v3 = v('v3', 3, '2027-01-01', '2028-01-01');
    expect(planRetirement([v1, v3], v3, '2026-03-01')).toEqual({ notBefore: '2027-01-02' });
  });
});

describe('productVersionInForce with retired versions', () => {
  it('a retired version applies before its retirement date only', () => {
    const versions = [v('v1', 1, '2025-01-01', null), v('v2', 2, '2026-01-01', '2026-03-01', 'retired')];
    expect(productVersionInForce(versions, 'p', '2026-02-01')).toBe('v2');
    expect(productVersionInForce(versions, 'p', '2026-03-01')).toBe('v1');
  });

  it('a version retired before it started applies nowhere', () => {
    const versions = [v('v1', 1, '2025-01-01', null), v('v2', 2, '2026-01-01', null, 'retired')];
    expect(productVersionInForce(versions, 'p', '2026-02-01')).toBe('v1');
  });
});
