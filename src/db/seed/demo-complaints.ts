import type { Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { answerComplaint, type ComplaintCause, openComplaint } from '../../modules/complaints/index.ts';
import { type Actor, systemActor } from '../../modules/users/index.ts';
import type { ComplaintOutcome, DB, Language } from '../schema.ts';
import { DEMO_EMAIL_DOMAIN } from './demo-people.ts';

// A dozen complaints over the three months before the demo's anchor, in Sweden and Italy, written
// through the real use cases (openComplaint, answerComplaint) at the instants they happened, so
// each has its case, answer clock, acknowledgement and final-answer letters and audit trail, and
// the complaints register of the period has something to show: most answered within the deadline,
// one Swedish complaint answered late (day 20 of 14), two still open (one recent, one past half
// its 45 days). Deterministic: the same anchor and demo data give the same complaints. Customers
// with a portal login complain in the portal themselves; the others by phone, email, letter or in
// person, registered by their country's representative.

export type DemoComplaintsContext = {
  /** The demo's "today" (YYYY-MM-DD); every complaint is received and answered before it. */
  anchor: string;
  /** The seeded logins by email, as seedDemo builds them (staff and customer actors). */
  actors: ReadonlyMap<string, Actor>;
};

type Who = { login: string } | { country: 'SE' | 'IT'; nth: number };

type Plan = {
  who: Who;
  cause: ComplaintCause;
  channel: 'phone' | 'email' | 'letter' | 'portal' | 'in_person';
  /** What the complaint names: a claim, a policy, only the product (a sales complaint), or nothing. */
  link: 'claim' | 'policy' | 'product' | 'none';
  daysAgo: number;
  /** Days from receipt to the final answer; null: still open. */
  answerAfter: number | null;
  outcome?: ComplaintOutcome;
  compensationMinor?: number;
};

const PLANS: readonly Plan[] = [
  {
    who: { login: 'customer.se' },
    cause: 'claim_decision',
    channel: 'portal',
    link: 'claim',
    daysAgo: 95,
    answerAfter: 9,
    outcome: 'partially_upheld',
    compensationMinor: 150_000,
  },
  {
    who: { login: 'customer.it' },
    cause: 'delay',
    channel: 'portal',
    link: 'claim',
    daysAgo: 88,
    answerAfter: 30,
    outcome: 'upheld',
    compensationMinor: 8_000,
  },
  {
    who: { country: 'SE', nth: 0 },
    cause: 'premium_and_renewal',
    channel: 'phone',
    link: 'policy',
    daysAgo: 80,
    answerAfter: 6,
    outcome: 'rejected',
  },
  {
    who: { country: 'IT', nth: 0 },
    cause: 'claim_handling',
    channel: 'email',
    link: 'claim',
    daysAgo: 74,
    answerAfter: 41,
    outcome: 'partially_upheld',
    compensationMinor: 12_500,
  },
  {
    who: { country: 'SE', nth: 1 },
    cause: 'contract_terms',
    channel: 'letter',
    link: 'policy',
    daysAgo: 66,
    answerAfter: 12,
    outcome: 'rejected',
  },
  // The late one: a Swedish complaint answered on day 20 of its 14.
  {
    who: { country: 'SE', nth: 2 },
    cause: 'delay',
    channel: 'phone',
    link: 'claim',
    daysAgo: 58,
    answerAfter: 20,
    outcome: 'upheld',
    compensationMinor: 45_000,
  },
  {
    who: { country: 'IT', nth: 1 },
    cause: 'sales_and_information',
    channel: 'letter',
    link: 'product',
    daysAgo: 50,
    answerAfter: 15,
    outcome: 'rejected',
  },
  {
    who: { login: 'customer.en' },
    cause: 'customer_service',
    channel: 'email',
    link: 'none',
    daysAgo: 44,
    answerAfter: 3,
    outcome: 'upheld',
  },
  {
    who: { login: 'customer.it.en' },
    cause: 'privacy',
    channel: 'portal',
    link: 'none',
    daysAgo: 37,
    answerAfter: 20,
    outcome: 'upheld',
  },
  {
    who: { country: 'SE', nth: 3 },
    cause: 'other',
    channel: 'in_person',
    link: 'none',
    daysAgo: 25,
    answerAfter: 10,
    outcome: 'rejected',
  },
  // Still open: one received recently, one past half of its 45 days.
  {
    who: { country: 'IT', nth: 2 },
    cause: 'claim_handling',
    channel: 'phone',
    link: 'claim',
    daysAgo: 32,
    answerAfter: null,
  },
  {
    who: { country: 'SE', nth: 4 },
    cause: 'claim_decision',
    channel: 'email',
    link: 'claim',
    daysAgo: 6,
    answerAfter: null,
  },
];

type Words = Record<Language, { description: string; remedy: string }>;

const WORDS: Partial<Record<ComplaintCause, Words>> = {
  claim_decision: {
    sv: {
      description: 'Ni ersatte bara en del av mina vårdkostnader trots att kvittona visar hela beloppet.',
      remedy: 'Betala resterande 1 500 kr, som "utlovats" i telefon',
    },
    it: {
      description:
        'Avete rimborsato solo una parte delle spese mediche, anche se le ricevute mostrano l’intero importo.',
      remedy: 'Rimborsare il resto, come "promesso" al telefono',
    },
    en: {
      description: 'You reimbursed only part of my medical costs although the receipts show the full amount.',
      remedy: 'Pay the remaining 1,500 kr, as "promised" on the phone',
    },
  },
  delay: {
    sv: {
      description: 'Min ersättning betalades ut fem veckor efter att jag skickat in alla papper.',
      remedy: 'Dröjsmålsränta för tiden jag fick vänta',
    },
    it: {
      description: 'Il rimborso è arrivato cinque settimane dopo l’invio di tutti i documenti.',
      remedy: 'Interessi di mora per il ritardo',
    },
    en: {
      description: 'My claim was paid five weeks after I had sent every document.',
      remedy: 'Late-payment interest for the time I waited',
    },
  },
  premium_and_renewal: {
    sv: {
      description: 'Premien höjdes med 30 % vid förnyelsen utan någon förklaring.',
      remedy: 'Behålla förra årets premie',
    },
    it: {
      description: 'Il premio è aumentato del 30 % al rinnovo senza spiegazioni.',
      remedy: 'Mantenere il premio dell’anno scorso',
    },
    en: {
      description: 'The premium went up 30 % at renewal without any explanation.',
      remedy: 'Keep last year’s premium',
    },
  },
  claim_handling: {
    sv: {
      description: 'Jag har fått olika besked av tre handläggare och ingen ringer tillbaka.',
      remedy: 'En fast handläggare och besked inom en vecka',
    },
    it: {
      description: 'Tre operatori mi hanno dato risposte diverse e nessuno mi richiama.',
      remedy: 'Un referente unico e una risposta entro una settimana',
    },
    en: {
      description: 'Three handlers told me three different things and nobody calls back.',
      remedy: 'One named handler and an answer within a week',
    },
  },
  contract_terms: {
    sv: {
      description: 'Villkoret om undantag för sportskador var inte med i förköpsinformationen.',
      remedy: 'Ersätta skadan enligt villkoren som jag fick före köpet',
    },
    it: {
      description: 'L’esclusione per gli infortuni sportivi non era nell’informativa precontrattuale.',
      remedy: 'Liquidare il sinistro secondo le condizioni ricevute prima dell’acquisto',
    },
    en: {
      description: 'The exclusion for sports injuries was not in the pre-contract information.',
      remedy: 'Settle the claim under the terms I was given before buying',
    },
  },
  sales_and_information: {
    sv: {
      description: 'Säljaren sa att försäkringen gällde i hela världen, men den gäller bara i Europa.',
      remedy: 'Häva avtalet och betala tillbaka premien',
    },
    it: {
      description: 'Il venditore ha detto che la polizza valeva in tutto il mondo, ma vale solo in Europa.',
      remedy: 'Annullare il contratto e restituire il premio',
    },
    en: {
      description: 'The seller said the policy covered the whole world, but it covers Europe only.',
      remedy: 'Cancel the contract and refund the premium',
    },
  },
  customer_service: {
    sv: {
      description: 'Jag blev otrevligt bemött i telefon när jag frågade om min skada.',
      remedy: 'En ursäkt',
    },
    it: {
      description: 'Al telefono sono stato trattato in modo scortese quando ho chiesto del mio sinistro.',
      remedy: 'Delle scuse',
    },
    en: {
      description: 'I was treated rudely on the phone when I asked about my claim.',
      remedy: 'An apology',
    },
  },
  privacy: {
    sv: {
      description: 'Ett brev om min skada skickades till min tidigare adress.',
      remedy: 'Rätta adressen och bekräfta vem som fått brevet',
    },
    it: {
      description: 'Una lettera sul mio sinistro è stata inviata al mio vecchio indirizzo.',
      remedy: 'Correggere l’indirizzo e confermare chi ha ricevuto la lettera',
    },
    en: {
      description: 'A letter about my claim was sent to my previous address.',
      remedy: 'Correct the address and confirm who received the letter',
    },
  },
  other: {
    sv: {
      description: 'Det finns ingen blankett för fullmakt på er webbplats.',
      remedy: 'Lägga upp en fullmaktsblankett',
    },
    it: {
      description: 'Sul vostro sito non c’è un modulo di delega.',
      remedy: 'Pubblicare un modulo di delega',
    },
    en: {
      description: 'Your website has no form for a power of attorney.',
      remedy: 'Publish a power-of-attorney form',
    },
  },
};

const ANSWERS: Record<ComplaintOutcome, Record<Language, string>> = {
  upheld: {
    sv: 'Vi har gått igenom ditt ärende och ger dig rätt. Vi har rättat det som blev fel och ber om ursäkt för besväret.',
    it: 'Abbiamo esaminato la Vostra pratica e Vi diamo ragione. Abbiamo corretto l’errore e ci scusiamo per il disagio.',
    en: 'We have reviewed your case and agree with you. We have put right what went wrong and apologise for the trouble.',
  },
  partially_upheld: {
    sv: 'Vi har gått igenom ditt ärende på nytt. Vår bedömning står i huvudsak fast, men vi ersätter en del av ditt krav.',
    it: 'Abbiamo riesaminato la Vostra pratica. La nostra valutazione resta in gran parte invariata, ma riconosciamo una parte della richiesta.',
    en: 'We have reviewed your case again. Our assessment largely stands, but we meet part of your claim.',
  },
  rejected: {
    sv: 'Vi har gått igenom ditt ärende på nytt och kommer fram till att vårt beslut följer försäkringsvillkoren. Vi kan därför inte ändra det.',
    it: 'Abbiamo riesaminato la Vostra pratica e riteniamo che la nostra decisione sia conforme alle condizioni di polizza. Non possiamo quindi modificarla.',
    en: 'We have reviewed your case again and find that our decision follows the policy terms, so we cannot change it.',
  },
};

const ZONES = { SE: 'Europe/Stockholm', IT: 'Europe/Rome' } as const;
const SEED_ACTOR = systemActor('demo-seed');

/** `days` before the anchor at a local time of day in the country's zone. */
function instant(anchor: string, days: number, country: 'SE' | 'IT', time: string): Date {
  const zdt = Temporal.PlainDate.from(anchor)
    .subtract({ days })
    .toZonedDateTime({ timeZone: ZONES[country], plainTime: Temporal.PlainTime.from(time) });
  return new Date(zdt.epochMilliseconds);
}

type Complainant = {
  customerId: string;
  country: 'SE' | 'IT';
  language: Language;
  claimId: string | null;
  policyId: string | null;
  productCode: string | null;
  actor: Actor | null;
};

/** Customers with a claim and no portal login, per country, in customer-number order. */
async function generatedComplainants(trx: Transaction<DB>, country: 'SE' | 'IT'): Promise<Complainant[]> {
  const rows = await trx
    .selectFrom('customers')
    .innerJoin('claims', 'claims.customer_id', 'customers.id')
    .innerJoin('policies', 'policies.id', 'claims.policy_id')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .select([
      'customers.id',
      'customers.preferred_language',
      'claims.id as claim_id',
      'claims.policy_id',
      'products.code as product_code',
    ])
    .where('customers.country', '=', country)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('users').select('users.id').whereRef('users.customer_id', '=', 'customers.id'))),
    )
    .orderBy('customers.customer_number')
    .orderBy('claims.claim_number')
    .limit(200)
    .execute();
  const seen = new Set<string>();
  const out: Complainant[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push({
      customerId: r.id,
      country,
      language: r.preferred_language,
      claimId: r.claim_id,
      policyId: r.policy_id,
      productCode: r.product_code,
      actor: null,
    });
  }
  return out;
}

async function loginComplainant(trx: Transaction<DB>, actor: Actor): Promise<Complainant | null> {
  if (actor.kind !== 'user' || !actor.customerId) return null;
  const customer = await trx
    .selectFrom('customers')
    .select(['id', 'country', 'preferred_language'])
    .where('id', '=', actor.customerId)
    .executeTakeFirstOrThrow();
  const claim = await trx
    .selectFrom('claims')
    .select(['id', 'policy_id'])
    .where('customer_id', '=', customer.id)
    .orderBy('claim_number')
    .executeTakeFirst();
  const policy = await trx
    .selectFrom('policies')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .select(['policies.id', 'products.code'])
    .where('policies.customer_id', '=', customer.id)
    .orderBy('policies.policy_number')
    .executeTakeFirst();
  return {
    customerId: customer.id,
    country: customer.country === 'IT' ? 'IT' : 'SE',
    language: customer.preferred_language,
    claimId: claim?.id ?? null,
    policyId: claim?.policy_id ?? policy?.id ?? null,
    productCode: policy?.code ?? null,
    actor,
  };
}

/**
 * Writes the demo complaints into the seeding transaction. Call it after the demo's claims exist
 * and after backdateDemoClocks (which would otherwise re-date the complaints' answer clocks), with
 * the anchor and the actors seedDemo built. Returns counts for the seed summary.
 */
export async function seedDemoComplaints(
  trx: Transaction<DB>,
  ctx: DemoComplaintsContext,
): Promise<{ complaints: number; answered: number; answeredLate: number; open: number }> {
  const email = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
  const rep = (country: 'SE' | 'IT') =>
    ctx.actors.get(email(country === 'SE' ? 'rep.se' : 'rep.it')) ?? SEED_ACTOR;
  const pools = { SE: await generatedComplainants(trx, 'SE'), IT: await generatedComplainants(trx, 'IT') };
  const counts = { complaints: 0, answered: 0, answeredLate: 0, open: 0 };

  for (const plan of [...PLANS].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const who =
      'login' in plan.who
        ? await loginComplainant(trx, ctx.actors.get(email(plan.who.login)) ?? SEED_ACTOR)
        : (pools[plan.who.country][plan.who.nth] ?? null);
    if (!who) continue; // a demo without that customer (a trimmed plan) simply has one complaint fewer
    const words = (WORDS[plan.cause] ?? (WORDS.other as Words))[who.language];
    const receivedAt = instant(ctx.anchor, plan.daysAgo, who.country, '09:40');
    const registrar = who.actor ?? rep(who.country);
    const opened = await openComplaint({
      db: trx,
      actor: registrar,
      input: {
        ...(who.actor ? {} : { customerId: who.customerId }),
        causeCategory: plan.cause,
        channel: plan.channel,
        description: words.description,
        requestedRemedy: words.remedy,
        ...(plan.link === 'claim' && who.claimId ? { claimId: who.claimId } : {}),
        ...(plan.link === 'policy' && who.policyId ? { policyId: who.policyId } : {}),
        ...(plan.link === 'product' && who.productCode ? { productCode: who.productCode } : {}),
      },
      now: receivedAt,
    });
    counts.complaints += 1;
    if (plan.answerAfter === null || !plan.outcome) {
      counts.open += 1;
      continue;
    }
    const currency = opened.body.jurisdiction === 'IT' ? 'EUR' : 'SEK';
    const answered = await answerComplaint({
      db: trx,
      actor: rep(opened.body.jurisdiction),
      ref: opened.body.caseNumber,
      input: {
        answer: ANSWERS[plan.outcome][who.language],
        outcome: plan.outcome,
        version: opened.body.version,
        ...(plan.compensationMinor
          ? { compensationMinor: plan.compensationMinor, compensationCurrency: currency }
          : {}),
      },
      now: instant(ctx.anchor, plan.daysAgo - plan.answerAfter, who.country, '14:15'),
    });
    counts.answered += 1;
    if (answered.body.answeredWithinDeadline === 'no') counts.answeredLate += 1;
  }
  return counts;
}
