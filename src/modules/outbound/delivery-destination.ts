import type { Address, NoticeRecipient } from '../../db/schema.ts';

// Pure: where a customer notice goes, by which channel.

export type Destination =
  | { channel: 'email'; email: string; note: string | null }
  | { channel: 'letter'; address: Address; note: string | null }
  | { channel: 'email' | 'letter'; error: string };

/**
 * Where the notice goes: its explicit recipient (an old email or address, told of a change) or
 * else the customer's current details. An email notice to a customer without an email address
 * becomes a letter, and the delivery says so. An explicit recipient is never swapped for the
 * current details: that would warn exactly the person who may have made the change.
 */
export function destinationOf(
  notice: { channel: 'email' | 'letter'; recipient: NoticeRecipient | null },
  customer: { email: string | null; address: Address | null },
): Destination {
  const explicit = notice.recipient;
  if (notice.channel === 'email') {
    const email = explicit ? explicit.email : customer.email;
    if (email)
      return { channel: 'email', email, note: explicit ? 'Sent to the address named in the notice.' : null };
    const address = explicit ? explicit.address : customer.address;
    if (address) {
      return {
        channel: 'letter',
        address,
        note: explicit
          ? 'The notice named no email address; sent as a letter to the postal address it named.'
          : 'The customer has no email address on file; sent as a letter instead.',
      };
    }
    return { channel: 'email', error: 'Neither an email address nor a postal address to send to.' };
  }
  const address = explicit ? explicit.address : customer.address;
  if (address)
    return {
      channel: 'letter',
      address,
      note: explicit ? 'Sent to the postal address named in the notice.' : null,
    };
  return { channel: 'letter', error: 'No postal address to send the letter to.' };
}
