import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, scopeProblems } from './token-scopes.ts';

describe('API token scopes', () => {
  it('accepts permissions the role has', () => {
    expect(scopeProblems('representative', ['claims:read', 'claims:create'])).toEqual([]);
    expect(ALL_PERMISSIONS).toContain('users:manage');
  });

  it('names unknown, repeated and out-of-role scopes by their index', () => {
    const problems = scopeProblems('auditor', ['claims:read', 'claims:fly', 'claims:read', 'claims:create']);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      [['scopes', 1], 'unknown_scope'],
      [['scopes', 2], 'duplicate'],
      [['scopes', 3], 'scope_not_in_role'],
    ]);
  });

  it('treats inherited object keys as unknown', () => {
    expect(scopeProblems('administrator', ['toString', '__proto__']).map((p) => p.code)).toEqual([
      'unknown_scope',
      'unknown_scope',
    ]);
  });
});
