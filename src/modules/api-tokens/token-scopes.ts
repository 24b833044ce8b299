import type { Role } from '../../db/schema.ts';
import type { FieldError } from '../../lib/errors.ts';
import { PERMISSION_MATRIX, type Permission } from '../users/index.ts';

// A token's scopes are permissions from the matrix that its user's role has: a scope the role
// lacks could never be used (the actor's rights are the intersection), so asking for one is a
// mistake we name rather than store.

export const ALL_PERMISSIONS = Object.keys(PERMISSION_MATRIX) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSION_MATRIX, value);
}

/** Field errors for each scope that is unknown, repeated, or not granted to `role`. */
export function scopeProblems(role: Role, scopes: readonly string[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  scopes.forEach((scope, i) => {
    const path = ['scopes', i];
    if (seen.has(scope)) {
      problems.push({ in: 'body', path, code: 'duplicate', message: `"${scope}" is listed twice.` });
    } else if (!isPermission(scope)) {
      problems.push({ in: 'body', path, code: 'unknown_scope', message: `"${scope}" is not a permission.` });
    } else if (!PERMISSION_MATRIX[scope].includes(role)) {
      problems.push({
        in: 'body',
        path,
        code: 'scope_not_in_role',
        message: `The user's role (${role}) does not have ${scope}.`,
      });
    }
    seen.add(scope);
  });
  return problems;
}
