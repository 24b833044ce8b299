import { RETENTION_RULES, type RetentionRule } from './retention-rules.ts';

// What the retention sweep does when a record's retention ends, without I/O. The periods are the
// rules' (retention-rules.ts, one place for the data-protection officer); this file adds what the
// sweep deletes for each of them, from which event the period runs, and the cut-off date.

export type Country = 'SE' | 'IT';

/** The kinds of record the sweep acts on, each under one rule of retention-rules.ts. */
export type SweptKind =
  | 'service_case'
  | 'complaint'
  | 'payment'
  | 'recovery'
  | 'claim_file'
  | 'policy'
  | 'call'
  | 'contact_history'
  | 'notification'
  | 'letter'
  | 'webhook_delivery'
  | 'case_document'
  | 'inbound_message'
  | 'print_batch'
  | 'payment_batch'
  | 'identity';

export type SweepPlan = {
  kind: SweptKind;
  /** The retention rule whose period applies. */
  rule: string;
  /** The event the period runs from, in plain words (docs/privacy.md lists them). */
  from: string;
  /**
   * What happens at the end: the rows are deleted (nothing in them is needed any more), or, for
   * the identity, pseudonymised as an erasure does (the row stays: audit events name its id).
   */
  action: 'delete' | 'pseudonymise';
  /**
   * The record has no customer (a print batch's PDF, a bank file): no country decides its period,
   * so the longest of the countries' periods applies (the longest any record inside it can have).
   */
  unowned?: true;
};

export const SWEEP_PLANS: readonly SweepPlan[] = [
  {
    kind: 'service_case',
    rule: 'service',
    from: 'the case closed, resolved or was withdrawn (a complaint is kept under the complaints rule)',
    action: 'delete',
  },
  {
    kind: 'complaint',
    rule: 'complaints',
    from: 'the complaint case closed, resolved or was withdrawn',
    action: 'delete',
  },
  // Payments before the claim file, the claim file before its policy: each needs the next one
  // while it exists, and one batch sweeps them in this order (the later ones see the earlier gone).
  {
    kind: 'payment',
    rule: 'payments',
    from: 'the payment settled (one that never did: its last change of status); a returned payment stays while its replacement does',
    action: 'delete',
  },
  {
    kind: 'recovery',
    rule: 'payments',
    from: 'the recovery was resolved (repaid or written off)',
    action: 'delete',
  },
  {
    kind: 'claim_file',
    rule: 'claim_file',
    from: 'the claim finished (its last change to closed, withdrawn, denied or paid); a claim with payments or recoveries left stays until they go',
    action: 'delete',
  },
  {
    kind: 'policy',
    rule: 'policy',
    from: 'the policy ended (its end date); a policy with claims stays as long as their claim file',
    action: 'delete',
  },
  { kind: 'call', rule: 'service', from: 'the call ended', action: 'delete' },
  { kind: 'contact_history', rule: 'service', from: 'the contact details changed', action: 'delete' },
  {
    kind: 'notification',
    rule: 'service',
    from: 'the notification was made (one sent as a letter or email stays with the claim file)',
    action: 'delete',
  },
  {
    kind: 'letter',
    rule: 'claim_file',
    from: 'the letter or email was made; one about a claim, payment or recovery still kept goes with it instead',
    action: 'delete',
  },
  {
    kind: 'webhook_delivery',
    rule: 'integration_log',
    from: 'the delivery ended (delivered, or failed for good)',
    action: 'delete',
  },
  // What was left behind by a service case swept before its documents went with it (a case is
  // deleted only by the sweep, so only once its own period ran out).
  {
    kind: 'case_document',
    rule: 'service',
    from: 'the document was uploaded; only documents of a service case or referral already swept (the others go with their case)',
    action: 'delete',
  },
  // Mail not on a claim or case: never part of a claim file, it is contact with customer service.
  {
    kind: 'inbound_message',
    rule: 'service',
    from: 'the message was dealt with (triaged, else received); only messages on no claim or case and not waiting in triage',
    action: 'delete',
  },
  // No customer: by age, under the longest period of what is inside, once nothing kept names them.
  // After the letters and payments they contain (above), so one run also ends with them.
  {
    kind: 'print_batch',
    rule: 'claim_file',
    from: 'the batch was printed; kept while a letter in it is still kept',
    action: 'delete',
    unowned: true,
  },
  {
    kind: 'payment_batch',
    rule: 'payments',
    from: 'the batch was executed (released, else made); kept while a payment in it is still kept',
    action: 'delete',
    unowned: true,
  },
  {
    kind: 'identity',
    rule: 'identity',
    from: 'nothing is left of the customer under any rule (every record swept, none open)',
    action: 'pseudonymise',
  },
];

export function ruleOfPlan(plan: SweepPlan): RetentionRule {
  const rule = RETENTION_RULES.find((r) => r.kind === plan.rule);
  if (!rule) throw new Error(`retention sweep: no retention rule ${plan.rule}`);
  return rule;
}

const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * The first end date (YYYY-MM-DD) still kept on `today` under `rule` in `country`: a record whose
 * period ran from a day before it is past retention (its `retainedUntil` is before today), one
 * from that day or later is kept. Null: the rule keeps the kind with no end date. The inverse of
 * `retainedUntil`, so both agree on 29 February (a property test checks it).
 */
export function retentionCutoff(rule: RetentionRule, country: Country, today: string): string | null {
  const years = rule.years[country];
  if (years === null) return null;
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const year = y - years;
  // Today 29 February, that year common: 28 February + years is the 28th, before today (swept);
  // the first day kept is 1 March.
  if (m === 2 && d === 29 && !leap(year)) return `${pad(year, 4)}-03-01`;
  return `${pad(year, 4)}-${pad(m)}-${pad(d)}`;
}

/**
 * The cut-off for a record without a customer: the earliest of the countries' cut-offs, i.e. the
 * longest period (null if any country keeps the kind with no end date).
 */
export function longestCutoff(cutoffs: Record<Country, string | null>): string | null {
  const days = Object.values(cutoffs);
  if (days.some((d) => d === null)) return null;
  return (days as string[]).sort()[0] ?? null;
}

/** The cut-off per country for one plan (null where its rule has no end date). */
export function cutoffsOf(plan: SweepPlan, today: string): Record<Country, string | null> {
  const rule = ruleOfPlan(plan);
  return { SE: retentionCutoff(rule, 'SE', today), IT: retentionCutoff(rule, 'IT', today) };
}
