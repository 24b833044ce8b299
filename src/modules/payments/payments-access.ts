import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../users/actor.ts';
import { assertCan, type Permission } from '../users/permissions.ts';

// Who works payments: the permission matrix names the roles; a department agent must also belong
// to the payments department (an agent of the medical experts does not release bank files).

export const PAYMENTS_DEPARTMENT = 'payments';

export function assertPaymentsDesk(actor: Actor, permission: Permission): void {
  assertCan(actor, permission);
  if (
    actor.kind === 'user' &&
    actor.role === 'department_agent' &&
    actor.department !== PAYMENTS_DEPARTMENT
  ) {
    throw new AppError('forbidden', `Only the payments department may do this (${permission}).`);
  }
}
