import type { Language } from '../../db/schema.ts';
import { ACCOUNT_CHANGE_TEXTS } from './texts/account-changes.ts';
import { BANK_NOTIFICATION_TEXTS } from './texts/bank-notifications.ts';
import { CASE_TEXTS } from './texts/cases.ts';
import { COMPLAINT_TEXTS } from './texts/complaints.ts';
import { INBOUND_TEXTS } from './texts/inbound.ts';
import { PAYMENT_DELAY_TEXTS } from './texts/payment-delays.ts';
import { PAYMENT_ORDER_TEXTS } from './texts/payment-orders.ts';
import { REFERRAL_TEXTS } from './texts/referrals.ts';

// The texts of in-app notices and of the short customer notices that wait in the outbox, in the
// three product languages. {name} is replaced by the parameter of that name; a missing parameter
// is a programming error and throws, so a notice never goes out with a hole in it. Full letters
// and emails with letterhead are the channels issue's templates; these are their one-line gist.

export type Text = { subject: string; body: string };
export type Texts = Record<Language, Text>;

// Each area keeps its notices in its own file under texts/, merged here into one typed table.
const CORE_TEXTS = {
  'deadline.warning': {
    en: {
      subject: '{reference}: {share} % of the time has passed',
      body: '{reference}: {share} % of the time for "{policy}" has passed. Due {due}.',
    },
    sv: {
      subject: '{reference}: {share} % av tiden har gått',
      body: '{reference}: {share} % av tiden för "{policy}" har gått. Förfaller {due}.',
    },
    it: {
      subject: '{reference}: è trascorso il {share} % del tempo',
      body: '{reference}: è trascorso il {share} % del tempo per "{policy}". Scadenza {due}.',
    },
  },
  'deadline.breached': {
    en: {
      subject: '{reference}: deadline passed, escalated to you',
      body: '{reference}: "{policy}" was due {due} and has passed. Owner: {owner}. It is now escalated to you.',
    },
    sv: {
      subject: '{reference}: tidsfristen har passerats, eskalerad till dig',
      body: '{reference}: "{policy}" förföll {due} och har passerats. Handläggare: {owner}. Ärendet är nu eskalerat till dig.',
    },
    it: {
      subject: '{reference}: termine scaduto, inoltrato a te',
      body: '{reference}: "{policy}" scadeva il {due} ed è stato superato. Assegnatario: {owner}. La pratica è ora inoltrata a te.',
    },
  },
  'deadline.second_escalation': {
    en: {
      subject: '{reference}: deadline still missed, escalated to you',
      body: '{reference}: "{policy}" was due {due} and is still not met after the first escalation. Owner: {owner}.',
    },
    sv: {
      subject: '{reference}: tidsfristen är fortfarande passerad, eskalerad till dig',
      body: '{reference}: "{policy}" förföll {due} och är fortfarande inte uppfylld efter första eskaleringen. Handläggare: {owner}.',
    },
    it: {
      subject: '{reference}: termine ancora superato, inoltrato a te',
      body: '{reference}: "{policy}" scadeva il {due} e non è ancora rispettato dopo il primo inoltro. Assegnatario: {owner}.',
    },
  },
  'claim.escalated': {
    en: { subject: '{reference} escalated to you', body: '{reference} needs your decision: {reason}.' },
    sv: { subject: '{reference} eskalerad till dig', body: '{reference} behöver ditt beslut: {reason}.' },
    it: { subject: '{reference} inoltrata a te', body: '{reference} richiede la tua decisione: {reason}.' },
  },
  'escalation.returned': {
    en: { subject: '{reference} returned to you', body: '{reference} was returned by {by}: {comment}' },
    sv: {
      subject: '{reference} har skickats tillbaka',
      body: '{reference} skickades tillbaka av {by}: {comment}',
    },
    it: {
      subject: '{reference} ti è stata restituita',
      body: '{reference} è stata restituita da {by}: {comment}',
    },
  },
  'claim.assigned': {
    en: { subject: '{reference} assigned to you', body: '{reference} is now in your queue.' },
    sv: { subject: '{reference} tilldelad dig', body: '{reference} ligger nu i din kö.' },
    it: { subject: '{reference} assegnata a te', body: '{reference} è ora nella tua coda.' },
  },
  'information.requested': {
    en: {
      subject: 'Claim {reference}: we need more information',
      body: 'To handle claim {reference} we need: {items}. Please send it by {dueOn}.',
    },
    sv: {
      subject: 'Skadeanmälan {reference}: vi behöver mer information',
      body: 'För att handlägga {reference} behöver vi: {items}. Skicka in det senast {dueOn}.',
    },
    it: {
      subject: 'Sinistro {reference}: ci servono altre informazioni',
      body: 'Per gestire la pratica {reference} ci servono: {items}. Vi preghiamo di inviarli entro il {dueOn}.',
    },
  },
  'information.reminder': {
    en: {
      subject: 'Reminder: claim {reference} is waiting for you',
      body: 'We are still waiting for: {items}. Please send it by {dueOn}, or the claim will be {outcome}.',
    },
    sv: {
      subject: 'Påminnelse: {reference} väntar på dig',
      body: 'Vi väntar fortfarande på: {items}. Skicka in det senast {dueOn}, annars kommer ärendet att {outcome}.',
    },
    it: {
      subject: 'Promemoria: la pratica {reference} attende una vostra risposta',
      body: 'Siamo ancora in attesa di: {items}. Vi preghiamo di inviarli entro il {dueOn}, altrimenti la pratica sarà {outcome}.',
    },
  },
  'information.answered': {
    en: {
      subject: '{reference}: the customer answered',
      body: '{reference} is back in your queue: {summary}.',
    },
    sv: { subject: '{reference}: kunden har svarat', body: '{reference} är tillbaka i din kö: {summary}.' },
    it: {
      subject: '{reference}: il cliente ha risposto',
      body: '{reference} è tornata nella tua coda: {summary}.',
    },
  },
  'claim.closed_no_answer': {
    en: {
      subject: 'Claim {reference} has been {outcome}',
      body: 'We did not receive {items} by {dueOn}, so claim {reference} has been {outcome} under {clause}. You may send the information later and ask us to reopen it, or appeal within the time stated in your terms.',
    },
    sv: {
      subject: 'Skadeanmälan {reference} har {outcome}',
      body: 'Vi fick inte {items} senast {dueOn}, därför har {reference} {outcome} enligt {clause}. Du kan skicka in uppgifterna senare och be oss öppna ärendet igen, eller överklaga inom den tid som anges i villkoren.',
    },
    it: {
      subject: 'La pratica {reference} è stata {outcome}',
      body: 'Non abbiamo ricevuto {items} entro il {dueOn}, quindi la pratica {reference} è stata {outcome} ai sensi di {clause}. Potete inviare le informazioni in seguito e chiederne la riapertura, oppure presentare ricorso nei termini indicati nelle condizioni.',
    },
  },
  // The acknowledgement of a claim (single registration; the outbound letter gives it in full).
  'claim.acknowledged': {
    en: {
      subject: 'We have received your claim {reference}',
      body: 'We received your claim on {receivedOn} and registered it as {reference}. We will contact you if we need anything more.',
    },
    sv: {
      subject: 'Vi har tagit emot din skadeanmälan {reference}',
      body: 'Vi tog emot din skadeanmälan {receivedOn} och registrerade den som {reference}. Vi hör av oss om vi behöver något mer.',
    },
    it: {
      subject: 'Abbiamo ricevuto la Vostra denuncia {reference}',
      body: 'Abbiamo ricevuto la Vostra denuncia il {receivedOn} e l’abbiamo registrata come {reference}. Vi contatteremo se ci servirà altro.',
    },
  },
  // The customer is told that a senior colleague decides (the staff get 'claim.escalated').
  'claim.escalated_to_senior': {
    en: {
      subject: 'Claim {reference} is with a senior colleague',
      body: 'Your claim {reference} needs a decision by a colleague with wider authority. You do not need to do anything.',
    },
    sv: {
      subject: 'Skadeanmälan {reference} prövas av en erfaren kollega',
      body: 'Din skadeanmälan {reference} behöver beslutas av en kollega med större beslutsbefogenhet. Du behöver inte göra något.',
    },
    it: {
      subject: 'La pratica {reference} è esaminata da un collega esperto',
      body: 'La Vostra pratica {reference} deve essere decisa da un collega con maggiori poteri. Non dovete fare nulla.',
    },
  },
  'claim.decided': {
    en: { subject: 'Decision on claim {reference}', body: 'Claim {reference}: {outcome}. {details}' },
    sv: { subject: 'Beslut om {reference}', body: '{reference}: {outcome}. {details}' },
    it: { subject: 'Decisione sulla pratica {reference}', body: 'Pratica {reference}: {outcome}. {details}' },
  },
  'claim.appealed': {
    en: {
      subject: '{reference} appealed',
      body: 'The customer appealed the decision on {reference}: {reason}',
    },
    sv: {
      subject: '{reference} överklagad',
      body: 'Kunden har överklagat beslutet om {reference}: {reason}',
    },
    it: {
      subject: 'Ricorso su {reference}',
      body: 'Il cliente ha presentato ricorso sulla decisione {reference}: {reason}',
    },
  },
} as const satisfies Record<string, Texts>;

export const NOTICE_TEXTS = {
  ...CORE_TEXTS,
  ...CASE_TEXTS,
  ...REFERRAL_TEXTS,
  ...ACCOUNT_CHANGE_TEXTS,
  ...COMPLAINT_TEXTS,
  ...INBOUND_TEXTS,
  ...PAYMENT_ORDER_TEXTS,
  ...BANK_NOTIFICATION_TEXTS,
  ...PAYMENT_DELAY_TEXTS,
} as const satisfies Record<string, Texts>;

export type NoticeKind = keyof typeof NOTICE_TEXTS;

export function renderNotice(
  kind: NoticeKind,
  language: Language,
  params: Record<string, string | number>,
): Text {
  const text: Text = NOTICE_TEXTS[kind][language];
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`notice ${kind}: missing parameter ${name}`);
      return String(value);
    });
  return { subject: fill(text.subject), body: fill(text.body) };
}
