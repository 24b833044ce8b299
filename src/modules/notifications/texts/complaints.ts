import type { Texts } from '../notice-texts.ts';

// Notices about complaints (acknowledgement, final answer with the further options), in sv, it and en.
// The legal sentences ({rule}, {options}) and the outcome ({outcome}) are composed in the customer's
// language by src/modules/complaints/complaint-legal-texts.ts and complaint-letter-parts.ts, which
// keep the sources; dates arrive written out ({receivedOn}, {dueOn}, {answeredOn}).
export const COMPLAINT_TEXTS = {
  'complaint.acknowledged': {
    sv: {
      subject: 'Vi har tagit emot ditt klagomål ({reference})',
      body:
        'Hej {name},\n\n' +
        'vi har tagit emot ditt klagomål den {receivedOn} och registrerat det som ärende {reference}. ' +
        'Vi skickar vårt svar senast den {dueOn}.\n\n' +
        '{rule}\n\n' +
        'Du behöver inte göra något nu. Behöver vi mer information hör vi av oss. Ange ärendenumret {reference} när du kontaktar oss.',
    },
    it: {
      subject: 'Abbiamo ricevuto il Vostro reclamo ({reference})',
      body:
        'Gentile {name},\n\n' +
        'abbiamo ricevuto il Vostro reclamo il {receivedOn} e lo abbiamo registrato con il numero {reference}. ' +
        'Vi invieremo la nostra risposta entro il {dueOn}.\n\n' +
        '{rule}\n\n' +
        'Per ora non dovete fare nulla: se ci serviranno altre informazioni Vi contatteremo. Indicate il numero {reference} in ogni comunicazione.',
    },
    en: {
      subject: 'We have received your complaint ({reference})',
      body:
        'Dear {name},\n\n' +
        'We received your complaint on {receivedOn} and registered it as case {reference}. ' +
        'We will send you our answer by {dueOn} at the latest.\n\n' +
        '{rule}\n\n' +
        'You do not need to do anything now; we will contact you if we need more information. Please quote {reference} when you contact us.',
    },
  },
  'complaint.final_answer': {
    sv: {
      subject: 'Vårt svar på ditt klagomål ({reference})',
      body:
        'Hej {name},\n\n' +
        'här är vårt svar på ditt klagomål {reference}, som vi tog emot den {receivedOn}.\n\n' +
        '{answer}\n\n' +
        '{outcome}\n\n' +
        '{options}',
    },
    it: {
      subject: 'La nostra risposta al Vostro reclamo ({reference})',
      body:
        'Gentile {name},\n\n' +
        'ecco la nostra risposta al Vostro reclamo {reference}, ricevuto il {receivedOn}.\n\n' +
        '{answer}\n\n' +
        '{outcome}\n\n' +
        '{options}',
    },
    en: {
      subject: 'Our answer to your complaint ({reference})',
      body:
        'Dear {name},\n\n' +
        'Here is our answer to your complaint {reference}, which we received on {receivedOn}.\n\n' +
        '{answer}\n\n' +
        '{outcome}\n\n' +
        '{options}',
    },
  },
} as const satisfies Record<string, Texts>;
