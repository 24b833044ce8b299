import { base, en, en_GB, Faker, it, sv } from '@faker-js/faker';
import {
  generateItalianFiscalCode,
  generateSwedishPersonalNumber,
  ITALIAN_PLACE_CODES,
  type Sex,
} from '../../lib/national-id/index.ts';
import type { CustomerInput } from '../../modules/customers/index.ts';
import {
  derivePremiumStatus,
  installmentsDue,
  type PremiumSchedule,
  type PremiumStatus,
} from '../../modules/policies/index.ts';
import type { Language } from '../schema.ts';
import { type ClaimDraft, healthClaim, sicknessClaim, travelClaim } from './demo-claims.ts';
import {
  type City,
  DEMO_USERS,
  type DemoPersona,
  type DemoUser,
  FOREIGN_BIRTHPLACES,
  IT_CITIES,
  IT_GIVEN_NAMES,
  IT_STREETS,
  type PremiumTarget,
  SE_CITIES,
  SE_STREETS,
} from './demo-people.ts';
import {
  DEMO_PRODUCTS,
  type DemoProduct,
  type DemoProductKey,
  SICKNESS_CONTRIBUTION_PER_10000,
} from './demo-products.ts';
import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  daysBetween,
  isCalendarDate,
  maxDate,
  minDate,
  Rng,
  randomDate,
  roundTo,
  subSeed,
} from './demo-random.ts';

// The whole demo worked out in memory first, from one fixed seed and one anchor date ("today" in
// the demo), without touching the database or the clock: who the customers are, which policies
// they hold, what they paid and what they claim. seedDemo() then writes this plan through the
// real use cases.
//
// Who people are (names, birth dates, national identity numbers, contact details) is drawn first,
// from streams nothing else reads, so it is the same whatever the anchor. Everything that happens
// to them (policy periods, premium schedules and payments, insured family members, claims) is
// dated relative to the anchor and drawn from streams of its own (one per customer, one for the
// desk's claims): a different anchor shifts the dates and never changes who is who. Nothing in the
// plan is dated after the anchor, and each policy has its intended premium status on the anchor.

export const DEMO_SEED = 20_261_101;

/**
 * Customers' birth dates do not depend on the anchor (national identity numbers are made from
 * them): they are drawn for adult ages on this date. It is therefore the earliest anchor, the
 * first day on which every demo customer is born and of age.
 */
export const DEMO_EARLIEST_ANCHOR = '2025-01-01';

export const DEMO_CUSTOMER_COUNT = 1000;
/** Share of customers in Sweden; the rest live in Italy. */
const SE_SHARE = 0.6;
/** Claims per product, persona claims included. */
const CLAIMS_PER_PRODUCT: Record<DemoProductKey, number> = { travel: 115, health: 125, sickness: 60 };
/** Stream numbers of the parts not tied to one customer (customers' own streams are their index). */
const CLAIMS_STREAM = 1_000_001;
export const DESK_STREAM = 1_000_002;

type Frequency = PremiumSchedule['frequency'];

export type PaymentPlan = { paidOn: string; amountMinor: number };

export type ClaimPlan = ClaimDraft & {
  channel: 'phone' | 'email' | 'letter' | 'portal' | 'api' | 'import';
  externalRef?: string;
};

export type PolicyPlan = {
  product: DemoProductKey;
  startsOn: string;
  endsOn: string;
  frequency: Frequency;
  amountMinor: number;
  firstDueDate?: string;
  insuredPersons: { fullName: string; birthDate: string; relation: 'spouse' | 'child' }[];
  declaredAnnualIncomeMinor?: number;
  payments: PaymentPlan[];
  /** The premium status the payments give as of the anchor (checked while planning). */
  premiumState: PremiumStatus['state'];
  claims: ClaimPlan[];
};

export type CustomerPlan = {
  input: CustomerInput;
  sex: Sex;
  birthDate: string;
  /** Set for the customers who have a portal login. */
  login?: DemoUser;
  policies: PolicyPlan[];
};

/** A demo product with the date its (only) version is in force from. */
export type ProductPlan = DemoProduct & { effectiveFrom: string };

export type DemoPlan = { anchor: string; products: ProductPlan[]; customers: CustomerPlan[] };

/**
 * Why `anchor` cannot anchor a demo seeded on `today`, or null when it can. Claims and payments
 * cannot be dated in the future (registerClaim refuses them), so the anchor is at the latest today.
 */
export function demoAnchorProblem(anchor: string, today: string): string | null {
  if (!isCalendarDate(anchor))
    return `the anchor must be a calendar date written YYYY-MM-DD, got "${anchor}"`;
  if (anchor > today) {
    return `the anchor ${anchor} is after today (${today}): the demo cannot hold claims or payments dated in the future`;
  }
  if (anchor < DEMO_EARLIEST_ANCHOR) {
    return `the anchor ${anchor} is before ${DEMO_EARLIEST_ANCHOR}, the earliest date on which every demo customer is born and of age`;
  }
  return null;
}

const PRODUCT = Object.fromEntries(DEMO_PRODUCTS.map((p) => [p.key, p])) as Record<
  DemoProductKey,
  (typeof DEMO_PRODUCTS)[number]
>;

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;
const SE_MOBILE_PREFIXES = ['70', '72', '73', '76', '79'] as const;
const IT_MOBILE_PREFIXES = [
  '320',
  '328',
  '329',
  '331',
  '333',
  '338',
  '339',
  '340',
  '347',
  '348',
  '349',
  '380',
  '389',
  '392',
] as const;

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function digits(rng: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(rng.int(0, 9));
  return out;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function cityByName(cities: readonly City[], name: string): City {
  const city = cities.find((c) => c.name === name);
  if (!city) throw new Error(`unknown demo city ${name}`);
  return city;
}

/** Birth date for someone of `age` whole years on `on`. */
function birthDateForAge(rng: Rng, age: number, on: string): string {
  return randomDate(rng, addDays(addYears(on, -(age + 1)), 1), addYears(on, -age));
}

function adultAge(rng: Rng): number {
  const band = rng.weighted([
    [[18, 29], 20],
    [[30, 44], 30],
    [[45, 64], 33],
    [[65, 85], 17],
  ] as const);
  return rng.int(band[0], band[1]);
}

/** Monthly-equivalent premium → instalment for the frequency (annual payers get 5 % off). */
function instalment(monthlyMinor: number, frequency: Frequency, step: number): number {
  const months = { monthly: 1, quarterly: 3, semiannual: 6, annual: 12 }[frequency];
  const discount = frequency === 'annual' ? 0.95 : 1;
  return roundTo(monthlyMinor * months * discount, step);
}

/** 1 January of the year `date` falls in, `years` later. */
function newYear(date: string, years = 0): string {
  return `${Number(date.slice(0, 4)) + years}-01-01`;
}

/**
 * Start of the sickness-benefit membership in force on the anchor. Membership follows the
 * calendar year, so it starts on 1 January of the anchor's year; early in the year (before a
 * contribution can be three months overdue) it is the one begun on 1 January of the year before
 * and renewed to the end of this one, so the demo still has contribution histories to show.
 */
function membershipStart(anchor: string): string {
  return newYear(addDays(anchor, -120));
}

/**
 * Start of a persona's policy (monthly schedule, due on the start's day of the month) such that
 * its latest instalment falls `lagDays` (up to three more, to keep the due day within 1–28)
 * before the anchor, after `months` earlier instalments. The lags give each situation:
 *  - paid: 10 days, long since paid;
 *  - grace period: 6–9 days, within every product's 14–30 grace days;
 *  - overdue: 27–30 days, past every grace period and within every lapse limit (60–180 days);
 *  - lapsed: ~10 months of instalments, the oldest far past every lapse limit.
 */
function personaStart(target: PremiumTarget, anchor: string): string {
  const { lagDays, months } = {
    paid: { lagDays: 10, months: 8 },
    grace_period: { lagDays: 6, months: 6 },
    overdue: { lagDays: 27, months: 7 },
    lapsed: { lagDays: 22, months: 10 },
  }[target];
  let latest = addDays(anchor, -lagDays);
  while (Number(latest.slice(8, 10)) > 28) latest = addDays(latest, -1);
  return addMonths(latest, -months);
}

/** The 12th of the month `months` after the month of `date`. */
function addMonthsTo12th(date: string, months: number): string {
  return `${addMonths(date, months).slice(0, 8)}12`;
}

/** A customer while planning: with their home city and whether they have a coordination number. */
type PlannedCustomer = CustomerPlan & { city: string; coordination: boolean };

class Planner {
  readonly anchor: string;
  /** Identity: only who people are is drawn from these, in a fixed order, whatever the anchor. */
  readonly rng = new Rng(DEMO_SEED);
  readonly fakeSv = new Faker({ locale: [sv, base] });
  readonly fakeIt = new Faker({ locale: [it, base] });
  readonly fakeEn = new Faker({ locale: [en_GB, en, base] });
  /** Names of insured family members and of doctors, reseeded from the stream that needs one. */
  readonly otherSv = new Faker({ locale: [sv, base] });
  readonly otherIt = new Faker({ locale: [it, base] });
  readonly otherEn = new Faker({ locale: [en_GB, en, base] });
  readonly nationalIds = new Set<string>();
  extRef = 0;

  constructor(anchor: string) {
    this.anchor = anchor;
    this.fakeSv.seed(DEMO_SEED + 1);
    this.fakeIt.seed(DEMO_SEED + 2);
    this.fakeEn.seed(DEMO_SEED + 3);
  }

  faker(lang: Language, country: 'SE' | 'IT'): Faker {
    if (lang === 'en') return this.fakeEn;
    return country === 'SE' ? this.fakeSv : this.fakeIt;
  }

  /** A faker for people other than customers, seeded from `rng` (so from its stream alone). */
  otherFaker(rng: Rng, lang: Language, country: 'SE' | 'IT'): Faker {
    const fake = lang === 'en' ? this.otherEn : country === 'SE' ? this.otherSv : this.otherIt;
    fake.seed(rng.int(0, 0x7fff_ffff));
    return fake;
  }

  /** Italian speakers get common Italian first names; everyone else the faker locale's. */
  givenName(rng: Rng, fake: Faker, lang: Language, sex: Sex): string {
    return lang === 'it' ? rng.pick(IT_GIVEN_NAMES[sex]) : fake.person.firstName(sex);
  }

  // --- customers ----------------------------------------------------------------------------------

  swedishId(birthDate: string, sex: Sex, coordination: boolean): string {
    for (let attempt = 0; attempt < 200; attempt++) {
      const id = generateSwedishPersonalNumber({ birthDate, sex, serial: this.rng.int(0, 99), coordination });
      if (!this.nationalIds.has(`SE:${id}`)) {
        this.nationalIds.add(`SE:${id}`);
        return id;
      }
    }
    throw new Error(`no free Swedish personal number for ${birthDate}`);
  }

  /** Two people with the same name, birth date and birthplace would share a code: move the
   * second one's birthday by a day (real homocodes are rare enough not to model). */
  italianId(p: { givenName: string; familyName: string; birthDate: string; sex: Sex; placeCode: string }): {
    id: string;
    birthDate: string;
  } {
    let birthDate = p.birthDate;
    for (let attempt = 0; attempt < 50; attempt++) {
      const id = generateItalianFiscalCode({ ...p, birthDate });
      if (!this.nationalIds.has(`IT:${id}`)) {
        this.nationalIds.add(`IT:${id}`);
        return { id, birthDate };
      }
      birthDate = addDays(birthDate, 1);
    }
    throw new Error(`no free Italian fiscal code for ${p.givenName} ${p.familyName}`);
  }

  contact(
    givenName: string,
    familyName: string,
    country: 'SE' | 'IT',
    cityName?: string,
  ): Pick<CustomerInput, 'email' | 'phone' | 'address'> & { city: string } {
    const { rng } = this;
    const cities = country === 'SE' ? SE_CITIES : IT_CITIES;
    const city = cityName
      ? cityByName(cities, cityName)
      : rng.weighted(cities.map((c) => [c, c.weight] as const));
    const code = pad(rng.int(city.postal[0], city.postal[1]), 5);
    const street = `${rng.pick(country === 'SE' ? SE_STREETS : IT_STREETS)} ${rng.int(1, 120)}`;
    const address = {
      street,
      postalCode: country === 'SE' ? `${code.slice(0, 3)} ${code.slice(3)}` : code,
      city: city.name,
      country,
    };
    // Contact details use reserved example domains, so a demo can never email a real person.
    const email = rng.chance(0.88)
      ? `${ascii(givenName)}.${ascii(familyName)}${rng.chance(0.35) ? rng.int(2, 99) : ''}@${rng.pick(EMAIL_DOMAINS)}`
      : undefined;
    const phone = rng.chance(0.92)
      ? country === 'SE'
        ? `+46${rng.pick(SE_MOBILE_PREFIXES)}${digits(rng, 7)}`
        : `+39${rng.pick(IT_MOBILE_PREFIXES)}${digits(rng, 7)}`
      : undefined;
    return { ...(email ? { email } : {}), ...(phone ? { phone } : {}), address, city: city.name };
  }

  customer(
    country: 'SE' | 'IT',
    lang: Language,
    person: {
      givenName: string;
      familyName: string;
      sex: Sex;
      birthDate: string;
      city?: string;
      placeCode?: string;
    },
    opts: { coordination?: boolean } = {},
  ): PlannedCustomer {
    const { city, ...contact } = this.contact(person.givenName, person.familyName, country, person.city);
    let nationalId: string;
    let birthDate = person.birthDate;
    if (country === 'SE') {
      nationalId = this.swedishId(birthDate, person.sex, opts.coordination ?? false);
    } else {
      const home = ITALIAN_PLACE_CODES.find((p) => p.name === city)?.code;
      const placeCode =
        person.placeCode ??
        (lang === 'en'
          ? this.rng.pick(FOREIGN_BIRTHPLACES)
          : home && this.rng.chance(0.6)
            ? home
            : this.rng.pick(ITALIAN_PLACE_CODES).code);
      const generated = this.italianId({ ...person, birthDate, placeCode });
      nationalId = generated.id;
      birthDate = generated.birthDate;
    }
    return {
      input: {
        givenName: person.givenName,
        familyName: person.familyName,
        preferredLanguage: lang,
        ...contact,
        country,
        nationalId,
        timeZone: country === 'SE' ? 'Europe/Stockholm' : 'Europe/Rome',
      },
      sex: person.sex,
      birthDate,
      city,
      coordination: opts.coordination ?? false,
      policies: [],
    };
  }

  generatedCustomer(country: 'SE' | 'IT') {
    const { rng } = this;
    const lang: Language = rng.chance(country === 'SE' ? 0.04 : 0.05) ? 'en' : country === 'SE' ? 'sv' : 'it';
    const fake = this.faker(lang, country);
    const sex: Sex = rng.chance(0.5) ? 'female' : 'male';
    const givenName = this.givenName(rng, fake, lang, sex);
    const familyName = fake.person.lastName(sex);
    const birthDate = birthDateForAge(rng, adultAge(rng), DEMO_EARLIEST_ANCHOR);
    // Some newcomers to Sweden have a coordination number (samordningsnummer), not a personnummer.
    const coordination = country === 'SE' && lang === 'en' && rng.chance(0.35);
    return this.customer(country, lang, { givenName, familyName, sex, birthDate }, { coordination });
  }

  // --- policies and premiums ---------------------------------------------------------------------

  targetState(rng: Rng, product: DemoProductKey): PremiumTarget {
    return rng.weighted<PremiumTarget>(
      product === 'sickness'
        ? [
            ['paid', 90],
            ['grace_period', 5],
            ['overdue', 4],
            ['lapsed', 1],
          ]
        : [
            ['paid', 80],
            ['grace_period', 8],
            ['overdue', 8],
            ['lapsed', 4],
          ],
    );
  }

  /**
   * Payments that give `target` as of the anchor. The customer pays every instalment (a few days
   * early or late) until the one chosen to be the oldest unpaid, then stops, sometimes after
   * paying part of it. A target the schedule cannot produce (no instalment old enough) falls back
   * to paid, except for a persona, whose situation is the point of the login (an error then). The
   * result is checked with derivePremiumStatus, the same rule the application uses.
   */
  payments(
    rng: Rng,
    policy: Omit<PolicyPlan, 'payments' | 'premiumState' | 'claims'>,
    target: PremiumTarget,
    persona: boolean,
  ) {
    const { anchor } = this;
    const product = PRODUCT[policy.product];
    const terms = product.config.premiumTerms;
    const schedule: PremiumSchedule = {
      frequency: policy.frequency,
      amountMinor: policy.amountMinor,
      currency: product.currency,
      firstDueDate: policy.firstDueDate ?? policy.startsOn,
    };
    const period = { startsOn: policy.startsOn, endsOn: policy.endsOn };
    const due = installmentsDue(schedule, period, anchor);
    const late = due.map((d) => daysBetween(d.dueDate, anchor));
    const fits = (days: number) =>
      target === 'grace_period'
        ? days <= terms.graceDays
        : target === 'overdue'
          ? days > terms.graceDays && days <= terms.lapseAfterDays
          : days > terms.lapseAfterDays;
    const candidates = target === 'paid' ? [] : due.map((_, i) => i).filter((i) => fits(late[i] ?? 0));
    const stopAt = candidates.length > 0 ? rng.pick(candidates) : due.length;
    const state = candidates.length > 0 ? target : 'paid';

    const payments: PaymentPlan[] = [];
    for (const [i, inst] of due.entries()) {
      if (i < stopAt) {
        const paidOn = minDate(
          anchor,
          maxDate(
            addDays(policy.startsOn, -7),
            addDays(inst.dueDate, rng.int(-10, Math.min(6, terms.graceDays))),
          ),
        );
        payments.push({ paidOn, amountMinor: inst.amountMinor });
      } else if (i === stopAt && rng.chance(0.2) && inst.amountMinor >= 200) {
        const part = roundTo((inst.amountMinor * rng.int(30, 70)) / 100, 100);
        if (part < inst.amountMinor) {
          payments.push({ paidOn: randomDate(rng, inst.dueDate, anchor), amountMinor: part });
        }
      }
    }
    const status = derivePremiumStatus({
      schedule,
      policy: period,
      payments: payments.map((p) => ({ ...p, currency: product.currency })),
      terms,
      asOf: anchor,
    });
    if (status.state !== state || (persona && state !== target)) {
      throw new Error(
        `demo plan: ${policy.product} premium history gives ${status.state} on ${anchor}, meant ${target}`,
      );
    }
    return { payments, premiumState: state };
  }

  policy(
    rng: Rng,
    base: Omit<PolicyPlan, 'payments' | 'premiumState' | 'claims'>,
    target: PremiumTarget,
    persona: boolean,
  ): PolicyPlan {
    return { ...base, ...this.payments(rng, base, target, persona), claims: [] };
  }

  travel(rng: Rng, c: CustomerPlan, target: PremiumTarget, persona = false): PolicyPlan {
    const { anchor } = this;
    const age = ageOn(c.birthDate, anchor);
    const insuredPersons: PolicyPlan['insuredPersons'] = [];
    if (!persona && age >= 28 && age <= 60 && rng.chance(0.3)) {
      const fake = this.otherFaker(rng, c.input.preferredLanguage, 'SE');
      if (rng.chance(0.8)) {
        const sex: Sex = c.sex === 'female' ? 'male' : 'female';
        insuredPersons.push({
          fullName: `${fake.person.firstName(sex)} ${rng.chance(0.6) ? c.input.familyName : fake.person.lastName(sex)}`,
          birthDate: birthDateForAge(rng, Math.max(20, age + rng.int(-5, 5)), anchor),
          relation: 'spouse',
        });
      }
      const children = age <= 55 ? rng.int(0, 3) : 0;
      for (let i = 0; i < children; i++) {
        insuredPersons.push({
          fullName: `${fake.person.firstName(rng.chance(0.5) ? 'female' : 'male')} ${c.input.familyName}`,
          birthDate: birthDateForAge(rng, rng.int(0, Math.min(17, age - 22)), anchor),
          relation: 'child',
        });
      }
    }
    const family = insuredPersons.length > 0;
    // Persona situations need a monthly schedule whose instalments fall at the right distance.
    const startsOn = persona ? personaStart(target, anchor) : randomDate(rng, addDays(anchor, -364), anchor);
    const frequency: Frequency = persona
      ? target === 'paid'
        ? 'annual'
        : 'monthly'
      : rng.chance(0.55)
        ? 'annual'
        : 'monthly';
    const monthly = family ? 16_900 : age >= 70 ? 15_500 : 10_900; // 169 / 155 / 109 kr a month
    return this.policy(
      rng,
      {
        product: 'travel',
        startsOn,
        endsOn: addYears(startsOn, 1),
        frequency,
        amountMinor: instalment(monthly, frequency, 100),
        insuredPersons,
        declaredAnnualIncomeMinor: undefined,
      },
      target,
      persona,
    );
  }

  health(rng: Rng, c: CustomerPlan, target: PremiumTarget, persona = false): PolicyPlan {
    const { anchor } = this;
    const age = ageOn(c.birthDate, anchor);
    const insuredPersons: PolicyPlan['insuredPersons'] = [];
    if (!persona && age >= 30 && age <= 60 && rng.chance(0.2)) {
      const lang = c.input.preferredLanguage;
      const fake = this.otherFaker(rng, lang, 'IT');
      const sex: Sex = c.sex === 'female' ? 'male' : 'female';
      insuredPersons.push({
        fullName: `${this.givenName(rng, fake, lang, sex)} ${fake.person.lastName(sex)}`,
        birthDate: birthDateForAge(rng, Math.max(20, age + rng.int(-5, 5)), anchor),
        relation: 'spouse',
      });
      if (age <= 55 && rng.chance(0.6)) {
        insuredPersons.push({
          fullName: `${this.givenName(rng, fake, lang, rng.chance(0.5) ? 'female' : 'male')} ${c.input.familyName}`,
          birthDate: birthDateForAge(rng, rng.int(0, Math.min(17, age - 22)), anchor),
          relation: 'child',
        });
      }
    }
    const startsOn = persona
      ? personaStart(target, anchor)
      : randomDate(rng, addDays(anchor, -364), addDays(anchor, -1));
    const frequency: Frequency = persona
      ? 'monthly'
      : rng.weighted<Frequency>([
          ['monthly', 45],
          ['quarterly', 20],
          ['semiannual', 10],
          ['annual', 25],
        ]);
    const perPerson = age < 30 ? 4_800 : age < 45 ? 6_200 : age < 60 ? 8_500 : 11_800; // € a month, in cents
    const monthly =
      perPerson +
      insuredPersons.reduce((sum, p) => sum + (p.relation === 'spouse' ? 0.7 : 0.25) * perPerson, 0);
    return this.policy(
      rng,
      {
        product: 'health',
        startsOn,
        endsOn: addYears(startsOn, 1),
        frequency,
        amountMinor: instalment(monthly, frequency, 100),
        insuredPersons,
      },
      target,
      persona,
    );
  }

  sickness(rng: Rng, target: PremiumTarget, persona = false): PolicyPlan {
    const { anchor } = this;
    // Membership follows the calendar year; a few joined during the year (new job, moved here).
    const yearStart = membershipStart(anchor);
    const startsOn =
      persona || rng.chance(0.85) ? yearStart : randomDate(rng, addDays(yearStart, 1), addDays(anchor, -60));
    // Declared yearly income, in öre: mostly 280–650 tkr, some above the 592 tkr ceiling.
    const band = rng.weighted([
      [[240_000, 380_000], 35],
      [[380_000, 520_000], 40],
      [[520_000, 650_000], 17],
      [[650_000, 1_100_000], 8],
    ] as const);
    const income = roundTo(rng.int(band[0], band[1]) * 100, 100_000);
    // Contributions for a month fall due on the 12th of the next month (as employer charges do).
    const firstDueDate = addMonthsTo12th(startsOn, 1);
    return this.policy(
      rng,
      {
        product: 'sickness',
        startsOn,
        endsOn: newYear(anchor, 1),
        frequency: 'monthly',
        amountMinor: Math.round((income * SICKNESS_CONTRIBUTION_PER_10000) / 10_000 / 12),
        firstDueDate,
        insuredPersons: [],
        declaredAnnualIncomeMinor: income,
      },
      target,
      persona,
    );
  }

  // --- claims --------------------------------------------------------------------------------------

  claimFor(rng: Rng, c: CustomerPlan, p: PolicyPlan, channel: ClaimPlan['channel']): ClaimPlan | null {
    const { anchor } = this;
    const lang = c.input.preferredLanguage;
    const from = maxDate(p.startsOn, addDays(anchor, -330));
    const to = minDate(addDays(anchor, -1), addDays(p.endsOn, -1));
    if (from > to) return null;
    let draft: ClaimDraft;
    if (p.product === 'travel') {
      draft = travelClaim(rng, lang, from, to);
    } else if (p.product === 'health') {
      const fake = this.otherFaker(rng, 'it', 'IT');
      draft = healthClaim(rng, lang, from, to, {
        sex: c.sex,
        surname: () => fake.person.lastName(),
        city: c.input.address?.city ?? 'Roma',
      });
    } else {
      // The daily amount is the assessment's to compute from the declared income.
      draft = sicknessClaim(rng, lang, from, to);
    }
    const claim: ClaimPlan = { ...draft, channel };
    if (channel === 'api' || channel === 'import') {
      this.extRef += 1;
      // api: an assistance company's or a provider network's case number; import: a broker file.
      const prefix = channel === 'import' ? 'IMP' : p.product === 'travel' ? 'SOS' : 'NET';
      claim.externalRef = `${prefix}-${draft.incidentDate.slice(0, 4)}-${pad((this.extRef * 7919) % 1_000_000, 6)}`;
    }
    return claim;
  }
}

/** A persona's identity; what happens to them is planned later (personaHistory). */
function personaCustomer(planner: Planner, user: DemoUser, persona: DemoPersona): PlannedCustomer {
  const c = planner.customer(persona.country, persona.preferredLanguage, {
    givenName: persona.givenName,
    familyName: persona.familyName,
    sex: persona.sex,
    birthDate: persona.birthDate,
    city: persona.city,
    ...(persona.birthPlaceCode ? { placeCode: persona.birthPlaceCode } : {}),
  });
  // Personas always have both an email and a phone, so every contact path can be shown.
  c.input.email = `${ascii(persona.givenName)}.${ascii(persona.familyName)}@example.com`;
  c.input.phone ??= persona.country === 'SE' ? '+46701740605' : '+393331234567';
  c.login = user;
  return c;
}

/** A persona's policies, in the situations the login is for, and the claims they filed themselves. */
function personaHistory(planner: Planner, rng: Rng, c: CustomerPlan, persona: DemoPersona): void {
  for (const key of ['travel', 'health', 'sickness'] as const) {
    const target = persona.policies[key];
    if (!target) continue;
    const p =
      key === 'travel'
        ? planner.travel(rng, c, target, true)
        : key === 'health'
          ? planner.health(rng, c, target, true)
          : planner.sickness(rng, target, true);
    for (let i = 0; i < (persona.claims[key] ?? 0); i++) {
      const claim = planner.claimFor(rng, c, p, 'portal');
      if (claim) p.claims.push(claim);
    }
    c.policies.push(p);
  }
}

/** A generated customer's policies: which products they hold and how they have paid. */
function generatedHistory(planner: Planner, rng: Rng, c: PlannedCustomer): void {
  if (c.input.country === 'IT') {
    c.policies.push(planner.health(rng, c, planner.targetState(rng, 'health')));
    return;
  }
  const age = ageOn(c.birthDate, planner.anchor);
  const sick = !c.coordination && age >= 19 && age <= 66 && rng.chance(0.78);
  const travel = !sick || rng.chance(c.input.preferredLanguage === 'en' ? 0.9 : 0.5);
  if (travel) c.policies.push(planner.travel(rng, c, planner.targetState(rng, 'travel')));
  if (sick) c.policies.push(planner.sickness(rng, planner.targetState(rng, 'sickness')));
}

/** The demo products, each in force from before the oldest policy of the plan starts. */
function productPlans(anchor: string): ProductPlan[] {
  return DEMO_PRODUCTS.map((p) => ({
    ...p,
    effectiveFrom: p.key === 'sickness' ? membershipStart(anchor) : newYear(anchor, -1),
  }));
}

/**
 * Works out the whole demo as of `anchor` ("today" in the demo, YYYY-MM-DD, not before
 * DEMO_EARLIEST_ANCHOR). Pure and deterministic: the same anchor gives the same plan, and another
 * anchor the same people with their dates shifted.
 */
export function planDemo(anchor: string, customerCount: number = DEMO_CUSTOMER_COUNT): DemoPlan {
  // Pure: no clock here, so only the form and the earliest anchor are checked (seedDemo refuses
  // an anchor after today).
  const problem = demoAnchorProblem(anchor, '9999-12-31');
  if (problem) throw new RangeError(problem);
  const planner = new Planner(anchor);
  const { rng } = planner;

  // Who is who: personas first, then the generated customers, all from the identity streams.
  const customers: PlannedCustomer[] = [];
  for (const user of DEMO_USERS) {
    if (user.persona) customers.push(personaCustomer(planner, user, user.persona));
  }
  const seTotal = Math.round(customerCount * SE_SHARE);
  let seLeft = seTotal - customers.filter((c) => c.input.country === 'SE').length;
  let itLeft = customerCount - seTotal - customers.filter((c) => c.input.country === 'IT').length;
  while (seLeft + itLeft > 0) {
    const country = rng.next() * (seLeft + itLeft) < seLeft ? 'SE' : 'IT';
    if (country === 'SE') seLeft -= 1;
    else itLeft -= 1;
    customers.push(planner.generatedCustomer(country));
  }

  // What happened to each of them up to the anchor, each customer from a stream of their own.
  for (const [i, c] of customers.entries()) {
    const own = new Rng(subSeed(DEMO_SEED, i));
    if (c.login?.persona) personaHistory(planner, own, c, c.login.persona);
    else generatedHistory(planner, own, c);
  }

  // Claims: spread over the generated customers' policies of each product, at most two a policy.
  const claimsRng = new Rng(subSeed(DEMO_SEED, CLAIMS_STREAM));
  for (const product of ['travel', 'health', 'sickness'] as const) {
    const pool = customers
      .filter((c) => !c.login)
      .flatMap((c) => c.policies.filter((p) => p.product === product).map((p) => ({ c, p })));
    let wanted =
      CLAIMS_PER_PRODUCT[product] -
      customers
        .filter((c) => c.login)
        .reduce(
          (n, c) =>
            n + c.policies.filter((p) => p.product === product).reduce((m, p) => m + p.claims.length, 0),
          0,
        );
    for (let guard = 0; wanted > 0 && guard < 10_000; guard++) {
      const { c, p } = claimsRng.pick(pool);
      if (p.claims.length >= 2) continue;
      const channel = claimsRng.weighted<ClaimPlan['channel']>(
        product === 'sickness'
          ? [
              ['phone', 40],
              ['email', 35],
              ['letter', 25],
            ]
          : [
              ['phone', 38],
              ['email', 32],
              ['letter', 15],
              ['api', 10],
              ['import', 5],
            ],
      );
      const claim = planner.claimFor(claimsRng, c, p, channel);
      if (!claim) continue;
      p.claims.push(claim);
      wanted -= 1;
    }
  }

  return { anchor, products: productPlans(anchor), customers };
}
