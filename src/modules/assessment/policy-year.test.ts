import { describe, expect, it } from 'vitest';
import { policyYearStart } from './policy-year.ts';

describe('policyYearStart: the anniversary of startsOn on or before the date', () => {
  it.each([
    ['2025-01-01', '2025-01-01', '2025-01-01'],
    ['2025-01-01', '2025-12-31', '2025-01-01'],
    ['2025-01-01', '2026-01-01', '2026-01-01'],
    ['2024-03-15', '2025-03-14', '2024-03-15'],
    ['2024-03-15', '2025-03-15', '2025-03-15'],
    ['2024-03-15', '2027-03-14', '2026-03-15'],
    ['2023-12-31', '2024-12-30', '2023-12-31'],
    ['2023-12-31', '2024-12-31', '2024-12-31'],
    // 29 February: the anniversary is 28 February in common years
    ['2024-02-29', '2025-02-27', '2024-02-29'],
    ['2024-02-29', '2025-02-28', '2025-02-28'],
    ['2024-02-29', '2025-03-01', '2025-02-28'],
    ['2024-02-29', '2028-02-28', '2027-02-28'],
    ['2024-02-29', '2028-02-29', '2028-02-29'],
  ])('policy from %s, date %s → year from %s', (startsOn, date, expected) => {
    expect(policyYearStart(startsOn, date)).toBe(expected);
  });
});
