import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema.ts';
import { type Actor, systemActor } from '../users/actor.ts';
import { assertCustomerWideView, departmentScope } from './department-reach.ts';

function user(role: Role, department: string | null = null): Actor {
  return {
    kind: 'user',
    userId: '00000000-0000-7000-8000-000000000001',
    role,
    displayName: 'T',
    customerId: null,
    team: null,
    department,
    locale: 'en',
  };
}

describe('departmentScope', () => {
  it('binds department agents to their department, and nobody else', () => {
    expect(departmentScope(user('department_agent', 'payments'))).toBe('payments');
    // A supervisor heading a department reads like other staff: they follow the work, not one referral.
    for (const role of ['customer', 'representative', 'supervisor', 'administrator', 'auditor'] as const) {
      expect(departmentScope(user(role, 'payments'))).toBeNull();
    }
    expect(departmentScope(systemActor('test'))).toBeNull();
  });

  it('gives an agent without a department an empty code, which no referral matches', () => {
    expect(departmentScope(user('department_agent'))).toBe('');
  });
});

describe('assertCustomerWideView', () => {
  it('answers a department agent 404 (never 403) and lets everyone else through', () => {
    expect(() => assertCustomerWideView(user('department_agent', 'medical'), 'timeline')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    expect(() => assertCustomerWideView(user('representative'))).not.toThrow();
    expect(() => assertCustomerWideView(systemActor('test'))).not.toThrow();
  });
});
