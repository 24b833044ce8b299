// Webhook events are derived from the audit trail (decision 0004: every change appends its event
// in its own transaction), so no use case had to change and an event exists exactly when its
// change committed. This file is the mapping, documented in docs/webhooks.md. Payloads carry ids,
// numbers, codes and amounts — never names, addresses or free text (receivers fetch the rest
// through the API with their own permissions).

export const WEBHOOK_EVENT_KINDS = [
  'claim.registered',
  'claim.decided',
  'payment.settled',
  'deadline.breached',
  'case.opened',
  'case.closed',
] as const;
export type WebhookEventKind = (typeof WEBHOOK_EVENT_KINDS)[number];

/** The audit actions the outbox reads (the partial index audit_events_webhook_source_idx). */
export const SOURCE_ACTIONS = [
  'claim.registered',
  'claim.decided',
  'payment.status_changed',
  'deadline.breached',
  'case.opened',
  'case.status_changed',
] as const;

/** The audit_events columns the mapping reads. */
export type SourceEvent = {
  id: string;
  action: string;
  entity_id: string;
  customer_id: string | null;
  occurred_at: Date | string;
  data: Record<string, unknown>;
};

export type WebhookEvent = {
  id: string;
  type: WebhookEventKind;
  occurredAt: string;
  data: Record<string, unknown>;
};

/** The webhook event an audit event means, or null (e.g. a payment that moved to `sent`). */
export function webhookEventOf(e: SourceEvent): WebhookEvent | null {
  const d = e.data;
  const pick = (...keys: string[]) =>
    Object.fromEntries(keys.filter((k) => d[k] !== undefined).map((k) => [k, d[k]]));
  const base = { customerId: e.customer_id };
  let type: WebhookEventKind;
  let data: Record<string, unknown>;
  switch (e.action) {
    case 'claim.registered':
      type = 'claim.registered';
      data = {
        claimId: e.entity_id,
        ...base,
        ...pick('claimNumber', 'channel', 'totalClaimedMinor', 'currency'),
      };
      break;
    case 'claim.decided':
      type = 'claim.decided';
      data = {
        claimId: e.entity_id,
        ...base,
        ...pick('claimNumber', 'decisionId', 'outcome', 'amountMinor', 'currency', 'straightThrough'),
      };
      break;
    case 'payment.status_changed':
      if (d.to !== 'settled') return null;
      type = 'payment.settled';
      data = {
        paymentId: e.entity_id,
        ...base,
        ...pick('paymentNumber', 'claimId', 'amountMinor', 'currency'),
      };
      break;
    case 'deadline.breached':
      type = 'deadline.breached';
      data = { deadlineId: e.entity_id, ...base, ...pick('workItemId', 'reference', 'policy') };
      break;
    case 'case.opened':
      type = 'case.opened';
      data = {
        caseId: e.entity_id,
        ...base,
        ...pick('caseNumber', 'kind', 'category', 'channel', 'claimId'),
      };
      break;
    case 'case.status_changed':
      // A case ends closed or withdrawn; `resolved` still waits for the customer's confirmation.
      if (d.to !== 'closed' && d.to !== 'withdrawn') return null;
      type = 'case.closed';
      data = { caseId: e.entity_id, ...base, ...pick('caseNumber'), status: d.to };
      break;
    default:
      return null;
  }
  const occurredAt =
    e.occurred_at instanceof Date ? e.occurred_at.toISOString() : new Date(e.occurred_at).toISOString();
  return { id: e.id, type, occurredAt, data };
}
