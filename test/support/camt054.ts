import { newId } from '../../src/lib/ids.ts';
import { buildCamt054, type Camt054Entry } from '../../src/modules/payments/iso20022/build-camt054.ts';

// The camt.054 builder lives with the payments module (the demo seed receives the bank's answer
// with it); the tests keep calling it as camt054() with the defaults they were written against:
// a fresh message id, our SEK account, SEK amounts, booked on 2026-03-03.

export { minorToDecimal } from '../../src/modules/payments/iso20022/pain001-amounts.ts';

export type CamtEntrySpec = Omit<Camt054Entry, 'currency'> & { currency?: string };

export type CamtFileSpec = {
  messageId?: string;
  createdAt?: string;
  accountIban?: string;
  entries: CamtEntrySpec[];
};

export const OUR_SEK_ACCOUNT = 'SE4550000000058398257466';

export function camt054(spec: CamtFileSpec): string {
  return buildCamt054({
    messageId: spec.messageId ?? `CAMT-${newId().replaceAll('-', '').slice(0, 28)}`,
    createdAt: spec.createdAt ?? '2026-03-04T08:00:00',
    accountIban: spec.accountIban ?? OUR_SEK_ACCOUNT,
    entries: spec.entries.map((e) => ({
      ...e,
      currency: e.currency ?? 'SEK',
      bookingDate: e.outcome === 'pending' ? undefined : (e.bookingDate ?? '2026-03-03'),
    })),
  });
}
