import type { Language } from '../../db/schema.ts';
import { type NoticeKind, renderNotice } from '../notifications/index.ts';
import { fill, type LetterBlock, type LetterContent, param, type TemplateId } from './letter-content.ts';

// Letters about service cases, complaints and account changes. The acknowledgement of a case and
// of a complaint, the final answer to a complaint and the bank-account notices have letters of
// their own; the other case notices (a reply, a question, resolved, withdrawn, a late payment made)
// and the contact-change notices are letters around their notice's text.

type Params = Readonly<Record<string, string | number>>;
type Localized = Record<Language, string>;

const CASE_ACK = {
  subject: {
    sv: 'Vi har tagit emot ditt ärende {reference}',
    it: 'Abbiamo ricevuto la Vostra richiesta {reference}',
    en: 'We have received your case {reference}',
  },
  title: {
    sv: 'Vi har tagit emot ditt ärende',
    it: 'Abbiamo ricevuto la Vostra richiesta',
    en: 'We have received your case',
  },
  intro: {
    sv: 'Tack för att du kontaktade oss om ”{subject}”. Ditt ärendenummer är {reference}.',
    it: 'Vi ringraziamo per averci contattato riguardo a «{subject}». Il numero della Vostra pratica è {reference}.',
    en: 'Thank you for contacting us about “{subject}”. Your case number is {reference}.',
  },
  by: {
    sv: 'Vi svarar senast {answerBy}.',
    it: 'Vi risponderemo entro il {answerBy}.',
    en: 'We will answer by {answerBy} at the latest.',
  },
  soon: {
    sv: 'Vi svarar så snart vi kan.',
    it: 'Vi risponderemo il prima possibile.',
    en: 'We will answer as soon as we can.',
  },
} satisfies Record<string, Localized>;

/** `answerBy` is a date when a clock runs, else the words "as soon as possible" (cases/case-notices.ts). */
export function caseAcknowledgement(
  language: Language,
  params: Params,
  answerByIsDate: boolean,
): LetterContent {
  return {
    template: 'case_acknowledgement',
    language,
    subject: fill(CASE_ACK.subject[language], params),
    title: CASE_ACK.title[language],
    reference: param(params, 'reference'),
    referenceKind: 'case',
    blocks: [
      { kind: 'paragraph', text: fill(CASE_ACK.intro[language], params) },
      {
        kind: 'paragraph',
        text: answerByIsDate ? fill(CASE_ACK.by[language], params) : CASE_ACK.soon[language],
      },
    ],
    formal: false,
  };
}

const COMPLAINT = {
  ackSubject: {
    sv: 'Vi har tagit emot ditt klagomål ({reference})',
    it: 'Abbiamo ricevuto il Vostro reclamo ({reference})',
    en: 'We have received your complaint ({reference})',
  },
  ackTitle: {
    sv: 'Vi har tagit emot ditt klagomål',
    it: 'Abbiamo ricevuto il Vostro reclamo',
    en: 'We have received your complaint',
  },
  ackIntro: {
    sv: 'Vi har tagit emot ditt klagomål den {receivedOn} och registrerat det som ärende {reference}. Vi skickar vårt svar senast den {dueOn}.',
    it: 'Abbiamo ricevuto il Vostro reclamo il {receivedOn} e lo abbiamo registrato con il numero {reference}. Vi invieremo la nostra risposta entro il {dueOn}.',
    en: 'We received your complaint on {receivedOn} and registered it as case {reference}. We will send you our answer by {dueOn} at the latest.',
  },
  ackNext: {
    sv: 'Du behöver inte göra något nu. Behöver vi mer information hör vi av oss.',
    it: 'Per ora non dovete fare nulla: se ci serviranno altre informazioni Vi contatteremo.',
    en: 'You do not need to do anything now; we will contact you if we need more information.',
  },
  answerSubject: {
    sv: 'Vårt svar på ditt klagomål ({reference})',
    it: 'La nostra risposta al Vostro reclamo ({reference})',
    en: 'Our answer to your complaint ({reference})',
  },
  answerTitle: {
    sv: 'Vårt svar på ditt klagomål',
    it: 'La nostra risposta al Vostro reclamo',
    en: 'Our answer to your complaint',
  },
  answerIntro: {
    sv: 'Här är vårt svar på ditt klagomål {reference}, som vi tog emot den {receivedOn}.',
    it: 'Ecco la nostra risposta al Vostro reclamo {reference}, ricevuto il {receivedOn}.',
    en: 'Here is our answer to your complaint {reference}, which we received on {receivedOn}.',
  },
  answerHeading: { sv: 'Vårt svar', it: 'La nostra risposta', en: 'Our answer' },
  optionsHeading: {
    sv: 'Om du inte är nöjd med svaret',
    it: 'Se non siete soddisfatti della risposta',
    en: 'If you are not satisfied with our answer',
  },
} satisfies Record<string, Localized>;

export function complaintAcknowledgement(language: Language, params: Params): LetterContent {
  return {
    template: 'complaint_acknowledgement',
    language,
    subject: fill(COMPLAINT.ackSubject[language], params),
    title: COMPLAINT.ackTitle[language],
    reference: param(params, 'reference'),
    referenceKind: 'case',
    blocks: [
      { kind: 'paragraph', text: fill(COMPLAINT.ackIntro[language], params) },
      { kind: 'paragraph', text: param(params, 'rule') },
      { kind: 'paragraph', text: COMPLAINT.ackNext[language] },
    ],
    formal: false,
  };
}

/** {options} is an introduction and numbered paragraphs, one a line (complaints' furtherOptionsText). */
export function complaintFinalAnswer(language: Language, params: Params): LetterContent {
  const [intro, ...options] = param(params, 'options').split('\n');
  return {
    template: 'complaint_final_answer',
    language,
    subject: fill(COMPLAINT.answerSubject[language], params),
    title: COMPLAINT.answerTitle[language],
    reference: param(params, 'reference'),
    referenceKind: 'case',
    blocks: [
      { kind: 'paragraph', text: fill(COMPLAINT.answerIntro[language], params) },
      { kind: 'heading', text: COMPLAINT.answerHeading[language] },
      ...paragraphs(param(params, 'answer')),
      { kind: 'paragraph', text: param(params, 'outcome'), strong: true },
      { kind: 'heading', text: COMPLAINT.optionsHeading[language] },
      { kind: 'paragraph', text: intro as string },
      { kind: 'list', items: options.map((o) => o.replace(/^\d+\.\s*/, '')), numbered: true },
    ],
    formal: true,
  };
}

// Bank-account notices: the notice's own text, and why it reaches this address. The warning
// after a change goes to the contact details from before it (account-changes), so that the real
// customer hears of a change someone else may have made.
const BANK_EXTRA: Partial<Record<NoticeKind, Localized>> = {
  'account_change.bank_account_requested': {
    sv: 'Vi ändrar aldrig ett utbetalningskonto utan att först ha kontrollerat vem som begär det. Vi ber dig aldrig om lösenord eller koder per e-post eller telefon.',
    it: 'Non modifichiamo mai un conto per i pagamenti senza aver prima verificato chi lo richiede. Non Vi chiederemo mai password o codici per email o per telefono.',
    en: 'We never change a payout account without first checking who is asking. We will never ask you for passwords or codes by email or phone.',
  },
  'account_change.bank_account_changed': {
    sv: 'Vi skickar det här meddelandet till de kontaktuppgifter vi hade innan ändringen, så att du får veta om någon annan har gjort den.',
    it: 'Inviamo questa comunicazione ai recapiti che avevamo prima della modifica, perché possiate accorgervi se qualcun altro l’ha effettuata.',
    en: 'We send this message to the contact details we had before the change, so that you find out if someone else made it.',
  },
};

export const BANK_ACCOUNT_KINDS = [
  'account_change.bank_account_requested',
  'account_change.bank_account_changed',
  'account_change.bank_account_not_changed',
] as const satisfies readonly NoticeKind[];

/**
 * A letter around a notice's own text (its subject as the title, its body as the letter), for the
 * notices whose text already says everything; bank-account notices add why they reach this address.
 */
export function noticeLetter(
  template: Extract<TemplateId, 'case_notice' | 'contact_change' | 'bank_account_change'>,
  kind: NoticeKind,
  language: Language,
  params: Params,
  referenceKind: 'claim' | 'case',
): LetterContent {
  const { subject, body } = renderNotice(kind, language, params);
  const extra = BANK_EXTRA[kind]?.[language];
  return {
    template,
    language,
    subject,
    title: subject,
    reference: param(params, 'reference'),
    referenceKind,
    blocks: [...paragraphs(body), ...(extra ? [{ kind: 'paragraph' as const, text: extra }] : [])],
    formal: false,
  };
}

function paragraphs(text: string): LetterBlock[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => ({ kind: 'paragraph', text: p }));
}
