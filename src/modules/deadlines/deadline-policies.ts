import { z } from 'zod';

// The deadlines we must keep, as configuration. Each legal policy names its source; where we are
// not certain of a section number we say so (verify against the official text before relying on
// it in a letter). How a clock turns a policy into instants is in deadline-clock.ts and
// docs/deadlines.md.

const label = z.string().trim().min(1);
const positiveInt = z.number().int().positive();

export const DeadlinePolicySchema = z.object({
  code: z.string().regex(/^[a-z]+(\.[a-z0-9_]+)+$/, 'dotted lower-case code, e.g. se.fl.six_months'),
  workKind: z.enum(['claim', 'service_case', 'complaint', 'referral', 'payment']),
  jurisdiction: z.enum(['SE', 'IT']).nullable(),
  label: z.object({ sv: label, it: label, en: label }),
  source: z.string().trim().min(1),
  clock: z.object({
    unit: z.enum(['calendar_days', 'calendar_months', 'business_days', 'business_hours']),
    amount: positiveInt,
  }),
  pausesWhileAwaitingCustomer: z.boolean(),
  rollForwardToBusinessDay: z.boolean(),
  warnAtShares: z
    .array(z.number().gt(0).lt(1))
    .refine(
      (s) => s.every((v, i) => i === 0 || v > (s[i - 1] as number)),
      'shares must be strictly increasing',
    ),
  secondEscalationAfter: z.object({
    unit: z.enum(['business_days', 'business_hours', 'calendar_days']),
    amount: positiveInt,
  }),
  configurable: z.boolean().optional(),
});

type Parsed = z.infer<typeof DeadlinePolicySchema>;

export type DeadlinePolicy = {
  code: string;
  workKind: 'claim' | 'service_case' | 'complaint' | 'referral' | 'payment';
  jurisdiction: 'SE' | 'IT' | null; // null: internal service level
  label: { sv: string; it: string; en: string };
  source: string; // legal or internal source, human-readable
  clock: { unit: 'calendar_days' | 'calendar_months' | 'business_days' | 'business_hours'; amount: number };
  pausesWhileAwaitingCustomer: boolean;
  rollForwardToBusinessDay: boolean; // a due date on a weekend/holiday moves to the next business day
  warnAtShares: readonly number[]; // e.g. [0.5, 0.8], strictly increasing, each in (0,1)
  secondEscalationAfter: { unit: 'business_days' | 'business_hours' | 'calendar_days'; amount: number };
  /**
   * A company's own promise (an internal service level, a complaints policy) that an operator may
   * replace at start-up (configureDeadlinePolicies). Absent on the law's deadlines: those change
   * with the law, in code, never by a setting.
   */
  configurable?: boolean;
};

/** Validates a configured policy (e.g. an internal SLA read from config); throws ZodError. */
export function parseDeadlinePolicy(input: unknown): DeadlinePolicy {
  const parsed: Parsed = DeadlinePolicySchema.parse(input);
  return parsed;
}

const SE_ROLL_FORWARD = 'lag (1930:173) om beräkning av lagstadgad tid 1 §';
const IT_ROLL_FORWARD = 'art. 1187 and art. 2963 c.c.';

export const DEADLINE_POLICIES: readonly DeadlinePolicy[] = [
  // FAL 7 kap. 8 §: in consumer non-life insurance the insurer pays at the latest one month after
  // the claimant has done what the contract requires and supplied the investigation that can
  // reasonably be asked for. Personal insurance has a corresponding rule in 14 kap.; we believe it
  // is 14 kap. 7 § but have not verified the section number. Late payment carries interest under
  // räntelagen (1975:635) 6 § (late-interest.ts). The law starts the month when the documentation
  // is complete; pausing while we wait for the customer (instead of restarting) is the
  // customer-friendly reading when we ask for more after the clock started.
  {
    code: 'se.fal.claim_payment',
    workKind: 'claim',
    jurisdiction: 'SE',
    label: {
      sv: 'Utbetalning av försäkringsersättning (en månad)',
      it: 'Pagamento dell’indennizzo (un mese)',
      en: 'Claim payment (one month)',
    },
    source: `Försäkringsavtalslagen (2005:104) 7 kap. 8 § (personförsäkring: motsvarande regel i 14 kap., paragraf ej verifierad); dröjsmålsränta räntelagen (1975:635) 6 §; ${SE_ROLL_FORWARD}`,
    clock: { unit: 'calendar_months', amount: 1 },
    pausesWhileAwaitingCustomer: true,
    rollForwardToBusinessDay: true,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 2 },
  },
  // FL 12 §: when a case started by an individual is undecided six months after it began, the party
  // may ask in writing for a decision. No roll-forward: moving the date would only delay the
  // party's right, and the six months are not a period for an act by the authority.
  {
    code: 'se.fl.six_months',
    workKind: 'service_case',
    jurisdiction: 'SE',
    label: {
      sv: 'Ärende oavgjort sex månader (rätt att begära avgörande)',
      it: 'Pratica non decisa da sei mesi (diritto di chiedere la decisione)',
      en: 'Case undecided for six months (party may demand a decision)',
    },
    source: 'Förvaltningslagen (2017:900) 12 § första stycket',
    clock: { unit: 'calendar_months', amount: 6 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: false,
    warnAtShares: [0.5, 0.75, 0.9],
    secondEscalationAfter: { unit: 'business_days', amount: 5 },
  },
  // FL 12 §: within four weeks of such a request the authority decides the case or rejects the
  // request in a separate, appealable decision.
  {
    code: 'se.fl.decision_request',
    workKind: 'service_case',
    jurisdiction: 'SE',
    label: {
      sv: 'Begäran om avgörande: beslut inom fyra veckor',
      it: 'Richiesta di decisione: decidere entro quattro settimane',
      en: 'Request for a decision: decide within four weeks',
    },
    source: `Förvaltningslagen (2017:900) 12 § andra stycket; ${SE_ROLL_FORWARD}`,
    clock: { unit: 'calendar_days', amount: 28 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: true,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 1 },
  },
  // CAP art. 148: the insurer makes a reasoned offer or states why it makes none within 60 days of
  // a complete claim for damage to property (co. 1), 30 days when both drivers signed the joint
  // accident form (co. 1), 90 days when there is personal injury (co. 2). For an incomplete claim
  // co. 5 makes the terms run again from receipt of the missing documents: the caller starts a new
  // clock then, so these clocks do not pause. Periods end per art. 2963 c.c. (applied to
  // obligations by art. 1187 c.c.): first day not counted, a holiday end moves to the next day.
  // Simplification: 2963 c.c. speaks of a "giorno festivo", not Saturday; we roll past Saturday too.
  {
    code: 'it.cap148.joint_form',
    workKind: 'claim',
    jurisdiction: 'IT',
    label: {
      sv: 'Motorskada med gemensam skadeanmälan: erbjudande inom 30 dagar',
      it: 'Sinistro con constatazione amichevole firmata: offerta entro 30 giorni',
      en: 'Motor claim with joint accident form: offer within 30 days',
    },
    source: `D.Lgs. 7 settembre 2005 n. 209 (Codice delle assicurazioni private) art. 148 co. 1; ${IT_ROLL_FORWARD}`,
    clock: { unit: 'calendar_days', amount: 30 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: true,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 2 },
  },
  {
    code: 'it.cap148.property',
    workKind: 'claim',
    jurisdiction: 'IT',
    label: {
      sv: 'Motorskada, sakskada: erbjudande inom 60 dagar',
      it: 'Sinistro con soli danni a cose: offerta entro 60 giorni',
      en: 'Motor claim, property damage: offer within 60 days',
    },
    source: `D.Lgs. 209/2005 art. 148 co. 1; ${IT_ROLL_FORWARD}`,
    clock: { unit: 'calendar_days', amount: 60 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: true,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 2 },
  },
  {
    code: 'it.cap148.injury',
    workKind: 'claim',
    jurisdiction: 'IT',
    label: {
      sv: 'Motorskada med personskada: erbjudande inom 90 dagar',
      it: 'Sinistro con lesioni: offerta entro 90 giorni',
      en: 'Motor claim with personal injury: offer within 90 days',
    },
    source: `D.Lgs. 209/2005 art. 148 co. 2; ${IT_ROLL_FORWARD}`,
    clock: { unit: 'calendar_days', amount: 90 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: true,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 2 },
  },
  // Art. 148: once the claimant accepts the offer the insurer pays within 15 days of receiving the
  // acceptance (we believe this is co. 8; the comma number is not verified).
  {
    code: 'it.cap148.payment',
    workKind: 'payment',
    jurisdiction: 'IT',
    label: {
      sv: 'Motorskada: utbetalning inom 15 dagar från accept',
      it: 'Pagamento entro 15 giorni dall’accettazione dell’offerta',
      en: 'Motor claim: payment within 15 days of acceptance',
    },
    source: `D.Lgs. 209/2005 art. 148 (pagamento entro 15 giorni dall'accettazione; comma non verificato); ${IT_ROLL_FORWARD}`,
    clock: { unit: 'calendar_days', amount: 15 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: true,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 1 },
  },
  // Internal service levels: our promise, not law. Change them by configuring a policy with the
  // same shape (parseDeadlinePolicy), not by editing the legal ones above.
  {
    code: 'internal.first_contact',
    workKind: 'claim',
    jurisdiction: null,
    label: {
      sv: 'Första kontakt inom en arbetsdag',
      it: 'Primo contatto entro un giorno lavorativo',
      en: 'First contact within one business day',
    },
    source: 'Internal service level: first contact with the claimant within 1 business day',
    clock: { unit: 'business_days', amount: 1 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: false,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_hours', amount: 4 },
    configurable: true,
  },
  {
    code: 'internal.claim_decision',
    workKind: 'claim',
    jurisdiction: null,
    label: {
      sv: 'Beslut inom tio arbetsdagar',
      it: 'Decisione entro dieci giorni lavorativi',
      en: 'Decision within ten business days',
    },
    source: 'Internal service level: decide a complete claim within 10 business days (configurable)',
    clock: { unit: 'business_days', amount: 10 },
    pausesWhileAwaitingCustomer: true,
    rollForwardToBusinessDay: false,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 2 },
    configurable: true,
  },
  // Complaints. Italy: the company answers a complaint within 45 days of receiving it (Regolamento
  // ISVAP n. 24/2008, art. 8, as amended by Provvedimento IVASS n. 46/2016; article number to be
  // verified against the consolidated text). Sweden: FFFS 2002:23 asks for complaints to be handled
  // promptly ("skyndsamt") under the company's complaints policy, without a number of days; 14
  // calendar days is our policy's default and is configurable.
  {
    code: 'it.ivass.complaint_answer',
    workKind: 'complaint',
    jurisdiction: 'IT',
    label: {
      sv: 'Svar på klagomål (45 dagar, IVASS)',
      it: 'Risposta al reclamo (45 giorni, IVASS)',
      en: 'Complaint answer (45 days, IVASS)',
    },
    source: `Regolamento ISVAP n. 24/2008 art. 8 (45 giorni; Provvedimento IVASS n. 46/2016; articolo da verificare); ${IT_ROLL_FORWARD}`,
    clock: { unit: 'calendar_days', amount: 45 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: true,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 2 },
  },
  {
    code: 'se.complaint_answer',
    workKind: 'complaint',
    jurisdiction: 'SE',
    label: {
      sv: 'Svar på klagomål (klagomålspolicy)',
      it: 'Risposta al reclamo (politica reclami)',
      en: 'Complaint answer (complaints policy)',
    },
    source: `FFFS 2002:23 (klagomål hanteras skyndsamt) and the company complaints policy: 14 calendar days by default (configurable: CLAIMDESK_SE_COMPLAINT_DAYS); ${SE_ROLL_FORWARD}`,
    clock: { unit: 'calendar_days', amount: 14 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: true,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 2 },
    configurable: true,
  },
  {
    code: 'internal.case_answer',
    workKind: 'service_case',
    jurisdiction: null,
    label: {
      sv: 'Svar på kundärende inom fem arbetsdagar',
      it: 'Risposta alla richiesta entro cinque giorni lavorativi',
      en: 'Answer a service case within five business days',
    },
    source: 'Internal service level: resolve a customer service case within 5 business days (configurable)',
    clock: { unit: 'business_days', amount: 5 },
    pausesWhileAwaitingCustomer: true,
    rollForwardToBusinessDay: false,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 2 },
    configurable: true,
  },
  {
    code: 'internal.referral_standard',
    workKind: 'referral',
    jurisdiction: null,
    label: {
      sv: 'Svar på remiss inom tre arbetsdagar',
      it: 'Risposta alla richiesta interna entro tre giorni lavorativi',
      en: 'Answer a referral within three business days',
    },
    source: 'Internal service level: a department answers a standard referral within 3 business days',
    clock: { unit: 'business_days', amount: 3 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: false,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_days', amount: 1 },
    configurable: true,
  },
  {
    code: 'internal.referral_urgent',
    workKind: 'referral',
    jurisdiction: null,
    label: {
      sv: 'Svar på brådskande remiss inom fyra arbetstimmar',
      it: 'Risposta urgente entro quattro ore lavorative',
      en: 'Answer an urgent referral within four business hours',
    },
    source: 'Internal service level: a department answers an urgent referral within 4 business hours',
    clock: { unit: 'business_hours', amount: 4 },
    pausesWhileAwaitingCustomer: false,
    rollForwardToBusinessDay: false,
    warnAtShares: [0.5, 0.8],
    secondEscalationAfter: { unit: 'business_hours', amount: 4 },
    configurable: true,
  },
];

const BY_CODE = new Map(DEADLINE_POLICIES.map((p) => [p.code, p]));

// Operators replace configurable policies at start-up (configureDeadlinePolicies, called by the
// server and the CLI with what config.ts parsed). The overrides live here rather than being passed
// down because every clock computation (start, sweep, views) looks its policy up by code; they are
// replaced as a whole, validated first, and tests restore them with the function returned or with
// resetDeadlinePolicies, so no test depends on what another configured.
let overrides: ReadonlyMap<string, DeadlinePolicy> = new Map();

// On top of those, the clocks an administrator set from the desk (admin-config, stored in
// deadline_policy_settings): the latest word on a company promise, so they win over the start-up
// configuration. Only configurable policies get one (admin-config refuses the law's).
let adminClocks: ReadonlyMap<string, DeadlinePolicy['clock']> = new Map();
const withAdminClock = (p: DeadlinePolicy): DeadlinePolicy => {
  const clock = adminClocks.get(p.code);
  return clock ? { ...p, clock } : p;
};

/** Replaces the administrator's clocks; returns a function restoring the previous ones. */
export function configureAdminDeadlineClocks(
  clocks: ReadonlyMap<string, DeadlinePolicy['clock']>,
): () => void {
  const previous = adminClocks;
  adminClocks = new Map(clocks);
  return () => {
    adminClocks = previous;
  };
}

/** The policy in force for `code`: the configured override, else the shipped one. */
export function deadlinePolicy(code: string): DeadlinePolicy {
  const policy = overrides.get(code) ?? BY_CODE.get(code);
  if (!policy) throw new Error(`unknown deadline policy: ${code}`);
  return adminClocks.size === 0 ? policy : withAdminClock(policy);
}

/** Every policy as in force now (shipped ones with their overrides applied). */
export function deadlinePoliciesInForce(): DeadlinePolicy[] {
  return DEADLINE_POLICIES.map((p) => withAdminClock(overrides.get(p.code) ?? p));
}

export class DeadlinePolicyConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid deadline policy configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DeadlinePolicyConfigError';
    this.problems = problems;
  }
}

/**
 * Replaces the configured overrides with `configured` (each validated with the policy schema).
 * Only a shipped policy marked configurable may be overridden, and only in what it promises (its
 * clock, warnings, escalation, labels and source): the work it is for and its jurisdiction stay, so
 * a clock already running keeps its meaning. Every problem is listed at once; on any problem
 * nothing changes. Returns a function that restores the overrides as they were (for tests).
 */
export function configureDeadlinePolicies(configured: readonly unknown[]): () => void {
  const problems: string[] = [];
  const next = new Map<string, DeadlinePolicy>();
  configured.forEach((input, i) => {
    const parsed = DeadlinePolicySchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`policy ${i}${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}`);
      }
      return;
    }
    const policy: DeadlinePolicy = { ...parsed.data, configurable: true };
    const shipped = BY_CODE.get(policy.code);
    if (!shipped) problems.push(`${policy.code}: no such deadline policy`);
    else if (!shipped.configurable) problems.push(`${policy.code}: set by law, not configurable`);
    else if (shipped.workKind !== policy.workKind || shipped.jurisdiction !== policy.jurisdiction) {
      problems.push(`${policy.code}: an override cannot change the work kind or the jurisdiction`);
    } else if (next.has(policy.code)) problems.push(`${policy.code}: configured twice`);
    else next.set(policy.code, policy);
  });
  if (problems.length > 0) throw new DeadlinePolicyConfigError(problems);
  const previous = overrides;
  overrides = next;
  return () => {
    overrides = previous;
  };
}

/** Back to the shipped policies (tests). */
export function resetDeadlinePolicies(): void {
  overrides = new Map();
}

/**
 * The overrides the configuration asks for (pure): today the Swedish complaint deadline of the
 * company's complaints policy (CLAIMDESK_SE_COMPLAINT_DAYS). The shipped value needs no override.
 */
export function configuredDeadlinePolicies(settings: { seComplaintDays: number }): DeadlinePolicy[] {
  const se = deadlinePolicyShipped('se.complaint_answer');
  if (settings.seComplaintDays === se.clock.amount) return [];
  const days = settings.seComplaintDays;
  return [
    {
      ...se,
      clock: { unit: 'calendar_days', amount: days },
      source: `FFFS 2002:23 (klagomål hanteras skyndsamt) and the company complaints policy: ${days} calendar days (CLAIMDESK_SE_COMPLAINT_DAYS); ${SE_ROLL_FORWARD}`,
    },
  ];
}

/** The policy as shipped, whatever is configured. */
export function deadlinePolicyShipped(code: string): DeadlinePolicy {
  const policy = BY_CODE.get(code);
  if (!policy) throw new Error(`unknown deadline policy: ${code}`);
  return policy;
}
