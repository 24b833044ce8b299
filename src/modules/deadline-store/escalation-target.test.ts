import { describe, expect, it } from 'vitest';
import { alertRecipient, type Org } from './escalation-target.ts';

// A claims team (rep → team supervisor → manager) and a payments department whose supervisor
// reports to the manager; the agent has no team and no manager of their own.
const org: Org = {
  users: new Map([
    ['rep', { id: 'rep', managerId: null, team: 'SE' }],
    ['teamsup', { id: 'teamsup', managerId: 'manager', team: 'SE' }],
    ['manager', { id: 'manager', managerId: null, team: null }],
    ['agent', { id: 'agent', managerId: null, team: null }],
    ['paysup', { id: 'paysup', managerId: 'manager', team: null }],
  ]),
  teamSupervisors: new Map([['SE', 'teamsup']]),
  departmentSupervisors: new Map([['payments', 'paysup']]),
};

describe('alertRecipient', () => {
  it('team work: warning to the owner, breach to their supervisor, then the manager', () => {
    const item = { ownerId: 'rep', team: 'SE', department: 'claims' };
    expect(alertRecipient(org, 'warning', item)).toBe('rep');
    expect(alertRecipient(org, 'breach', item)).toBe('teamsup');
    expect(alertRecipient(org, 'second_escalation', item)).toBe('manager');
  });

  it('unassigned team work goes to the team supervisor', () => {
    const item = { ownerId: null, team: 'SE' };
    expect(alertRecipient(org, 'warning', item)).toBe('teamsup');
    expect(alertRecipient(org, 'breach', item)).toBe('teamsup');
  });

  it('a referral nobody took: warnings and the breach to the department supervisor, then their manager', () => {
    const item = { ownerId: null, team: null, department: 'payments' };
    expect(alertRecipient(org, 'warning', item)).toBe('paysup');
    expect(alertRecipient(org, 'breach', item)).toBe('paysup');
    expect(alertRecipient(org, 'second_escalation', item)).toBe('manager');
  });

  it('a referral an agent took: warnings to the agent, the breach to the department supervisor', () => {
    const item = { ownerId: 'agent', team: null, department: 'payments' };
    expect(alertRecipient(org, 'warning', item)).toBe('agent');
    expect(alertRecipient(org, 'breach', item)).toBe('paysup');
  });

  it('a referral the department supervisor took answers to their own manager', () => {
    const item = { ownerId: 'paysup', team: null, department: 'payments' };
    expect(alertRecipient(org, 'breach', item)).toBe('manager');
  });

  it('a department without a supervisor: nobody to escalate to', () => {
    const item = { ownerId: null, team: null, department: 'legal_fraud' };
    expect(alertRecipient(org, 'warning', item)).toBeNull();
    expect(alertRecipient(org, 'breach', item)).toBeNull();
    expect(alertRecipient(org, 'second_escalation', item)).toBeNull();
  });
});
