import type { Language } from '../../db/schema.ts';
import type { DocumentKind } from '../products/product-config-schema.ts';
import type { ReasonCode } from './assessment-types.ts';

// Customer-facing texts of the assessment: one template per reason code in Swedish, Italian and
// English. Placeholders are `{name}` and take the reason's params, rendered by explain.ts:
// - names ending in `Minor` are money in the claim currency (e.g. "1 234,50 kr", "1.234,50 €");
// - names ending in `Date` are dates (sv 2025-03-01, it/en 01/03/2025);
// - names ending in `Permille` are shares shown as percentages ("20 %", "20%");
// - {benefit} is the cover's name in the language (from params.benefitCode), {document} the
//   document's name, {exclusionText} the exclusion's own text from the product (params.exclusion),
//   {per} "per claim" / "per policy year" (params.per);
// - anything else is printed as is.
// The clause is never part of a template: explain.ts appends CLAUSE_CITATION when the reason has
// one, so every rule-based text cites the policy terms the same way.
//
// A template can have a singular form (`one`) used when the `count` param is 1.

export type Template = string | { one: string; other: string; count: string };

export const LOCALES: Record<Language, string> = { sv: 'sv-SE', it: 'it-IT', en: 'en-GB' };

export const CLAUSE_CITATION: Record<Language, string> = {
  sv: ' (se {clause} i försäkringsvillkoren)',
  it: ' (rif. {clause} delle Condizioni di Assicurazione)',
  en: ' (see {clause} of the policy terms)',
};

export const PER_TEXTS: Record<Language, Record<'claim' | 'year', string>> = {
  sv: { claim: 'per skada', year: 'per försäkringsår' },
  it: { claim: 'per sinistro', year: 'per anno assicurativo' },
  en: { claim: 'per claim', year: 'per policy year' },
};

export const DOCUMENT_NAMES: Record<Language, Record<DocumentKind, string>> = {
  sv: {
    receipt: 'kvitto',
    medical_certificate: 'läkarintyg',
    police_report: 'polisanmälan',
    employer_statement: 'arbetsgivarintyg',
    travel_booking: 'bokningsbekräftelse för resan',
    income_statement: 'inkomstuppgift',
    property_irregularity_report: 'PIR-rapport från flygbolaget (Property Irregularity Report)',
  },
  it: {
    receipt: 'ricevuta o fattura',
    medical_certificate: 'certificato medico',
    police_report: 'denuncia alle autorità',
    employer_statement: 'dichiarazione del datore di lavoro',
    travel_booking: 'conferma di prenotazione del viaggio',
    income_statement: 'documentazione del reddito',
    property_irregularity_report: 'rapporto PIR della compagnia aerea (Property Irregularity Report)',
  },
  en: {
    receipt: 'a receipt',
    medical_certificate: 'a medical certificate',
    police_report: 'a police report',
    employer_statement: "an employer's statement",
    travel_booking: 'the travel booking confirmation',
    income_statement: 'an income statement',
    property_irregularity_report: 'a property irregularity report (PIR) from the airline',
  },
};

export const REASON_TEXTS: Record<Language, Record<ReasonCode, Template>> = {
  sv: {
    date_in_future:
      'Datumet {eventDate} ligger efter den dag anmälan registrerades ({registeredDate}); uppgiften måste rättas innan ärendet kan bedömas',
    date_before_birth:
      'Skadedagen {incidentDate} ligger före den försäkrades födelsedatum ({birthDate}); uppgiften måste rättas',
    negative_amount: 'Beloppet {amountMinor} på rad {lineNo} är negativt och måste rättas',
    amounts_do_not_sum:
      'Raderna summerar till {linesMinor}, men det begärda totalbeloppet är {totalMinor}; beloppen måste stämma överens',
    currency_mismatch: 'Valutan {currency} stämmer inte med försäkringens valuta ({policyCurrency})',
    line_outside_incident:
      'Datumet {serviceDate} på rad {lineNo} ligger före skadedagen ({incidentDate}) eller mer än 365 dagar efter den',
    document_missing: 'Vi behöver {document} för {benefit} för att kunna pröva ersättningen',
    duplicate_claim:
      'Anmälan ser ut att vara en dubblett av skadeärende {claimNumber} (samma försäkrade, skadedag, belopp och vårdgivare) och granskas av en handläggare',
    possible_duplicate: 'Anmälan liknar skadeärende {claimNumber} och kontrolleras av en handläggare',
    policy_not_in_force:
      'Försäkringen gällde inte på skadedagen {incidentDate} (försäkringstid {startDate}–{lastDate})',
    policy_cancelled: 'Försäkringen är uppsagd och ger inget försäkringsskydd för skadan',
    premium_grace_period:
      'Premien var förfallen men obetald på skadedagen; försäkringen gällde eftersom betalningsfristen inte hade löpt ut',
    premium_overdue:
      'Försäkringsskyddet gällde inte på skadedagen eftersom premien inte hade betalats inom betalningsfristen',
    policy_lapsed: 'Försäkringen har upphört att gälla på grund av obetald premie',
    benefit_not_covered: 'Försäkringen omfattar inte ersättningsslaget {benefitCode}',
    excluded: '{benefit} ersätts inte på grund av undantaget: {exclusionText}',
    waiting_period: {
      count: 'days',
      one: 'Skadan inträffade under försäkringens första dag (kvalificeringstid); {benefit} ersätts för skador från och med {untilDate}',
      other:
        'Skadan inträffade under kvalificeringstiden på {days} dagar från försäkringens början; {benefit} ersätts för skador från och med {untilDate}',
    },
    limit_per_line: 'Ersättningen har begränsats till ersättningstaket {limitMinor} per kostnadspost',
    limit_per_claim:
      'Ersättningen har begränsats av ersättningstaket {limitMinor} per skadehändelse; återstående belopp var {remainingMinor}',
    limit_per_year:
      'Ersättningen har begränsats av ersättningstaket {limitMinor} per försäkringsår; återstående belopp var {remainingMinor}',
    limit_lifetime:
      'Ersättningen har begränsats av det högsta ersättningsbeloppet under hela försäkringstiden, {limitMinor}; återstående belopp var {remainingMinor}',
    deductible_applied: 'Självrisk på {deductibleMinor} {per}: {amountMinor} har dragits av',
    copayment_applied:
      'Egen andel: {sharePermille} av det ersättningsbara beloppet, {amountMinor}, betalar du själv',
    daily_benefit_computed: 'Dagersättning: {paidDays} av {days} dagar ersätts med {dailyMinor} per dag',
    daily_benefit_waiting_days: {
      count: 'waitingDays',
      one: 'Karensdag: den första dagen i sjukperioden ersätts inte',
      other: 'Karensdagar: de första {waitingDays} dagarna i sjukperioden ersätts inte',
    },
    daily_benefit_max_days:
      'Dagersättning lämnas för högst {maxDays} dagar per försäkringsår; {availableDays} dagar återstod',
    income_missing:
      'Uppgift om årsinkomst saknas, så dagersättningen kan inte beräknas; en handläggare går igenom ärendet',
    covered_in_full: '{benefit} ersätts med hela det begärda beloppet',
    straight_through: 'Ersättningen regleras automatiskt',
    above_straight_through_limit:
      'Ersättningen {benefitMinor} överstiger gränsen {limitMinor} för automatisk reglering och beslutas av en handläggare',
    engine_error: 'Ärendet kunde inte bedömas automatiskt och lämnas till en handläggare',
  },
  it: {
    date_in_future:
      'La data {eventDate} è successiva alla data di registrazione della denuncia ({registeredDate}); il dato deve essere corretto prima della valutazione',
    date_before_birth:
      "La data del sinistro {incidentDate} è anteriore alla data di nascita dell'assicurato ({birthDate}); il dato deve essere corretto",
    negative_amount: "L'importo {amountMinor} alla riga {lineNo} è negativo e deve essere corretto",
    amounts_do_not_sum:
      "La somma delle righe ({linesMinor}) non corrisponde all'importo totale richiesto ({totalMinor})",
    currency_mismatch: 'La valuta {currency} non corrisponde alla valuta della polizza ({policyCurrency})',
    line_outside_incident:
      'La data {serviceDate} alla riga {lineNo} è anteriore alla data del sinistro ({incidentDate}) o successiva di oltre 365 giorni',
    document_missing: 'Per valutare il rimborso di {benefit} è necessario ricevere: {document}',
    duplicate_claim:
      'La denuncia risulta un duplicato del sinistro {claimNumber} (stesso assicurato, data, importo ed erogatore) e sarà verificata da un liquidatore',
    possible_duplicate: 'La denuncia è simile al sinistro {claimNumber} e sarà verificata da un liquidatore',
    policy_not_in_force:
      'La polizza non era in vigore alla data del sinistro {incidentDate} (periodo di copertura dal {startDate} al {lastDate})',
    policy_cancelled: 'La polizza risulta annullata e non presta copertura per questo sinistro',
    premium_grace_period:
      'Alla data del sinistro il premio era scaduto e non pagato, ma entro il periodo di tolleranza: la garanzia era operante',
    premium_overdue:
      'Alla data del sinistro la garanzia era sospesa per mancato pagamento del premio oltre il periodo di tolleranza',
    policy_lapsed: 'Il contratto è risolto per mancato pagamento del premio',
    benefit_not_covered: 'La prestazione {benefitCode} non rientra nelle garanzie della polizza',
    excluded: '{benefit} non è indennizzabile per la seguente esclusione: {exclusionText}',
    waiting_period: {
      count: 'days',
      one: 'Il sinistro è avvenuto nel primo giorno di copertura (periodo di carenza); {benefit} è coperto per i sinistri dal {untilDate}',
      other:
        'Il sinistro è avvenuto durante il periodo di carenza di {days} giorni dalla decorrenza della polizza; {benefit} è coperto per i sinistri dal {untilDate}',
    },
    limit_per_line: 'Il rimborso è stato ridotto al massimale di {limitMinor} per singola spesa',
    limit_per_claim:
      'Il rimborso è stato ridotto al massimale di {limitMinor} per sinistro; la disponibilità residua era di {remainingMinor}',
    limit_per_year:
      'Il rimborso è stato ridotto al massimale annuo di {limitMinor}; la disponibilità residua era di {remainingMinor}',
    limit_lifetime:
      "Il rimborso è stato ridotto al massimale per l'intera durata della polizza di {limitMinor}; la disponibilità residua era di {remainingMinor}",
    deductible_applied: 'Franchigia di {deductibleMinor} {per}: sono stati detratti {amountMinor}',
    copayment_applied: "Scoperto del {sharePermille}: {amountMinor} restano a carico dell'assicurato",
    daily_benefit_computed:
      'Indennità giornaliera: {paidDays} giorni su {days} indennizzati con {dailyMinor} al giorno',
    daily_benefit_waiting_days: {
      count: 'waitingDays',
      one: 'Giorno di carenza: il primo giorno del periodo di malattia non è indennizzato',
      other: 'Giorni di carenza: i primi {waitingDays} giorni del periodo di malattia non sono indennizzati',
    },
    daily_benefit_max_days:
      "L'indennità giornaliera spetta per un massimo di {maxDays} giorni per anno assicurativo; ne restavano {availableDays}",
    income_missing:
      "Manca il reddito annuo dichiarato, quindi l'indennità giornaliera non può essere calcolata; la pratica passa a un liquidatore",
    covered_in_full: "{benefit}: rimborsato l'intero importo richiesto",
    straight_through: 'La pratica viene liquidata automaticamente',
    above_straight_through_limit:
      "L'importo di {benefitMinor} supera la soglia di {limitMinor} per la liquidazione automatica; la decisione spetta a un liquidatore",
    engine_error: 'La pratica non ha potuto essere valutata automaticamente ed è affidata a un liquidatore',
  },
  en: {
    date_in_future:
      'The date {eventDate} is after the date the claim was registered ({registeredDate}); it must be corrected before the claim can be assessed',
    date_before_birth:
      "The date of loss {incidentDate} is before the insured person's date of birth ({birthDate}); it must be corrected",
    negative_amount: 'The amount {amountMinor} on line {lineNo} is negative and must be corrected',
    amounts_do_not_sum: 'The lines add up to {linesMinor} but the total claimed is {totalMinor}',
    currency_mismatch: 'The currency {currency} does not match the policy currency ({policyCurrency})',
    line_outside_incident:
      'The date {serviceDate} on line {lineNo} is before the date of loss ({incidentDate}) or more than 365 days after it',
    document_missing: 'We need {document} for {benefit} before we can assess it',
    duplicate_claim:
      'This claim appears to duplicate claim {claimNumber} (same insured person, date of loss, amount and provider) and will be reviewed by a claims handler',
    possible_duplicate: 'This claim resembles claim {claimNumber} and will be checked by a claims handler',
    policy_not_in_force:
      'The policy was not in force on the date of loss {incidentDate} (period of cover {startDate} to {lastDate} inclusive)',
    policy_cancelled: 'The policy has been cancelled and provides no cover for this loss',
    premium_grace_period:
      'The premium was due and unpaid on the date of loss but within the grace period, so cover was in force',
    premium_overdue:
      'Cover was suspended on the date of loss because the premium was not paid within the grace period',
    policy_lapsed: 'The policy has lapsed because the premium was not paid',
    benefit_not_covered: 'The policy does not cover the benefit {benefitCode}',
    excluded: '{benefit} is not covered because of the exclusion: {exclusionText}',
    waiting_period: {
      count: 'days',
      one: 'The loss occurred on the first day of cover (waiting period); {benefit} is covered for losses from {untilDate}',
      other:
        'The loss occurred during the waiting period of {days} days from the start of the policy; {benefit} is covered for losses from {untilDate}',
    },
    limit_per_line: 'The amount has been reduced to the limit of {limitMinor} per item',
    limit_per_claim:
      'The amount has been reduced to the limit of {limitMinor} per claim; {remainingMinor} remained',
    limit_per_year:
      'The amount has been reduced to the limit of {limitMinor} per policy year; {remainingMinor} remained',
    limit_lifetime:
      'The amount has been reduced to the lifetime limit of {limitMinor}; {remainingMinor} remained',
    deductible_applied: 'Excess of {deductibleMinor} {per}: {amountMinor} has been deducted',
    copayment_applied: 'Co-payment: your own share of {sharePermille}, {amountMinor}, is not reimbursed',
    daily_benefit_computed: 'Daily benefit: {paidDays} of {days} days paid at {dailyMinor} per day',
    daily_benefit_waiting_days: {
      count: 'waitingDays',
      one: 'Waiting day: the first day of the sickness period is not paid',
      other: 'Waiting days: the first {waitingDays} days of the sickness period are not paid',
    },
    daily_benefit_max_days:
      'Daily benefit is paid for at most {maxDays} days per policy year; {availableDays} days remained',
    income_missing:
      'No declared annual income is on file, so the daily benefit cannot be calculated; a claims handler will review the claim',
    covered_in_full: '{benefit} is reimbursed in full',
    straight_through: 'The claim is settled automatically',
    above_straight_through_limit:
      'The benefit of {benefitMinor} exceeds the limit of {limitMinor} for automatic settlement; a claims handler will decide',
    engine_error: 'The claim could not be assessed automatically and has been passed to a claims handler',
  },
};

/** Every reason code, in the order of the contract. */
export const REASON_CODES = Object.keys(REASON_TEXTS.en) as ReasonCode[];
