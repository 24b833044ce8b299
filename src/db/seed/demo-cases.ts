import type { Transaction } from 'kysely';
import { recordAuditEvents } from '../../modules/audit/index.ts';
import {
  acknowledgeCase,
  caseOwner,
  changeCaseStatus,
  openServiceCaseInTransaction,
  postCaseMessage,
} from '../../modules/cases/index.ts';
import { sweepDeadlines } from '../../modules/deadline-store/index.ts';
import type { Actor } from '../../modules/users/index.ts';
import type { CaseKind, ContactChannel, DB, Language } from '../schema.ts';
import { DEMO_USERS } from './demo-people.ts';
import { DEMO_PRODUCTS } from './demo-products.ts';

// About thirty service cases for the demo, opened over the ten days before "now" through the same
// core as real cases (numbers, work items in the country's team queue, answer clocks, audit
// events, acknowledgements), then taken along a small story each: a reply, a question the
// customer has or has not answered yet, work started, resolved, closed. Every customer login has
// a case: a premium problem is a renewal problem, an approved claim a payment delay, anyone else a
// general inquiry. Nothing is random: the same demo data gives the same cases.

export type DemoCasesContext = {
  /** Every demo login's actor by email, as seed-demo.ts builds them (customers carry their id). */
  actors: ReadonlyMap<string, Actor>;
  /** The demo's "now": cases open over the ten days before it, and nothing happens after it. */
  now: Date;
};

type Story = 'new' | 'working' | 'reply' | 'ask' | 'ask_answered' | 'resolved' | 'closed';
const STORIES: readonly Story[] = ['reply', 'ask', 'resolved', 'working', 'closed', 'new', 'ask_answered'];
const SEEDED_KINDS = [
  'payment_delay',
  'renewal_problem',
  'general_inquiry',
] as const satisfies readonly CaseKind[];

type Plan = {
  customerId: string;
  country: string;
  language: Language;
  kind: (typeof SEEDED_KINDS)[number];
  claimId: string | null;
  policyId: string | null;
  reference: string;
  /** The customer's own login when they opened it in the portal; null: staff took a call or email. */
  portal: Actor | null;
  channel: ContactChannel;
  story: Story;
  openedAt: Date;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STAFF_OPENED = { payment_delay: 8, renewal_problem: 6, general_inquiry: 6 };

/**
 * Seeds the demo's service cases in the seed's transaction, then runs the deadline sweep as of
 * `now` so that the older cases show as warned or breached (and escalated) like the claims do.
 * Call it after backdateDemoClocks: that one re-dates every running clock by its reference.
 */
export async function seedDemoCases(
  trx: Transaction<DB>,
  ctx: DemoCasesContext,
): Promise<{ serviceCases: number; caseMessages: number; deadlineAlerts: number }> {
  const plans = await planCases(trx, ctx);
  let caseMessages = 0;
  for (const plan of plans.sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime())) {
    caseMessages += await writeCase(trx, ctx, plan);
  }
  let deadlineAlerts = 0;
  for (;;) {
    const swept = await sweepDeadlines(trx, { now: ctx.now, limit: 500 });
    deadlineAlerts += swept.alerts;
    if (swept.clocks === 0) break;
  }
  return { serviceCases: plans.length, caseMessages, deadlineAlerts };
}

async function planCases(trx: Transaction<DB>, ctx: DemoCasesContext): Promise<Plan[]> {
  const plans: Omit<Plan, 'story' | 'openedAt'>[] = [];
  const loginCustomers = new Set<string>();
  for (const user of DEMO_USERS) {
    const actor = ctx.actors.get(user.email);
    if (user.role !== 'customer' || !user.persona || actor?.kind !== 'user' || !actor.customerId) continue;
    loginCustomers.add(actor.customerId);
    const customer = { customerId: actor.customerId, portal: actor, channel: 'portal' as const };
    const behind = Object.entries(user.persona.policies).find(([, state]) => state !== 'paid')?.[0];
    const policy = behind ? await latestPolicy(trx, actor.customerId, productCode(behind)) : undefined;
    const claim = await approvedClaims(trx, [actor.customerId], 1);
    if (policy) plans.push({ ...customer, ...policy, kind: 'renewal_problem', claimId: null });
    else if (claim[0]) plans.push({ ...customer, ...claim[0], kind: 'payment_delay' });
    else plans.push({ ...customer, ...(await customerOf(trx, actor.customerId)), kind: 'general_inquiry' });
  }
  const others = (await trx.selectFrom('customers').select('id').orderBy('customer_number').execute())
    .map((c) => c.id)
    .filter((id) => !loginCustomers.has(id));
  const staff = (i: number) => ({
    portal: null,
    channel: (i % 3 === 0 ? 'email' : 'phone') as ContactChannel,
  });
  const claims = await approvedClaims(trx, others, STAFF_OPENED.payment_delay);
  claims.forEach((c, i) => {
    plans.push({ ...c, ...staff(i), kind: 'payment_delay' });
  });
  const renewals = await trx
    .selectFrom('policies')
    .innerJoin('customers', 'customers.id', 'policies.customer_id')
    .select(['policies.id', 'policies.policy_number', 'customers.id as customer_id'])
    .select(['customers.country', 'customers.preferred_language'])
    .where('policies.status', '=', 'active')
    .where('policies.customer_id', 'in', others)
    .orderBy('policies.ends_on')
    .orderBy('policies.policy_number')
    .limit(STAFF_OPENED.renewal_problem)
    .execute();
  renewals.forEach((p, i) => {
    plans.push({
      customerId: p.customer_id,
      country: p.country,
      language: p.preferred_language,
      policyId: p.id,
      claimId: null,
      reference: p.policy_number,
      ...staff(i + 1),
      kind: 'renewal_problem',
    });
  });
  const step = Math.max(1, Math.floor(others.length / STAFF_OPENED.general_inquiry));
  for (let i = 0; i < STAFF_OPENED.general_inquiry && i * step < others.length; i++) {
    const id = others[i * step] as string;
    plans.push({ ...(await customerOf(trx, id)), ...staff(i + 2), kind: 'general_inquiry' });
  }
  return plans.map((p, i) => {
    const cycled = STORIES[i % STORIES.length] as Story;
    // A customer without a login cannot answer in the portal; their case waits for the answer.
    const story = cycled === 'ask_answered' && !p.portal ? 'ask' : cycled;
    const day = Math.floor(ctx.now.getTime() / DAY) * DAY - (1 + ((i * 3) % 10)) * DAY;
    return { ...p, story, openedAt: new Date(day + 8 * HOUR + (i % 5) * 37 * 60_000) };
  });
}

function productCode(key: string): string {
  const product = DEMO_PRODUCTS.find((p) => p.key === key);
  if (!product) throw new Error(`demo cases: no demo product ${key}`);
  return product.code;
}

async function customerOf(trx: Transaction<DB>, customerId: string) {
  const c = await trx
    .selectFrom('customers')
    .select(['id', 'country', 'preferred_language', 'customer_number'])
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  return {
    customerId: c.id,
    country: c.country,
    language: c.preferred_language,
    claimId: null,
    policyId: null,
    reference: c.customer_number,
  };
}

async function latestPolicy(trx: Transaction<DB>, customerId: string, code: string) {
  const p = await trx
    .selectFrom('policies')
    .innerJoin('products', 'products.id', 'policies.product_id')
    .innerJoin('customers', 'customers.id', 'policies.customer_id')
    .select(['policies.id', 'policies.policy_number', 'customers.country', 'customers.preferred_language'])
    .where('policies.customer_id', '=', customerId)
    .where('products.code', '=', code)
    .orderBy('policies.starts_on', 'desc')
    .executeTakeFirst();
  return p
    ? { policyId: p.id, reference: p.policy_number, country: p.country, language: p.preferred_language }
    : undefined;
}

/** Claims decided to pay (so their payment is awaited), oldest number first. */
async function approvedClaims(trx: Transaction<DB>, customerIds: readonly string[], limit: number) {
  if (customerIds.length === 0) return [];
  const rows = await trx
    .selectFrom('claims')
    .innerJoin('customers', 'customers.id', 'claims.customer_id')
    .select(['claims.id', 'claims.claim_number', 'claims.customer_id', 'claims.policy_id'])
    .select(['customers.country', 'customers.preferred_language'])
    .where('claims.status', 'in', ['approved', 'partially_approved'])
    .where('claims.customer_id', 'in', [...customerIds])
    .orderBy('claims.claim_number')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    customerId: r.customer_id,
    country: r.country,
    language: r.preferred_language,
    claimId: r.id,
    policyId: r.policy_id,
    reference: r.claim_number,
  }));
}

/** Opens the case and plays its story; returns the number of messages written. */
async function writeCase(trx: Transaction<DB>, ctx: DemoCasesContext, plan: Plan): Promise<number> {
  const text = TEXTS[plan.kind][plan.language];
  const opener = plan.portal ?? repOf(ctx, plan.country, 0);
  const { serviceCase, events } = await openServiceCaseInTransaction(trx, {
    customerId: plan.customerId,
    kind: plan.kind,
    subject: text.subject.replace('{ref}', plan.reference),
    description: text.description.replace('{ref}', plan.reference),
    channel: plan.channel,
    claimId: plan.claimId,
    policyId: plan.kind === 'payment_delay' ? null : plan.policyId,
    actor: opener,
    now: plan.openedAt,
  });
  await acknowledgeCase(trx, serviceCase);
  await recordAuditEvents(trx, serviceCase.customer_id, events);

  const ownerId = await caseOwner(trx, serviceCase.id);
  const owner = [...ctx.actors.values()].find((a) => a.kind === 'user' && a.userId === ownerId);
  const staff = owner ?? repOf(ctx, plan.country, 1);
  const at = (hours: number) =>
    new Date(Math.min(plan.openedAt.getTime() + hours * HOUR, ctx.now.getTime() - 60_000));
  const ref = serviceCase.id;
  let version = serviceCase.version;
  const move = async (to: 'in_progress' | 'resolved' | 'closed', hours: number, reason: string) => {
    const view = await changeCaseStatus({
      db: trx,
      actor: staff,
      ref,
      input: { to, reason, version, ...(to === 'resolved' ? { resolution: text.resolution } : {}) },
      now: at(hours),
    });
    version = view.version;
  };
  const say = async (actor: Actor, body: string, hours: number, awaitingCustomer = false) => {
    const result = await postCaseMessage({
      db: trx,
      actor,
      ref,
      input: { body, awaitingCustomer },
      now: at(hours),
    });
    version = result.body.version;
  };
  switch (plan.story) {
    case 'new':
      return 0;
    case 'working':
      await move('in_progress', 1, 'Looking into it.');
      return 0;
    case 'reply':
      await move('in_progress', 1, 'Looking into it.');
      await say(staff, text.reply, 3);
      return 1;
    case 'ask':
      await say(staff, text.question, 2, true);
      return 1;
    case 'ask_answered':
      await say(staff, text.question, 2, true);
      await say(plan.portal ?? staff, text.answer, 20);
      return 2;
    case 'resolved':
      await move('in_progress', 1, 'Looking into it.');
      await say(staff, text.reply, 3);
      await move('resolved', 24, 'Answered the customer.');
      return 1;
    case 'closed':
      await move('in_progress', 1, 'Looking into it.');
      await move('resolved', 24, 'Answered the customer.');
      await move('closed', 48, 'No further questions from the customer.');
      return 0;
  }
}

function repOf(ctx: DemoCasesContext, country: string, n: 0 | 1): Actor {
  const email = `${n === 0 ? 'rep' : 'rep2'}.${country === 'IT' ? 'it' : 'se'}@claimdesk.example`;
  const actor = ctx.actors.get(email);
  if (!actor) throw new Error(`demo cases: no login ${email}`);
  return actor;
}

type CaseTexts = {
  subject: string;
  description: string;
  reply: string;
  question: string;
  answer: string;
  resolution: string;
};

// What customers write and staff answer, in the customer's language. {ref}: the claim, policy or
// customer number the case is about.
const TEXTS: Record<Plan['kind'], Record<Language, CaseTexts>> = {
  payment_delay: {
    sv: {
      subject: 'Utbetalningen för {ref} har inte kommit',
      description: 'Min skadeanmälan {ref} godkändes men pengarna har inte kommit in på mitt konto.',
      reply: 'Tack för att du hörde av dig. Vi har kontrollerat utbetalningen och återkommer när vi vet mer.',
      question: 'Kan du bekräfta till vilket bankkonto du väntar dig utbetalningen?',
      answer: 'Samma konto som tidigare, i Swedbank.',
      resolution: 'Utbetalningen är gjord och bör synas på kontot inom två bankdagar',
    },
    it: {
      subject: 'Il rimborso per {ref} non è arrivato',
      description: 'Il mio sinistro {ref} è stato approvato ma non ho ancora ricevuto il pagamento.',
      reply: 'Grazie per averci scritto. Stiamo verificando il pagamento e le faremo sapere al più presto.',
      question: 'Può confermarci l’IBAN su cui attende il pagamento?',
      answer: 'Lo stesso IBAN indicato nella denuncia.',
      resolution: 'Il bonifico è stato disposto e sarà visibile entro due giorni lavorativi',
    },
    en: {
      subject: 'Payment for {ref} has not arrived',
      description: 'My claim {ref} was approved but the money has not reached my account yet.',
      reply: 'Thank you for getting in touch. We are checking the payment and will come back to you.',
      question: 'Could you confirm the bank account you expect the payment on?',
      answer: 'The same account as in my claim.',
      resolution: 'The payment has been made and should show within two banking days',
    },
  },
  renewal_problem: {
    sv: {
      subject: 'Fråga om förnyelsen av {ref}',
      description:
        'Jag förstår inte vad som händer med min försäkring {ref} vid förnyelsen och vad jag ska betala.',
      reply: 'Vi har gått igenom premien och förnyelsen och skickar en sammanställning.',
      question: 'Vill du betala den utestående premien med en gång eller dela upp den?',
      answer: 'Jag betalar allt direkt.',
      resolution: 'Premien är förklarad och förnyelsen bekräftad',
    },
    it: {
      subject: 'Domanda sul rinnovo di {ref}',
      description: 'Non mi è chiaro cosa succede alla polizza {ref} al rinnovo e quanto devo pagare.',
      reply: 'Abbiamo verificato il premio e il rinnovo e le inviamo un riepilogo.',
      question: 'Preferisce pagare subito il premio arretrato o a rate?',
      answer: 'Pago tutto subito.',
      resolution: 'Premio spiegato e rinnovo confermato',
    },
    en: {
      subject: 'Question about the renewal of {ref}',
      description: 'I do not understand what happens to my policy {ref} at renewal and what I have to pay.',
      reply: 'We have gone through the premium and the renewal and are sending you a summary.',
      question: 'Would you like to pay the outstanding premium at once or in instalments?',
      answer: 'I will pay it all now.',
      resolution: 'Premium explained and renewal confirmed',
    },
  },
  general_inquiry: {
    sv: {
      subject: 'Fråga om mitt försäkringsskydd',
      description: 'Gäller min försäkring om jag åker skidor utomlands?',
      reply: 'Ja, skidåkning i pist ingår. Off-pist kräver ett tillägg.',
      question: 'Vilket land och vilka datum gäller resan?',
      answer: 'Österrike, 14–21 mars.',
      resolution: 'Kunden har fått svar om vad försäkringen täcker',
    },
    it: {
      subject: 'Domanda sulla mia copertura',
      description: 'La mia polizza copre le cure odontoiatriche?',
      reply: 'Le cure odontoiatriche sono coperte solo in seguito a infortunio.',
      question: 'Può dirci di quale tipo di cura si tratta?',
      answer: 'Un’otturazione dopo una caduta.',
      resolution: 'Il cliente ha ricevuto risposta sulla copertura',
    },
    en: {
      subject: 'Question about my cover',
      description: 'Am I covered when I go skiing abroad?',
      reply: 'Yes, skiing on marked slopes is covered. Off-piste needs an add-on.',
      question: 'Which country and which dates is the trip?',
      answer: 'Austria, 14–21 March.',
      resolution: 'The customer has been told what the policy covers',
    },
  },
};
