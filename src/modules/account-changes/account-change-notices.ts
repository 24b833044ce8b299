import type { Transaction } from 'kysely';
import type { Address, DB, Language, NoticeRecipient } from '../../db/schema.ts';
import { todayIn } from '../../lib/dates.ts';
import { customerContact, type Notice, notify } from '../notifications/index.ts';
import type { ContactField } from './new-value.ts';

// What the customer is told about their account changes, and where. The warnings about a
// changed email, address or bank account go to the OLD contact details, named in
// notifications.recipient: a notice sent only to the new details would reach exactly the person
// who may have made the change without the customer knowing.

/**
 * Whom to call about a change you did not make. Demo numbers (the Swedish one is in the range
 * PTS keeps for fiction, 08-465 004 xx); the operator puts the real fraud line here.
 */
export const SERVICE_PHONE: Record<string, string> = {
  SE: '+46 8 465 004 00',
  IT: '+39 02 0000 0000',
};

export function servicePhone(country: string): string {
  return SERVICE_PHONE[country] ?? (SERVICE_PHONE.SE as string);
}

const FIELD_NAMES: Record<Language, Record<ContactField, string>> = {
  en: {
    address: 'your postal address',
    phone: 'your phone number',
    email: 'your email address',
    preferred_language: 'your preferred language',
  },
  sv: {
    address: 'din postadress',
    phone: 'ditt telefonnummer',
    email: 'din e-postadress',
    preferred_language: 'ditt föredragna språk',
  },
  it: {
    address: 'il vostro indirizzo postale',
    phone: 'il vostro numero di telefono',
    email: 'il vostro indirizzo email',
    preferred_language: 'la vostra lingua preferita',
  },
};

type CustomerFacts = { id: string; country: string; time_zone: string; preferred_language: Language };

/** A customer notice to an explicit destination (written with the notice, in the same transaction). */
export async function notifyRecipient(
  trx: Transaction<DB>,
  notice: Notice & { audience: 'customer' },
  recipient: NoticeRecipient,
): Promise<void> {
  await notify(trx, { ...notice, recipient });
}

/** Email and letter to every old contact detail: the payout account changed, whom to call. */
export async function tellOldContactsBankAccountChanged(
  trx: Transaction<DB>,
  opts: {
    customer: CustomerFacts;
    requestId: string;
    caseId: string;
    caseNumber: string;
    masked: string;
    recipients: { emails: string[]; addresses: Address[] };
    now: Date;
  },
): Promise<number> {
  const { customer } = opts;
  const common = {
    audience: 'customer' as const,
    customerId: customer.id,
    kind: 'account_change.bank_account_changed' as const,
    language: customer.preferred_language,
    params: {
      date: todayIn(customer.time_zone, opts.now),
      masked: opts.masked,
      reference: opts.caseNumber,
      phone: servicePhone(customer.country),
    },
    entityType: 'service_case',
    entityId: opts.caseId,
  };
  let sent = 0;
  for (const [i, email] of opts.recipients.emails.entries()) {
    const dedupeKey = `account_change:${opts.requestId}:bank_account_changed:email:${i}`;
    await notifyRecipient(trx, { ...common, channel: 'email', dedupeKey }, { email });
    sent += 1;
  }
  for (const [i, address] of opts.recipients.addresses.entries()) {
    const dedupeKey = `account_change:${opts.requestId}:bank_account_changed:letter:${i}`;
    await notifyRecipient(trx, { ...common, channel: 'letter', dedupeKey }, { address });
    sent += 1;
  }
  if (sent === 0) {
    // Neither email nor address on file: the portal is the only way left.
    const contact = await customerContact(trx, customer.id);
    await notify(trx, {
      ...common,
      channel: contact.channel,
      dedupeKey: `account_change:${opts.requestId}:bank_account_changed:usual`,
    });
    sent = 1;
  }
  return sent;
}

/** A bank-account change was asked for, or ended without applying: told in the usual channel. */
export async function tellCustomerAboutBankAccountRequest(
  trx: Transaction<DB>,
  opts: {
    customer: CustomerFacts;
    requestId: string;
    caseId: string;
    caseNumber: string;
    what: 'requested' | 'not_changed';
    masked: string;
  },
): Promise<void> {
  const contact = await customerContact(trx, opts.customer.id);
  const params: Record<string, string> = {
    reference: opts.caseNumber,
    phone: servicePhone(opts.customer.country),
  };
  if (opts.what === 'requested') params.masked = opts.masked;
  await notify(trx, {
    audience: 'customer',
    customerId: opts.customer.id,
    channel: contact.channel,
    kind:
      opts.what === 'requested'
        ? 'account_change.bank_account_requested'
        : 'account_change.bank_account_not_changed',
    language: contact.language,
    params,
    entityType: 'service_case',
    entityId: opts.caseId,
    dedupeKey: `account_change:${opts.requestId}:${opts.what}`,
  });
}

/**
 * After a contact change: a confirmation in the usual channel (which may now be the new one), and
 * for an email or address change a warning to the old email or the old address.
 */
export async function tellCustomerContactChanged(
  trx: Transaction<DB>,
  opts: {
    customer: CustomerFacts;
    requestId: string;
    caseId: string;
    caseNumber: string;
    field: ContactField;
    oldValue: unknown;
    now: Date;
  },
): Promise<void> {
  const contact = await customerContact(trx, opts.customer.id);
  const base = {
    audience: 'customer' as const,
    customerId: opts.customer.id,
    entityType: 'service_case',
    entityId: opts.caseId,
  };
  await notify(trx, {
    ...base,
    channel: contact.channel,
    kind: 'account_change.contact_updated',
    language: contact.language,
    params: { what: FIELD_NAMES[contact.language][opts.field], reference: opts.caseNumber },
    dedupeKey: `account_change:${opts.requestId}:contact_updated`,
  });
  const params = {
    date: todayIn(opts.customer.time_zone, opts.now),
    reference: opts.caseNumber,
    phone: servicePhone(opts.customer.country),
  };
  if (opts.field === 'email' && typeof opts.oldValue === 'string') {
    await notifyRecipient(
      trx,
      {
        ...base,
        channel: 'email',
        kind: 'account_change.email_changed',
        language: contact.language,
        params,
        dedupeKey: `account_change:${opts.requestId}:email_changed`,
      },
      { email: opts.oldValue },
    );
  }
  if (opts.field === 'address' && opts.oldValue && typeof opts.oldValue === 'object') {
    await notifyRecipient(
      trx,
      {
        ...base,
        channel: 'letter',
        kind: 'account_change.address_changed',
        language: contact.language,
        params,
        dedupeKey: `account_change:${opts.requestId}:address_changed`,
      },
      { address: opts.oldValue as Address },
    );
  }
}
