import { describe, expect, it } from 'vitest';
import { buildCamt054 } from './build-camt054.ts';
import { parseCamt054 } from './parse-camt054.ts';
import { validateAgainstXsd } from './validate-against-xsd.ts';

describe('buildCamt054', () => {
  const xml = buildCamt054({
    messageId: 'BANK-CLAIMDESK-PBT-2026-000001',
    createdAt: '2026-11-23T16:00:00',
    accountIban: 'IT60X0542811101000000123456',
    entries: [
      {
        endToEndId: 'E2E-1',
        amountMinor: 12_345,
        currency: 'EUR',
        outcome: 'settled',
        bookingDate: '2026-11-23',
      },
      {
        endToEndId: 'E2E-2',
        amountMinor: 5,
        currency: 'EUR',
        outcome: 'returned',
        bookingDate: '2026-11-24',
        reasonCode: 'AC04',
        acctSvcrRef: 'REF-2',
      },
      {
        endToEndId: 'E2E-3',
        amountMinor: 100,
        currency: 'EUR',
        outcome: 'rejected',
        bookingDate: '2026-11-23',
        reasonCode: 'AC01',
      },
      { endToEndId: 'E2E-4', amountMinor: 700, currency: 'EUR', outcome: 'pending' },
    ],
  });

  it('writes a notification that validates against the camt.054.001.08 schema', async () => {
    expect(await validateAgainstXsd(xml, 'camt.054.001.08')).toEqual({ valid: true, problems: [] });
  });

  it('says each outcome the way the parser reads it, with exact amounts', () => {
    const parsed = parseCamt054(xml);
    expect(parsed.messageId).toBe('BANK-CLAIMDESK-PBT-2026-000001');
    expect(
      parsed.transactions.map((t) => [
        t.endToEndId,
        t.outcome,
        t.amountMinor,
        t.currency,
        t.reasonCode,
        t.bookingDate,
      ]),
    ).toEqual([
      ['E2E-1', 'settled', 12_345, 'EUR', null, '2026-11-23'],
      ['E2E-2', 'returned', 5, 'EUR', 'AC04', '2026-11-24'],
      ['E2E-3', 'rejected', 100, 'EUR', 'AC01', '2026-11-23'],
      ['E2E-4', 'ignored', 700, 'EUR', null, null],
    ]);
    expect(parsed.transactions[1]?.acctSvcrRef).toBe('REF-2');
  });

  it('escapes what it writes and refuses a booked entry without its booking date', () => {
    const odd = buildCamt054({
      messageId: 'A&B<1>',
      createdAt: '2026-11-23T16:00:00',
      accountIban: 'SE4550000000058398257466',
      entries: [],
    });
    expect(odd).toContain('<MsgId>A&amp;B&lt;1&gt;</MsgId>');
    expect(() =>
      buildCamt054({
        messageId: 'M',
        createdAt: '2026-11-23T16:00:00',
        accountIban: 'SE4550000000058398257466',
        entries: [{ endToEndId: 'E', amountMinor: 1, currency: 'SEK', outcome: 'settled' }],
      }),
    ).toThrow(RangeError);
  });
});
