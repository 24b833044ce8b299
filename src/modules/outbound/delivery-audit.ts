import type { DeliveryRow } from '../../db/schema.ts';
import type { AuditInput } from '../audit/index.ts';
import { systemActor } from '../users/index.ts';

/** Deliveries are made by the job queue, for the notice's author: the system acts. */
export const DELIVERY_ACTOR = systemActor('deliveries');

export function deliveryEvent(row: DeliveryRow, action: string, data: Record<string, unknown>): AuditInput {
  // Who it went to is on the delivery row; the audit trail names the delivery, not the address.
  return {
    actor: DELIVERY_ACTOR,
    action,
    entityType: 'delivery',
    entityId: row.id,
    customerId: row.customer_id,
    data: {
      deliveryId: row.id,
      notificationId: row.notification_id,
      channel: row.channel,
      template: row.template,
      language: row.language,
      status: row.status,
      ...data,
    },
  };
}
