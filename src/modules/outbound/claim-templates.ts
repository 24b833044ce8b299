import type { Language } from '../../db/schema.ts';
import { fill, type LetterBlock, type LetterContent, type TemplateId } from './letter-content.ts';

// Letters about a claim that need nothing beyond their notice's parameters: the acknowledgement,
// the request for information and its reminder, the claim closed for want of an answer, and the
// notice that a claim went to a senior colleague. Dates arrive written out (templates.ts).

type Params = Readonly<Record<string, string | number>>;
type Text = { subject: string; title: string; paragraphs: string[] };
type Texts = Record<Language, Text>;

const ACKNOWLEDGEMENT: Texts = {
  sv: {
    subject: 'Vi har tagit emot din skadeanmälan {reference}',
    title: 'Vi har tagit emot din skadeanmälan',
    paragraphs: [
      'Tack för din skadeanmälan. Vi tog emot den {receivedOn} och har registrerat den med skadenummer {reference}.',
      'Vi går nu igenom anmälan. Behöver vi fler uppgifter eller handlingar hör vi av oss. När anmälan är prövad får du ett skriftligt beslut.',
    ],
  },
  it: {
    subject: 'Abbiamo ricevuto la Vostra denuncia di sinistro {reference}',
    title: 'Abbiamo ricevuto la Vostra denuncia di sinistro',
    paragraphs: [
      'Vi ringraziamo per la denuncia di sinistro, che abbiamo ricevuto il {receivedOn} e registrato con il numero {reference}.',
      'Ora la esamineremo. Se ci serviranno altre informazioni o documenti Vi contatteremo. Al termine dell’esame riceverete una decisione scritta.',
    ],
  },
  en: {
    subject: 'We have received your claim {reference}',
    title: 'We have received your claim',
    paragraphs: [
      'Thank you for your claim. We received it on {receivedOn} and registered it as claim {reference}.',
      'We will now look at it. If we need more information or documents we will contact you. Once we have assessed the claim you will receive a written decision.',
    ],
  },
};

const INFORMATION_REQUEST: Texts = {
  sv: {
    subject: 'Skadeanmälan {reference}: vi behöver mer information',
    title: 'Vi behöver mer information',
    paragraphs: [
      'För att kunna pröva din skadeanmälan {reference} behöver vi: {items}.',
      'Skicka in det senast {dueOn}. Du kan ladda upp handlingarna i kundportalen, skicka dem med e-post eller per post till adressen ovan.',
      'Medan vi väntar på ditt svar räknas inte vår handläggningstid.',
    ],
  },
  it: {
    subject: 'Sinistro {reference}: ci servono altre informazioni',
    title: 'Ci servono altre informazioni',
    paragraphs: [
      'Per poter esaminare la Vostra denuncia di sinistro {reference} ci servono: {items}.',
      'Vi preghiamo di inviarli entro il {dueOn}. Potete caricare i documenti nell’area clienti, inviarli per email oppure per posta all’indirizzo indicato sopra.',
      'Mentre attendiamo la Vostra risposta, i nostri tempi di gestione sono sospesi.',
    ],
  },
  en: {
    subject: 'Claim {reference}: we need more information',
    title: 'We need more information',
    paragraphs: [
      'To assess your claim {reference} we need: {items}.',
      'Please send it by {dueOn}. You can upload the documents in the customer portal, email them, or post them to the address above.',
      'While we wait for your answer, the time we have to handle your claim is on hold.',
    ],
  },
};

const INFORMATION_REMINDER: Texts = {
  sv: {
    subject: 'Påminnelse: skadeanmälan {reference} väntar på dig',
    title: 'Påminnelse: vi väntar på dina uppgifter',
    paragraphs: [
      'Vi har ännu inte fått det vi bad om för din skadeanmälan {reference}: {items}.',
      'Skicka in det senast {dueOn}. Om vi inte har fått det då kommer skadeanmälan att ha {outcome}.',
      'Har du redan skickat det kan du bortse från den här påminnelsen.',
    ],
  },
  it: {
    subject: 'Promemoria: la pratica {reference} attende una Vostra risposta',
    title: 'Promemoria: attendiamo le Vostre informazioni',
    paragraphs: [
      'Non abbiamo ancora ricevuto quanto richiesto per la denuncia di sinistro {reference}: {items}.',
      'Vi preghiamo di inviarlo entro il {dueOn}; altrimenti la pratica sarà {outcome}.',
      'Se lo avete già inviato, potete ignorare questo promemoria.',
    ],
  },
  en: {
    subject: 'Reminder: claim {reference} is waiting for you',
    title: 'Reminder: we are waiting for your information',
    paragraphs: [
      'We have not yet received what we asked for on your claim {reference}: {items}.',
      'Please send it by {dueOn}, or the claim will be {outcome}.',
      'If you have already sent it, please ignore this reminder.',
    ],
  },
};

const CLOSED_NO_ANSWER: Texts = {
  sv: {
    subject: 'Skadeanmälan {reference} har {outcome}',
    title: 'Din skadeanmälan har {outcome}',
    paragraphs: [
      'Vi bad dig skicka {items} senast {dueOn}. Eftersom vi inte har fått det har skadeanmälan {reference} {outcome} enligt {clause}.',
      'Du kan fortfarande skicka in uppgifterna och be oss öppna ärendet igen. Du kan också överklaga beslutet inom den tid som anges i försäkringsvillkoren.',
    ],
  },
  it: {
    subject: 'La pratica {reference} è stata {outcome}',
    title: 'La Vostra denuncia di sinistro è stata {outcome}',
    paragraphs: [
      'Vi avevamo chiesto di inviare {items} entro il {dueOn}. Non avendoli ricevuti, la pratica {reference} è stata {outcome} ai sensi di {clause}.',
      'Potete comunque inviare le informazioni e chiederne la riapertura, oppure presentare ricorso nei termini indicati nelle condizioni di assicurazione.',
    ],
  },
  en: {
    subject: 'Claim {reference} has been {outcome}',
    title: 'Your claim has been {outcome}',
    paragraphs: [
      'We asked you to send {items} by {dueOn}. As we have not received it, claim {reference} has been {outcome} under {clause}.',
      'You can still send the information and ask us to reopen the claim, or appeal within the time stated in your policy terms.',
    ],
  },
};

// No notice asks for this letter yet: escalations notify staff only (claim.escalated). It is here
// for the day the customer is told, and for the docs.
const ESCALATION_NOTICE: Texts = {
  sv: {
    subject: 'Skadeanmälan {reference} prövas av en erfaren kollega',
    title: 'Din skadeanmälan prövas av en erfaren kollega',
    paragraphs: [
      'Din skadeanmälan {reference} behöver beslutas av en kollega med större beslutsbefogenhet. Vi har därför lämnat över den.',
      'Det betyder inte att något är fel med din anmälan. Du behöver inte göra något; du får ett skriftligt beslut så snart anmälan är prövad.',
    ],
  },
  it: {
    subject: 'La pratica {reference} è esaminata da un collega esperto',
    title: 'La Vostra pratica è esaminata da un collega esperto',
    paragraphs: [
      'La Vostra denuncia di sinistro {reference} deve essere decisa da un collega con maggiori poteri di firma, al quale l’abbiamo quindi affidata.',
      'Ciò non significa che vi sia un problema con la Vostra denuncia. Non dovete fare nulla: riceverete una decisione scritta non appena l’esame sarà concluso.',
    ],
  },
  en: {
    subject: 'Claim {reference} is with a senior colleague',
    title: 'Your claim is with a senior colleague',
    paragraphs: [
      'Your claim {reference} needs a decision by a colleague with wider authority, so we have passed it on.',
      'This does not mean anything is wrong with your claim. You do not need to do anything; you will receive a written decision as soon as the claim has been assessed.',
    ],
  },
};

const CLAIM_TEXTS = {
  claim_acknowledgement: ACKNOWLEDGEMENT,
  information_request: INFORMATION_REQUEST,
  information_reminder: INFORMATION_REMINDER,
  claim_closed_no_answer: CLOSED_NO_ANSWER,
  escalation_notice: ESCALATION_NOTICE,
} as const satisfies Partial<Record<TemplateId, Texts>>;

export type ClaimTemplateId = keyof typeof CLAIM_TEXTS;

export function claimLetter(template: ClaimTemplateId, language: Language, params: Params): LetterContent {
  const t = CLAIM_TEXTS[template][language];
  const blocks: LetterBlock[] = t.paragraphs.map((p) => ({ kind: 'paragraph', text: fill(p, params) }));
  return {
    template,
    language,
    subject: fill(t.subject, params),
    title: fill(t.title, params),
    reference: fill('{reference}', params),
    referenceKind: 'claim',
    blocks,
    formal: template === 'claim_closed_no_answer',
  };
}

/** For tests and docs: every claim template's placeholders, per language. */
export const CLAIM_TEMPLATE_TEXTS: Readonly<Record<ClaimTemplateId, Texts>> = CLAIM_TEXTS;
