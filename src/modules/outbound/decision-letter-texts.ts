import type { Language } from '../../db/schema.ts';

// The words of the decision letters (approval, partial approval, denial) in sv, it and en. A
// refusal, in whole or in part, states its reasons, the clauses it rests on and how to appeal: the
// customer must be able to understand and challenge it (Swedish försäkringsavtalslagen and good
// insurance practice; Italian Codice delle assicurazioni private and IVASS rules on claims).

type Localized = Record<Language, string>;

export const DECISION_TEXTS: Record<
  'approved' | 'partially_approved' | 'denied',
  { subject: Localized; title: Localized; intro: Localized }
> = {
  approved: {
    subject: {
      sv: 'Beslut om skadeanmälan {reference}: godkänd',
      it: 'Decisione sulla pratica {reference}: accolta',
      en: 'Decision on claim {reference}: approved',
    },
    title: {
      sv: 'Beslut: din skadeanmälan är godkänd',
      it: 'Decisione: la Vostra denuncia di sinistro è accolta',
      en: 'Decision: your claim is approved',
    },
    intro: {
      sv: 'Vi har prövat din skadeanmälan {reference} och godkänner den. Vi betalar ut {payable}.',
      it: 'Abbiamo esaminato la Vostra denuncia di sinistro {reference} e la accogliamo. Vi verseremo {payable}.',
      en: 'We have assessed your claim {reference} and approve it. We will pay you {payable}.',
    },
  },
  partially_approved: {
    subject: {
      sv: 'Beslut om skadeanmälan {reference}: delvis godkänd',
      it: 'Decisione sulla pratica {reference}: accolta in parte',
      en: 'Decision on claim {reference}: partly approved',
    },
    title: {
      sv: 'Beslut: din skadeanmälan är delvis godkänd',
      it: 'Decisione: la Vostra denuncia di sinistro è accolta in parte',
      en: 'Decision: your claim is partly approved',
    },
    intro: {
      sv: 'Vi har prövat din skadeanmälan {reference} och godkänner den delvis. Av begärda {claimed} betalar vi ut {payable}. Tabellen visar hur vi har räknat för varje kostnadspost.',
      it: 'Abbiamo esaminato la Vostra denuncia di sinistro {reference} e la accogliamo in parte. Dei {claimed} richiesti Vi verseremo {payable}. La tabella mostra il calcolo per ogni voce.',
      en: 'We have assessed your claim {reference} and approve it in part. Of the {claimed} you claimed we will pay you {payable}. The table shows how we calculated each item.',
    },
  },
  denied: {
    subject: {
      sv: 'Beslut om skadeanmälan {reference}: avslag',
      it: 'Decisione sulla pratica {reference}: respinta',
      en: 'Decision on claim {reference}: denied',
    },
    title: {
      sv: 'Beslut: vi kan inte lämna ersättning',
      it: 'Decisione: non possiamo riconoscere un indennizzo',
      en: 'Decision: we cannot pay your claim',
    },
    intro: {
      sv: 'Vi har prövat din skadeanmälan {reference} och kan tyvärr inte lämna någon ersättning. Nedan förklarar vi varför.',
      it: 'Abbiamo esaminato la Vostra denuncia di sinistro {reference} e purtroppo non possiamo riconoscere alcun indennizzo. Di seguito ne spieghiamo i motivi.',
      en: 'We have assessed your claim {reference} and are sorry to tell you that we cannot pay it. Below we explain why.',
    },
  },
};

export const PAYMENT: Localized = {
  sv: 'Beloppet betalas ut till det konto vi har registrerat för dig.',
  it: 'L’importo sarà versato sul conto che risulta registrato presso di noi.',
  en: 'The amount will be paid to the account we have on file for you.',
};

export const CALCULATION: Localized = { sv: 'Så har vi räknat', it: 'Il calcolo', en: 'How we calculated' };

export const COLUMNS: Record<Language, string[]> = {
  sv: ['Kostnadspost', 'Begärt', 'Ersättningsbart', 'Självrisk', 'Egen andel', 'Utbetalas'],
  it: ['Voce', 'Richiesto', 'Ammissibile', 'Franchigia', 'Scoperto', 'Liquidato'],
  en: ['Item', 'Claimed', 'Eligible', 'Deductible', 'Co-payment', 'Payable'],
};

export const TOTAL: Localized = { sv: 'Summa', it: 'Totale', en: 'Total' };

export const ADJUSTED: Localized = {
  sv: '* Beloppet för kostnadsposten har bestämts av din handläggare; skälen står nedan.',
  it: '* L’importo della voce è stato stabilito dal liquidatore; i motivi sono indicati di seguito.',
  en: '* The amount for this item was set by your claims handler; the reasons are given below.',
};

export const REASONS_HEADING: Localized = {
  sv: 'Skäl för beslutet',
  it: 'Motivazione',
  en: 'Reasons for the decision',
};

export const CLAUSES: Localized = {
  sv: 'Beslutet grundar sig på följande punkter i försäkringsvillkoren: {clauses}.',
  it: 'La decisione si basa sui seguenti articoli delle Condizioni di Assicurazione: {clauses}.',
  en: 'The decision rests on these clauses of your policy terms: {clauses}.',
};

export const APPEAL_HEADING: Localized = {
  sv: 'Om du inte är nöjd med beslutet',
  it: 'Se non siete d’accordo con la decisione',
  en: 'If you disagree with the decision',
};

export const APPEAL: Localized = {
  sv: 'Du kan begära att vi prövar beslutet på nytt (omprövning). Skriv till oss, eller svara på det här brevet, inom den tid som anges i försäkringsvillkoren och ange skadenummer {reference}. Berätta varför du anser att beslutet är fel och bifoga det underlag du vill att vi tar hänsyn till. Omprövningen kostar ingenting.',
  it: 'Potete chiederci di riesaminare la decisione. Scriveteci, o rispondete a questa lettera, entro i termini indicati nelle Condizioni di Assicurazione, indicando il numero {reference}, i motivi per cui ritenete errata la decisione e i documenti di cui volete che teniamo conto. Il riesame è gratuito.',
  en: 'You can ask us to review the decision. Write to us, or reply to this letter, within the time stated in your policy terms, quoting {reference}: tell us why you think the decision is wrong and include anything you want us to take into account. A review costs you nothing.',
};

// The bodies below answer complaints about our answer (the options' texts speak of "our answer"):
// the review comes first, so the letter names them as the next step after it.
export const FURTHER: Localized = {
  sv: 'Är du inte nöjd med vårt svar efter omprövningen kan du vända dig till:',
  it: 'Se, dopo il riesame, non siete soddisfatti della nostra risposta, potete rivolgervi a:',
  en: 'If you are not satisfied with our answer after the review, you can turn to:',
};

/**
 * Texts for the reason codes a person gives when denying a claim (decisions' reasonCodes). An
 * assessment reason with the same code is quoted instead when there is one, as it carries the
 * claim's own figures; a code without a text here is named as it is, never left out.
 */
export const DENIAL_REASONS: Record<Language, Record<string, string>> = {
  sv: {
    not_covered: 'Skadan omfattas inte av försäkringen',
    benefit_not_covered: 'Försäkringen omfattar inte den här typen av kostnad',
    excluded: 'Skadan omfattas av ett undantag i försäkringsvillkoren',
    policy_not_in_force: 'Försäkringen gällde inte när skadan inträffade',
    premium_unpaid: 'Försäkringen gällde inte när skadan inträffade, eftersom premien inte var betald',
    waiting_period: 'Skadan inträffade under kvalificeringstiden, innan försäkringen gav skydd för den',
    pre_existing_condition: 'Skadan beror på ett tillstånd som fanns redan innan försäkringen började gälla',
    no_answer: 'Vi fick inte de uppgifter vi behövde för att pröva skadeanmälan inom den tid vi angav',
    documents_missing: 'De handlingar som krävs för att pröva skadeanmälan saknas',
    insufficient_evidence: 'Det underlag vi har fått visar inte att skadan är ersättningsbar',
    late_claim: 'Skadan anmäldes för sent enligt försäkringsvillkoren',
    duplicate_claim: 'Samma skada har redan ersatts i ett annat skadeärende',
  },
  it: {
    not_covered: 'Il sinistro non è coperto dalla polizza',
    benefit_not_covered: 'La polizza non copre questo tipo di spesa',
    excluded: 'Il sinistro rientra in un’esclusione prevista dalle Condizioni di Assicurazione',
    policy_not_in_force: 'La polizza non era in vigore alla data del sinistro',
    premium_unpaid:
      'La polizza non era in vigore alla data del sinistro perché il premio non era stato pagato',
    waiting_period:
      'Il sinistro è avvenuto durante il periodo di carenza, prima che la copertura fosse operante',
    pre_existing_condition: 'Il sinistro deriva da una condizione preesistente all’inizio della copertura',
    no_answer:
      'Non abbiamo ricevuto entro il termine indicato le informazioni necessarie per esaminare la denuncia',
    documents_missing: 'Mancano i documenti necessari per esaminare la denuncia',
    insufficient_evidence: 'La documentazione ricevuta non dimostra che il sinistro sia indennizzabile',
    late_claim: 'Il sinistro è stato denunciato oltre il termine previsto dalle Condizioni di Assicurazione',
    duplicate_claim: 'Lo stesso sinistro è già stato indennizzato in un’altra pratica',
  },
  en: {
    not_covered: 'The loss is not covered by the policy',
    benefit_not_covered: 'The policy does not cover this kind of cost',
    excluded: 'The loss falls under an exclusion in the policy terms',
    policy_not_in_force: 'The policy was not in force when the loss occurred',
    premium_unpaid:
      'The policy was not in force when the loss occurred, because the premium had not been paid',
    waiting_period: 'The loss occurred during the waiting period, before the policy covered it',
    pre_existing_condition: 'The loss results from a condition that existed before the cover began',
    no_answer: 'We did not receive the information we needed to assess the claim within the time we gave',
    documents_missing: 'The documents needed to assess the claim are missing',
    insufficient_evidence: 'The evidence we received does not show that the loss is covered',
    late_claim: 'The loss was reported later than the policy terms allow',
    duplicate_claim: 'The same loss has already been paid under another claim',
  },
};

export const OTHER_REASON: Localized = {
  sv: 'Övrigt skäl ({code}); kontakta oss om du vill veta mer',
  it: 'Altro motivo ({code}); contattateci per maggiori dettagli',
  en: 'Other reason ({code}); please contact us if you would like to know more',
};

// The payment the decision made (issue 7): where and when, or that we need an account; and, when
// the payment is late under Swedish law, why interest is added (räntelagen 6 §).
export const PAYMENT_SCHEDULED: Localized = {
  sv: 'Vi betalar ut {amount} till ditt konto {masked}. Betalningen görs den {date}.',
  it: 'Verseremo {amount} sul Vostro conto {masked}. Il pagamento sarà eseguito il {date}.',
  en: 'We will pay {amount} to your account {masked}. The payment will be made on {date}.',
};

export const PAYMENT_INSTALMENTS: Localized = {
  sv: 'Vi betalar ut {amount} till ditt konto {masked} i {count} månatliga delbetalningar; den första görs den {date}.',
  it: 'Verseremo {amount} sul Vostro conto {masked} in {count} rate mensili; la prima sarà eseguita il {date}.',
  en: 'We will pay {amount} to your account {masked} in {count} monthly instalments; the first will be made on {date}.',
};

export const PAYMENT_NO_ACCOUNT: Localized = {
  sv: 'Vi har inget bankkonto registrerat för dig. Lämna ditt kontonummer i kundportalen eller ring oss, så betalar vi ut {amount} så snart kontot är registrerat.',
  it: 'Non abbiamo un conto bancario registrato a Vostro nome. Indicateci il Vostro conto nel portale o chiamateci: verseremo {amount} non appena sarà registrato.',
  en: 'We have no bank account on file for you. Give us your account in the portal or call us, and we will pay {amount} as soon as it is registered.',
};

export const PAYMENT_PART_PAID: Localized = {
  sv: 'Av beloppet har {paid} redan betalats ut till dig; resten betalar vi nu.',
  it: 'Di questo importo Vi sono già stati versati {paid}; il resto lo versiamo ora.',
  en: 'Of this amount, {paid} has already been paid to you; we now pay the rest.',
};

export const PAYMENT_ALREADY_PAID: Localized = {
  sv: 'Beloppet har redan betalats ut till dig ({paid}); ingen ny utbetalning görs.',
  it: 'L’importo Vi è già stato versato ({paid}); non segue un nuovo pagamento.',
  en: 'This amount has already been paid to you ({paid}); there is no new payment.',
};

export const PAYMENT_RECOVERY: Localized = {
  sv: 'Vi har redan betalat ut {paid} till dig, vilket är mer än det nya beslutet ger. Vi kontaktar dig om mellanskillnaden på {amount}; du behöver inte göra något förrän du hört av oss.',
  it: 'Vi abbiamo già versato {paid}, più di quanto riconosce la nuova decisione. Vi contatteremo per la differenza di {amount}; non dovete fare nulla prima di averci sentito.',
  en: 'We have already paid you {paid}, which is more than the new decision gives. We will contact you about the difference of {amount}; you need not do anything until you hear from us.',
};

export const INTEREST_HEADING: Localized = {
  sv: 'Dröjsmålsränta',
  it: 'Interessi di mora',
  en: 'Interest for late payment',
};

export const INTEREST_EXPLAINED: Localized = {
  sv: 'Enligt lag skulle vi ha betalat senast den {due}, en månad efter att vi fick det underlag vi behövde. Eftersom betalningen görs {days} dagar senare betalar vi dröjsmålsränta enligt 6 § räntelagen: Riksbankens referensränta ({reference}) plus åtta procentenheter, alltså {rate} per år. Räntan är {interest} och ingår i utbetalningen ({principal} i ersättning plus ränta, totalt {total}).',
  it: 'Per legge avremmo dovuto pagare entro il {due}, un mese dopo aver ricevuto la documentazione necessaria. Poiché il pagamento avviene {days} giorni dopo, aggiungiamo gli interessi di mora previsti dal § 6 della legge svedese sugli interessi (räntelagen): il tasso di riferimento della Riksbank ({reference}) più otto punti percentuali, cioè {rate} annuo. Gli interessi ammontano a {interest} e sono compresi nel pagamento ({principal} di indennizzo più interessi, in totale {total}).',
  en: 'By law we should have paid by {due}, one month after we received the documentation we needed. Because the payment is made {days} days later, we add interest for late payment under section 6 of the Swedish Interest Act (räntelagen): the Riksbank’s reference rate ({reference}) plus eight percentage points, that is {rate} a year. The interest is {interest} and is included in the payment ({principal} in compensation plus interest, {total} in total).',
};
