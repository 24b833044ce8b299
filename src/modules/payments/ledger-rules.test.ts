import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaymentStatus } from '../../db/schema.ts';
import {
  assertLedgerAddsUp,
  claimLedger,
  customerLedger,
  type LedgerDecision,
  LedgerMismatchError,
  type LedgerOrder,
  type LedgerRecovery,
} from './ledger-rules.ts';
import { PAYMENT_STATUSES } from './payment-lifecycle.ts';

const STATUSES: readonly PaymentStatus[] = PAYMENT_STATUSES;

const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-03-${String(d).padStart(2, '0')}`);
const amount = fc.integer({ min: 1, max: 50_000_000 });

const decisionsArb = fc
  .array(
    fc.record({
      outcome: fc.constantFrom('approved', 'partially_approved', 'denied') as fc.Arbitrary<
        LedgerDecision['outcome']
      >,
      amountMinor: amount,
      decidedOn: day,
    }),
    { minLength: 0, maxLength: 3 },
  )
  .map((ds) => ds.map((d, i) => ({ ...d, decisionNo: i + 1, currency: 'SEK' })));

const ordersArb = fc
  .array(
    fc.record({
      status: fc.constantFrom(...STATUSES),
      principalMinor: amount,
      interestMinor: fc.integer({ min: 0, max: 100_000 }),
      settledOn: fc.option(day, { nil: null }),
      statusChangedOn: day,
      replaces: fc.boolean(),
    }),
    { maxLength: 6 },
  )
  .map((os) =>
    os.map(
      (o, i): LedgerOrder => ({
        id: `o${i}`,
        paymentNumber: `PAY-${i}`,
        kind: 'claim_payment',
        status: o.status,
        principalMinor: o.principalMinor,
        interestMinor: o.interestMinor,
        currency: 'SEK',
        replacesPaymentId: o.replaces && i > 0 ? `o${i - 1}` : null,
        settledOn:
          o.status === 'settled'
            ? (o.settledOn ?? o.statusChangedOn)
            : o.status === 'returned'
              ? o.settledOn
              : null,
        statusChangedOn: o.statusChangedOn,
        reasonCode: o.status === 'returned' ? 'AC04' : null,
      }),
    ),
  );

const recoveriesArb = fc
  .array(
    fc.record({
      amountMinor: amount,
      status: fc.constantFrom('open', 'recovered', 'waived') as fc.Arbitrary<LedgerRecovery['status']>,
      resolvedOn: day,
    }),
    { maxLength: 2 },
  )
  .map((rs) =>
    rs.map((r, i) => ({
      ...r,
      recoveryNumber: `REC-${i}`,
      currency: 'SEK',
      resolvedOn: r.status === 'open' ? null : r.resolvedOn,
    })),
  );

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('claimLedger (property)', () => {
  it('always adds up: the figures recomputed independently, the running balance, the final balance', () => {
    fc.assert(
      fc.property(decisionsArb, ordersArb, recoveriesArb, (decisions, orders, recoveries) => {
        const { figures: f, movements } = claimLedger({ currency: 'SEK', decisions, orders, recoveries });
        const last = decisions.at(-1);
        const approved = last && last.outcome !== 'denied' ? last.amountMinor : 0;
        const settled = orders.filter((o) => o.status === 'settled');
        const paid = sum(settled.map((o) => o.principalMinor));
        const back = sum(recoveries.filter((r) => r.status !== 'open').map((r) => r.amountMinor));
        expect(f.approvedMinor).toBe(approved);
        expect(f.paidPrincipalMinor).toBe(paid);
        expect(f.paidInterestMinor).toBe(sum(settled.map((o) => o.interestMinor)));
        expect(f.outstandingMinor).toBe(approved - paid + back);
        expect(f.orderedMinor).toBe(sum(orders.map((o) => o.principalMinor)));
        expect(f.inTransitMinor).toBe(
          sum(orders.filter((o) => o.status === 'sent').map((o) => o.principalMinor)),
        );
        expect(movements.at(-1)?.balanceMinor ?? 0).toBe(f.outstandingMinor);
        for (let i = 1; i < movements.length; i++) {
          const [prev, cur] = [movements[i - 1], movements[i]];
          if (!prev || !cur) throw new Error('gap');
          expect(cur.balanceMinor).toBe(prev.balanceMinor + cur.amountMinor);
          expect(cur.date >= prev.date).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a customer ledger is the sum of its claims', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(decisionsArb, ordersArb, recoveriesArb), { maxLength: 4 }), (claims) => {
        const ledgers = claims.map(([decisions, orders, recoveries], i) => ({
          claimNumber: `CLM-${i}`,
          ledger: claimLedger({ currency: 'SEK', decisions, orders, recoveries }),
        }));
        const [sek, ...others] = customerLedger(ledgers);
        expect(others).toEqual([]);
        if (ledgers.length === 0) {
          expect(sek).toBeUndefined();
          return;
        }
        expect(sek?.figures.outstandingMinor).toBe(
          sum(ledgers.map((l) => l.ledger.figures.outstandingMinor)),
        );
        expect(sek?.figures.paidPrincipalMinor).toBe(
          sum(ledgers.map((l) => l.ledger.figures.paidPrincipalMinor)),
        );
        expect(sek?.movements).toHaveLength(sum(ledgers.map((l) => l.ledger.movements.length)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('claimLedger (examples)', () => {
  const order = (o: Partial<LedgerOrder> & Pick<LedgerOrder, 'id' | 'status'>): LedgerOrder => ({
    paymentNumber: `PAY-${o.id}`,
    kind: 'claim_payment',
    principalMinor: 100_000,
    interestMinor: 0,
    currency: 'SEK',
    replacesPaymentId: null,
    settledOn: null,
    statusChangedOn: '2026-03-05',
    reasonCode: null,
    ...o,
  });
  const approved: LedgerDecision = {
    decisionNo: 1,
    outcome: 'approved',
    amountMinor: 100_000,
    currency: 'SEK',
    decidedOn: '2026-03-01',
  };

  it('returned and re-paid: paid once, returned once, re-paid once, nothing outstanding', () => {
    const { figures, movements } = claimLedger({
      currency: 'SEK',
      decisions: [approved],
      orders: [
        order({ id: 'a', status: 'returned', reasonCode: 'AC04', statusChangedOn: '2026-03-05' }),
        order({
          id: 'b',
          status: 'settled',
          replacesPaymentId: 'a',
          settledOn: '2026-03-12',
          interestMinor: 350,
        }),
      ],
      recoveries: [],
    });
    expect(figures).toMatchObject({
      approvedMinor: 100_000,
      paidPrincipalMinor: 100_000,
      paidInterestMinor: 350,
      repaidMinor: 100_000,
      returnedMinor: 100_000,
      orderedMinor: 200_000,
      outstandingMinor: 0,
      unscheduledMinor: 0,
    });
    expect(movements.map((m) => [m.date, m.kind, m.amountMinor, m.balanceMinor])).toEqual([
      ['2026-03-01', 'decision', 100_000, 100_000],
      ['2026-03-05', 'payment_returned', 0, 100_000],
      ['2026-03-12', 'repayment_settled', -100_000, 0],
    ]);
  });

  it('a settled payment the bank returns later goes back on the balance, with its interest', () => {
    const { figures, movements } = claimLedger({
      currency: 'SEK',
      decisions: [approved],
      orders: [
        order({
          id: 'a',
          status: 'returned',
          settledOn: '2026-03-03',
          interestMinor: 90,
          statusChangedOn: '2026-03-06',
        }),
      ],
      recoveries: [],
    });
    expect(figures).toMatchObject({ paidPrincipalMinor: 0, paidInterestMinor: 0, outstandingMinor: 100_000 });
    expect(figures.unscheduledMinor).toBe(100_000);
    expect(movements.map((m) => [m.kind, m.amountMinor, m.interestMinor, m.balanceMinor])).toEqual([
      ['decision', 100_000, 0, 100_000],
      ['payment_settled', -100_000, 90, 0],
      ['payment_returned', 100_000, -90, 100_000],
    ]);
  });

  it('an appeal lowering the amount after payment: the customer owes until recovered or waived', () => {
    const lowered: LedgerDecision = {
      ...approved,
      decisionNo: 2,
      amountMinor: 40_000,
      decidedOn: '2026-03-20',
    };
    const base = {
      currency: 'SEK',
      decisions: [approved, lowered],
      orders: [order({ id: 'a', status: 'settled', settledOn: '2026-03-04' })],
    };
    const open = claimLedger({
      ...base,
      recoveries: [
        { recoveryNumber: 'REC-1', amountMinor: 60_000, currency: 'SEK', status: 'open', resolvedOn: null },
      ],
    });
    expect(open.figures).toMatchObject({ approvedMinor: 40_000, outstandingMinor: -60_000 });
    expect(open.figures.recoveries.openMinor).toBe(60_000);
    const recovered = claimLedger({
      ...base,
      recoveries: [
        {
          recoveryNumber: 'REC-1',
          amountMinor: 60_000,
          currency: 'SEK',
          status: 'recovered',
          resolvedOn: '2026-04-01',
        },
      ],
    });
    expect(recovered.figures.outstandingMinor).toBe(0);
    expect(recovered.movements.map((m) => m.amountMinor)).toEqual([100_000, -100_000, -60_000, 60_000]);
  });

  it('refuses a ledger that does not add up, or mixes currencies', () => {
    const ledger = claimLedger({ currency: 'SEK', decisions: [approved], orders: [], recoveries: [] });
    expect(() =>
      assertLedgerAddsUp({ ...ledger, figures: { ...ledger.figures, paidPrincipalMinor: 1 } }),
    ).toThrow(LedgerMismatchError);
    expect(() => claimLedger({ currency: 'EUR', decisions: [approved], orders: [], recoveries: [] })).toThrow(
      /holds an amount in SEK/,
    );
  });
});
