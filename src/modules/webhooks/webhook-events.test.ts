import { describe, expect, it } from 'vitest';
import { type SourceEvent, webhookEventOf } from './webhook-events.ts';

const at = '2026-11-21T10:00:00.000Z';
function event(action: string, data: Record<string, unknown>): SourceEvent {
  return { id: 'e1', action, entity_id: 'x1', customer_id: 'c1', occurred_at: at, data };
}

describe('webhookEventOf', () => {
  it('maps each source action to its webhook event, keeping only ids, codes and amounts', () => {
    expect(
      webhookEventOf(
        event('claim.registered', { claimNumber: 'CLM-1', channel: 'api', currency: 'SEK', secret: 1 }),
      ),
    ).toEqual({
      id: 'e1',
      type: 'claim.registered',
      occurredAt: at,
      data: { claimId: 'x1', customerId: 'c1', claimNumber: 'CLM-1', channel: 'api', currency: 'SEK' },
    });
    expect(
      webhookEventOf(event('claim.decided', { outcome: 'approved', comment: 'free text' }))?.data,
    ).toEqual({
      claimId: 'x1',
      customerId: 'c1',
      outcome: 'approved',
    });
    expect(webhookEventOf(event('payment.status_changed', { to: 'settled', amountMinor: 5 }))?.type).toBe(
      'payment.settled',
    );
    expect(webhookEventOf(event('deadline.breached', { policy: 'se.claim' }))?.type).toBe(
      'deadline.breached',
    );
    expect(webhookEventOf(event('case.opened', { caseNumber: 'CASE-1', subject: 'personal' }))?.data).toEqual(
      {
        caseId: 'x1',
        customerId: 'c1',
        caseNumber: 'CASE-1',
      },
    );
    expect(webhookEventOf(event('case.status_changed', { to: 'closed' }))?.data).toMatchObject({
      status: 'closed',
    });
    expect(webhookEventOf(event('case.status_changed', { to: 'withdrawn' }))?.type).toBe('case.closed');
  });

  it('ignores changes that are not webhook events', () => {
    expect(webhookEventOf(event('payment.status_changed', { to: 'sent' }))).toBeNull();
    expect(webhookEventOf(event('case.status_changed', { to: 'resolved' }))).toBeNull();
    expect(webhookEventOf(event('claim.note_added', {}))).toBeNull();
  });
});
