import type { DecisionOutcome, PaymentKind, PaymentStatus } from '../../db/schema.ts';

// The ledger of what a claim (and a customer) was approved, paid, returned and re-paid (pure).
// One balance runs through it: what we still owe the customer, in principal. A decision adds what
// it approves (an appeal's new decision adds only the difference to the one it replaces); a
// settled payment takes its principal off; a payment the bank returns after settling puts it back;
// a recovery (money paid on a decision later lowered) comes back to zero when the customer repays
// it or we waive it. Late-payment interest is money on top of the approval, so it is shown beside
// the principal, never in the balance. Every figure is an exact integer sum, and the identities
// below are checked on every ledger built: a ledger that does not add up is a bug, never shown.

export type LedgerDecision = {
  decisionNo: number;
  outcome: DecisionOutcome;
  amountMinor: number;
  currency: string;
  decidedOn: string;
};

export type LedgerOrder = {
  id: string;
  paymentNumber: string;
  kind: PaymentKind;
  status: PaymentStatus;
  principalMinor: number;
  interestMinor: number;
  currency: string;
  replacesPaymentId: string | null;
  /** The bank's booking date; kept when a settled payment is returned later. */
  settledOn: string | null;
  /** The day of the last status change (when a payment was returned or rejected). */
  statusChangedOn: string;
  reasonCode: string | null;
};

export type LedgerRecovery = {
  recoveryNumber: string;
  amountMinor: number;
  currency: string;
  status: 'open' | 'recovered' | 'waived';
  resolvedOn: string | null;
};

export type LedgerFigures = {
  currency: string;
  /** The current decision's approved amount. */
  approvedMinor: number;
  /** Orders not yet sent (waiting for an account, held, ready, in an unreleased batch). */
  scheduledMinor: number;
  /** Sent to the bank, not yet confirmed. */
  inTransitMinor: number;
  /** Settled principal (re-payments included). */
  paidPrincipalMinor: number;
  /** Late-payment interest paid with settled orders. */
  paidInterestMinor: number;
  /** Of the paid principal: re-payments of returned or rejected orders. */
  repaidMinor: number;
  returnedMinor: number;
  rejectedMinor: number;
  cancelledMinor: number;
  /** Every order's principal: scheduled + in transit + paid + returned + rejected + cancelled. */
  orderedMinor: number;
  recoveries: { openMinor: number; recoveredMinor: number; waivedMinor: number; totalMinor: number };
  /** What we still owe: approved − paid + recovered + waived; negative: the customer owes us. */
  outstandingMinor: number;
  /** Of the outstanding: not in any live order yet (e.g. a returned payment awaiting a new account). */
  unscheduledMinor: number;
};

export type MovementKind =
  | 'decision'
  | 'payment_settled'
  | 'repayment_settled'
  | 'payment_returned'
  | 'payment_rejected'
  | 'recovery_recovered'
  | 'recovery_waived';

export type LedgerMovement = {
  date: string;
  kind: MovementKind;
  /** Decision number, payment number or recovery number. */
  reference: string;
  /** Its effect on the balance (what we owe): + owed more, − paid. */
  amountMinor: number;
  /** Interest paid out with a settled payment (+), or come back with its return (−); not in the balance. */
  interestMinor: number;
  balanceMinor: number;
  reasonCode: string | null;
  claimNumber?: string;
};

export type Ledger = { figures: LedgerFigures; movements: LedgerMovement[] };

const SCHEDULED: ReadonlySet<PaymentStatus> = new Set(['awaiting_account', 'held', 'ready', 'batched']);
const PAYS: ReadonlySet<DecisionOutcome> = new Set(['approved', 'partially_approved']);
// Same day: the decision comes before the payment it caused, a payment before its return.
const RANK: Record<MovementKind, number> = {
  decision: 0,
  payment_settled: 1,
  repayment_settled: 1,
  payment_returned: 2,
  payment_rejected: 2,
  recovery_recovered: 3,
  recovery_waived: 3,
};

export class LedgerMismatchError extends Error {}

export function claimLedger(input: {
  currency: string;
  decisions: readonly LedgerDecision[];
  orders: readonly LedgerOrder[];
  recoveries: readonly LedgerRecovery[];
}): Ledger {
  const { currency } = input;
  for (const item of [...input.decisions, ...input.orders, ...input.recoveries]) {
    if (item.currency !== currency) {
      throw new LedgerMismatchError(`ledger in ${currency} holds an amount in ${item.currency}`);
    }
  }
  const decisions = [...input.decisions].sort((a, b) => a.decisionNo - b.decisionNo);
  const effective = (d: LedgerDecision | undefined) => (d && PAYS.has(d.outcome) ? d.amountMinor : 0);
  const f = emptyFigures(currency);
  f.approvedMinor = effective(decisions.at(-1));
  const raw: Omit<LedgerMovement, 'balanceMinor'>[] = [];
  decisions.forEach((d, i) => {
    raw.push(
      movement(
        d.decidedOn,
        'decision',
        `decision ${d.decisionNo}`,
        effective(d) - effective(decisions[i - 1]),
      ),
    );
  });
  for (const o of input.orders) {
    f.orderedMinor += o.principalMinor;
    if (SCHEDULED.has(o.status)) f.scheduledMinor += o.principalMinor;
    else if (o.status === 'sent') f.inTransitMinor += o.principalMinor;
    else if (o.status === 'settled') {
      f.paidPrincipalMinor += o.principalMinor;
      f.paidInterestMinor += o.interestMinor;
      if (o.replacesPaymentId !== null) f.repaidMinor += o.principalMinor;
    } else if (o.status === 'returned') f.returnedMinor += o.principalMinor;
    else if (o.status === 'rejected') f.rejectedMinor += o.principalMinor;
    else f.cancelledMinor += o.principalMinor;
    // A payment that reached the customer's account left the balance on its booking date, even if
    // the bank sent it back later (which then puts it back).
    const wasSettled = o.status === 'settled' || (o.status === 'returned' && o.settledOn !== null);
    if (wasSettled) {
      raw.push({
        ...movement(
          o.settledOn ?? o.statusChangedOn,
          o.replacesPaymentId ? 'repayment_settled' : 'payment_settled',
          o.paymentNumber,
          -o.principalMinor,
        ),
        interestMinor: o.interestMinor,
      });
    }
    if (o.status === 'returned' || o.status === 'rejected') {
      raw.push({
        ...movement(
          o.statusChangedOn,
          o.status === 'returned' ? 'payment_returned' : 'payment_rejected',
          o.paymentNumber,
          wasSettled ? o.principalMinor : 0,
        ),
        interestMinor: wasSettled ? -o.interestMinor : 0,
        reasonCode: o.reasonCode,
      });
    }
  }
  for (const r of input.recoveries) {
    f.recoveries.totalMinor += r.amountMinor;
    if (r.status === 'open') f.recoveries.openMinor += r.amountMinor;
    else {
      if (r.status === 'recovered') f.recoveries.recoveredMinor += r.amountMinor;
      else f.recoveries.waivedMinor += r.amountMinor;
      raw.push(
        movement(
          r.resolvedOn ?? '9999-12-31',
          r.status === 'recovered' ? 'recovery_recovered' : 'recovery_waived',
          r.recoveryNumber,
          r.amountMinor,
        ),
      );
    }
  }
  f.outstandingMinor =
    f.approvedMinor - f.paidPrincipalMinor + f.recoveries.recoveredMinor + f.recoveries.waivedMinor;
  f.unscheduledMinor = f.outstandingMinor - f.scheduledMinor - f.inTransitMinor;
  const ledger = { figures: f, movements: withBalance(raw) };
  assertLedgerAddsUp(ledger);
  return ledger;
}

/**
 * A customer's ledger per currency: the claims' figures added up and their movements in one
 * running balance (each movement names its claim).
 */
export function customerLedger(
  claims: readonly { claimNumber: string; ledger: Ledger }[],
): { currency: string; figures: LedgerFigures; movements: LedgerMovement[] }[] {
  const byCurrency = new Map<string, { claimNumber: string; ledger: Ledger }[]>();
  for (const c of claims) {
    const list = byCurrency.get(c.ledger.figures.currency) ?? [];
    list.push(c);
    byCurrency.set(c.ledger.figures.currency, list);
  }
  return [...byCurrency.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, list]) => {
      const figures = list.reduce((sum, c) => addFigures(sum, c.ledger.figures), emptyFigures(currency));
      const movements = withBalance(
        list.flatMap((c) => c.ledger.movements.map((m) => ({ ...m, claimNumber: c.claimNumber }))),
      );
      const ledger = { figures, movements };
      assertLedgerAddsUp(ledger);
      return { currency, ...ledger };
    });
}

/** The identities every ledger keeps; a broken one throws (a bug, or rows changed under a read). */
export function assertLedgerAddsUp({ figures: f, movements }: Ledger): void {
  const checks: [string, number, number][] = [
    [
      'ordered = scheduled + in transit + paid + returned + rejected + cancelled',
      f.orderedMinor,
      f.scheduledMinor +
        f.inTransitMinor +
        f.paidPrincipalMinor +
        f.returnedMinor +
        f.rejectedMinor +
        f.cancelledMinor,
    ],
    [
      'recoveries = open + recovered + waived',
      f.recoveries.totalMinor,
      f.recoveries.openMinor + f.recoveries.recoveredMinor + f.recoveries.waivedMinor,
    ],
    [
      'outstanding = approved − paid + recovered + waived',
      f.outstandingMinor,
      f.approvedMinor - f.paidPrincipalMinor + f.recoveries.recoveredMinor + f.recoveries.waivedMinor,
    ],
    [
      'outstanding = scheduled + in transit + unscheduled',
      f.outstandingMinor,
      f.scheduledMinor + f.inTransitMinor + f.unscheduledMinor,
    ],
    ['Σ movements = outstanding', movements.reduce((s, m) => s + m.amountMinor, 0), f.outstandingMinor],
    ['final balance = outstanding', movements.at(-1)?.balanceMinor ?? 0, f.outstandingMinor],
    [
      'Σ interest of movements = paid interest',
      movements.reduce((s, m) => s + m.interestMinor, 0),
      f.paidInterestMinor,
    ],
  ];
  let balance = 0;
  for (const m of movements) {
    balance += m.amountMinor;
    if (m.balanceMinor !== balance)
      checks.push([`running balance at ${m.reference}`, m.balanceMinor, balance]);
  }
  if (f.repaidMinor > f.paidPrincipalMinor)
    checks.push(['repaid ≤ paid', f.repaidMinor, f.paidPrincipalMinor]);
  const broken = checks.filter(([, a, b]) => !Number.isSafeInteger(a) || a !== b);
  if (broken.length > 0) {
    throw new LedgerMismatchError(
      `ledger does not add up: ${broken.map(([what, a, b]) => `${what} (${a} ≠ ${b})`).join('; ')}`,
    );
  }
}

function movement(
  date: string,
  kind: MovementKind,
  reference: string,
  amountMinor: number,
): Omit<LedgerMovement, 'balanceMinor'> {
  return { date, kind, reference, amountMinor, interestMinor: 0, reasonCode: null };
}

function withBalance(raw: readonly Omit<LedgerMovement, 'balanceMinor'>[]): LedgerMovement[] {
  const sorted = raw
    .map((m, seq) => ({ m, seq }))
    .sort((a, b) =>
      a.m.date !== b.m.date
        ? a.m.date < b.m.date
          ? -1
          : 1
        : RANK[a.m.kind] - RANK[b.m.kind] || a.seq - b.seq,
    );
  let balance = 0;
  return sorted.map(({ m }) => {
    balance += m.amountMinor;
    return { ...m, balanceMinor: balance };
  });
}

function emptyFigures(currency: string): LedgerFigures {
  return {
    currency,
    approvedMinor: 0,
    scheduledMinor: 0,
    inTransitMinor: 0,
    paidPrincipalMinor: 0,
    paidInterestMinor: 0,
    repaidMinor: 0,
    returnedMinor: 0,
    rejectedMinor: 0,
    cancelledMinor: 0,
    orderedMinor: 0,
    recoveries: { openMinor: 0, recoveredMinor: 0, waivedMinor: 0, totalMinor: 0 },
    outstandingMinor: 0,
    unscheduledMinor: 0,
  };
}

function addFigures(a: LedgerFigures, b: LedgerFigures): LedgerFigures {
  const r = a.recoveries;
  const s = b.recoveries;
  return {
    currency: a.currency,
    approvedMinor: a.approvedMinor + b.approvedMinor,
    scheduledMinor: a.scheduledMinor + b.scheduledMinor,
    inTransitMinor: a.inTransitMinor + b.inTransitMinor,
    paidPrincipalMinor: a.paidPrincipalMinor + b.paidPrincipalMinor,
    paidInterestMinor: a.paidInterestMinor + b.paidInterestMinor,
    repaidMinor: a.repaidMinor + b.repaidMinor,
    returnedMinor: a.returnedMinor + b.returnedMinor,
    rejectedMinor: a.rejectedMinor + b.rejectedMinor,
    cancelledMinor: a.cancelledMinor + b.cancelledMinor,
    orderedMinor: a.orderedMinor + b.orderedMinor,
    recoveries: {
      openMinor: r.openMinor + s.openMinor,
      recoveredMinor: r.recoveredMinor + s.recoveredMinor,
      waivedMinor: r.waivedMinor + s.waivedMinor,
      totalMinor: r.totalMinor + s.totalMinor,
    },
    outstandingMinor: a.outstandingMinor + b.outstandingMinor,
    unscheduledMinor: a.unscheduledMinor + b.unscheduledMinor,
  };
}
