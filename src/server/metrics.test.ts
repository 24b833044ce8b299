import { describe, expect, it } from 'vitest';
import { metricsTokenMatches, routeLabel, statusClass } from './metrics.ts';

describe('metric labels', () => {
  it('reduces a status code to its class and an unmatched route to one value', () => {
    expect([200, 201, 304, 404, 422, 503].map(statusClass)).toEqual([
      '2xx',
      '2xx',
      '3xx',
      '4xx',
      '4xx',
      '5xx',
    ]);
    expect(routeLabel('/claims/:ref')).toBe('/claims/:ref');
    expect(routeLabel(undefined)).toBe('unmatched');
  });
});

describe('metricsTokenMatches', () => {
  const token = 'a-long-metrics-token';
  it('accepts exactly the configured bearer token', () => {
    expect(metricsTokenMatches(`Bearer ${token}`, token)).toBe(true);
  });
  it('refuses a missing, other-scheme, prefixed or extended token', () => {
    expect(metricsTokenMatches(undefined, token)).toBe(false);
    expect(metricsTokenMatches(`Basic ${token}`, token)).toBe(false);
    expect(metricsTokenMatches(`Bearer ${token.slice(0, -1)}`, token)).toBe(false);
    expect(metricsTokenMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsTokenMatches('Bearer ', token)).toBe(false);
  });
});
