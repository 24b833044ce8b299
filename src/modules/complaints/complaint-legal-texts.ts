import type { Language } from '../../db/schema.ts';

// What the letters to a complaining customer say about the law, in one place with the sources, in
// sv, it and en. The rules follow the complaint's jurisdiction; the language follows the customer
// (a Swedish-speaking customer of an Italian product reads the Italian options in Swedish).
// Addresses, fees and time limits are as published by the bodies themselves (arn.se,
// konsumenternas.se, ivass.it, arbitroassicurativo.org); check them once a year. Where we have not
// verified a section number against the official text the source says so.

export type Jurisdiction = 'SE' | 'IT';

type Localized = Record<Language, string>;

// ---- The answer deadline named in the acknowledgement -------------------------------------------

export const ANSWER_RULE_SOURCES: Record<Jurisdiction, string> = {
  // FFFS 2002:23 are Finansinspektionen's general guidelines on complaints handling (2 § defines a
  // complaint, 3 § asks for a complaints policy set by the board); they ask for prompt handling but
  // set no number of days, so the days are the company complaints policy's
  // (CLAIMDESK_SE_COMPLAINT_DAYS). Roll-forward: lag (1930:173) om beräkning av lagstadgad tid.
  SE: 'FFFS 2002:23 (Finansinspektionens allmänna råd om klagomålshantering) and the company complaints policy; lag (1930:173) om beräkning av lagstadgad tid',
  // Reg. 24/2008 art. 8: the insurer answers within 45 days of receipt (art. 4 co. 1 lett. b refers
  // to "art. 8" and the 45 days); as amended by Provv. IVASS 30/2015 and 46/2016. A period ending on
  // a holiday ends on the next working day: art. 2963 c.c. (art. 1187 c.c.).
  IT: 'Regolamento ISVAP n. 24 del 19 maggio 2008, art. 8 (as amended by Provvedimenti IVASS n. 30/2015 and n. 46/2016); art. 2963 and art. 1187 c.c.',
};

/** The sentence telling the customer which rule sets the date we answer by. */
export function answerRuleText(jurisdiction: Jurisdiction, days: number, language: Language): string {
  const texts: Record<Jurisdiction, Localized> = {
    SE: {
      sv: `Enligt vår klagomålspolicy, som följer Finansinspektionens allmänna råd om klagomålshantering (FFFS 2002:23), besvarar vi klagomål inom ${days} dagar från att vi tog emot dem. Infaller den sista dagen på en lördag, söndag eller helgdag får vi svara nästa vardag.`,
      it: `In base alla nostra politica di gestione dei reclami, conforme agli orientamenti dell’autorità svedese di vigilanza Finansinspektionen (FFFS 2002:23), rispondiamo ai reclami entro ${days} giorni dal ricevimento. Se l’ultimo giorno cade di sabato, di domenica o in un giorno festivo, il termine scade il primo giorno lavorativo successivo.`,
      en: `Under our complaints policy, which follows Finansinspektionen’s general guidelines on complaints handling (FFFS 2002:23), we answer complaints within ${days} days of receiving them. If the last day is a Saturday, Sunday or public holiday, the deadline moves to the next working day.`,
    },
    IT: {
      sv: `Enligt artikel 8 i den italienska tillsynsmyndighetens förordning om klagomål (Regolamento ISVAP n. 24/2008) besvarar vi klagomål inom ${days} dagar från att vi tog emot dem. Infaller den sista dagen på en lördag, söndag eller helgdag flyttas fristen till nästa vardag.`,
      it: `Ai sensi dell’art. 8 del Regolamento ISVAP n. 24/2008, rispondiamo ai reclami entro ${days} giorni dal loro ricevimento. Se il termine scade di sabato, di domenica o in un giorno festivo, è prorogato al primo giorno lavorativo successivo.`,
      en: `Under Article 8 of the Italian insurance supervisor’s complaints regulation (Regolamento ISVAP No. 24/2008) we answer complaints within ${days} days of receiving them. If the last day is a Saturday, Sunday or public holiday, the deadline moves to the next working day.`,
    },
  };
  return texts[jurisdiction][language];
}

// ---- The customer's further options, stated in the final answer ----------------------------------

export type FurtherOption = {
  key: string;
  title: Localized;
  text: Localized;
  /** The legal basis and where the facts come from (for the docs and for reviewers, not the letter). */
  source: string;
};

export const FURTHER_OPTIONS: Record<Jurisdiction, readonly FurtherOption[]> = {
  SE: [
    {
      key: 'arn',
      title: {
        sv: 'Allmänna reklamationsnämnden (ARN)',
        it: 'Allmänna reklamationsnämnden (ARN)',
        en: 'The National Board for Consumer Disputes (Allmänna reklamationsnämnden, ARN)',
      },
      text: {
        sv: 'ARN är en statlig nämnd som kostnadsfritt prövar tvister om konsumentförsäkringar. Din anmälan ska ha kommit in inom ett år från att du första gången klagade hos oss, och ditt krav ska vara värt minst 2 000 kronor. ARN:s beslut är rekommendationer. Anmälan görs på www.arn.se eller till Allmänna reklamationsnämnden, Box 174, 101 23 Stockholm.',
        it: 'L’ARN è la commissione statale svedese che esamina gratuitamente le controversie sulle assicurazioni dei consumatori. La domanda deve pervenire entro un anno dal Vostro primo reclamo presso di noi e la richiesta deve valere almeno 2 000 corone svedesi. Le decisioni dell’ARN sono raccomandazioni. La domanda si presenta su www.arn.se oppure per posta ad Allmänna reklamationsnämnden, Box 174, 101 23 Stockholm, Svezia.',
        en: 'ARN is a public board that reviews consumer insurance disputes free of charge. Your application must reach ARN within one year of your first complaint to us, and your claim must be worth at least SEK 2,000. ARN’s decisions are recommendations. Apply at www.arn.se or write to Allmänna reklamationsnämnden, Box 174, SE-101 23 Stockholm, Sweden.',
      },
      source:
        'Lag (2015:671) om alternativ tvistlösning i konsumentförhållanden; förordning (2015:739) med instruktion för Allmänna reklamationsnämnden; FFFS 2002:23 (inform the customer of ARN and the courts); value limit SEK 2 000 and the one-year rule for insurance as published on arn.se/tvisteomraden/forsakring',
    },
    {
      key: 'konsumenternas',
      title: {
        sv: 'Konsumenternas Försäkringsbyrå',
        it: 'Konsumenternas Försäkringsbyrå (consulenza gratuita)',
        en: 'Konsumenternas Försäkringsbyrå (free advice)',
      },
      text: {
        sv: 'Konsumenternas Försäkringsbyrå ger kostnadsfri och opartisk vägledning i försäkringsfrågor, till exempel om hur villkoren ska tolkas och hur du kan gå vidare: www.konsumenternas.se, telefon 0200-22 58 00.',
        it: 'Konsumenternas Försäkringsbyrå, l’ufficio svedese di consulenza per i consumatori in materia assicurativa, offre gratuitamente consigli imparziali, per esempio sull’interpretazione delle condizioni e su come procedere: www.konsumenternas.se, telefono +46 200 22 58 00.',
        en: 'Konsumenternas Försäkringsbyrå, the Swedish consumers’ insurance bureau, gives free and impartial advice on insurance matters, for example on how the terms are read and how to take your complaint further: www.konsumenternas.se, telephone 0200-22 58 00.',
      },
      source:
        'Konsumenternas Försäkringsbyrå (founded by Finansinspektionen, Konsumentverket and Svensk Försäkring); contact details as published on konsumenternas.se',
    },
    {
      key: 'court',
      title: { sv: 'Allmän domstol', it: 'Tribunale ordinario', en: 'The general courts' },
      text: {
        sv: 'Du kan också få tvisten prövad i allmän domstol genom att väcka talan vid tingsrätten. Tvister om mindre belopp (högst ett halvt prisbasbelopp) handläggs som förenklat tvistemål, där ersättningen för rättegångskostnader är begränsad.',
        it: 'Potete anche rivolgervi al tribunale ordinario svedese (tingsrätt). Le controversie di valore modesto (fino a metà dell’importo base dei prezzi svedese) seguono un procedimento semplificato in cui il rimborso delle spese di lite è limitato.',
        en: 'You can also take the dispute to the general courts by bringing an action in the district court (tingsrätt). Disputes of small value (up to half the Swedish price base amount) follow a simplified procedure in which the costs that can be recovered are limited.',
      },
      source:
        'Rättegångsbalken 1 kap. 3 d § (förenklat tvistemål); FFFS 2002:23 (inform the customer of ARN and the courts)',
    },
  ],
  IT: [
    {
      key: 'ivass',
      title: {
        sv: 'Klagomål till IVASS',
        it: 'Reclamo all’IVASS',
        en: 'A complaint to IVASS',
      },
      text: {
        sv: 'Är du inte nöjd med vårt svar kan du klaga hos den italienska försäkringstillsynen IVASS, Servizio Tutela del Consumatore, Via del Quirinale 21, 00187 Rom, Italien (e-post/PEC ivass@pec.ivass.it). Bifoga ditt klagomål till oss och detta svar. Formulär finns på www.ivass.it. Vid gränsöverskridande tvister kan du be IVASS att skicka ärendet vidare till tvistlösningsnätverket FIN-NET.',
        it: 'Se non siete soddisfatti della nostra risposta potete presentare reclamo all’IVASS, Servizio Tutela del Consumatore, Via del Quirinale 21, 00187 Roma (PEC ivass@pec.ivass.it), allegando il reclamo presentato a noi e la presente risposta. Il modulo è disponibile su www.ivass.it. Per le controversie transfrontaliere potete chiedere all’IVASS di attivare la rete FIN-NET.',
        en: 'If you are not satisfied with our answer you can complain to the Italian insurance supervisor IVASS, Servizio Tutela del Consumatore, Via del Quirinale 21, 00187 Rome, Italy (certified email ivass@pec.ivass.it). Attach your complaint to us and this answer. The form is on www.ivass.it. For a cross-border dispute you can ask IVASS to pass it on through the FIN-NET network.',
      },
      source:
        'D.Lgs. 209/2005 (Codice delle assicurazioni private) art. 7; Regolamento ISVAP n. 24/2008 art. 4 co. 1 lett. b (a complaint already made to the company, unanswered within 45 days or answered unsatisfactorily) and lett. c / art. 7 (cross-border disputes, FIN-NET)',
    },
    {
      key: 'arbitro',
      title: {
        sv: 'Arbitro Assicurativo (italiensk tvistlösning för försäkringar)',
        it: 'Arbitro Assicurativo',
        en: 'The Arbitro Assicurativo (the Italian insurance ombudsman scheme)',
      },
      text: {
        sv: 'Du kan också vända dig till Arbitro Assicurativo, ett oberoende organ vid IVASS som avgör försäkringstvister utanför domstol. Ansökan görs på www.arbitroassicurativo.org utan att du behöver ett ombud, senast tolv månader efter att du klagade hos oss och om saken inte är äldre än tre år när du klagade. Avgiften är 20 euro och betalas tillbaka om du får rätt. Beslutet är inte bindande, men om vi inte följer det offentliggörs det.',
        it: 'Potete rivolgervi all’Arbitro Assicurativo, organismo indipendente costituito presso l’IVASS per la risoluzione stragiudiziale delle controversie assicurative. Il ricorso si presenta su www.arbitroassicurativo.org, senza necessità di un avvocato, entro dodici mesi dal reclamo presentato a noi e per fatti risalenti a non più di tre anni prima del reclamo. Il contributo è di 20 euro, rimborsato in caso di accoglimento. La decisione non è vincolante, ma il suo mancato rispetto da parte dell’impresa è reso pubblico.',
        en: 'You can also turn to the Arbitro Assicurativo, an independent body set up at IVASS that settles insurance disputes out of court. Apply at www.arbitroassicurativo.org, without needing a lawyer, within twelve months of your complaint to us and for facts no older than three years at the time of the complaint. The fee is EUR 20, refunded if you win. The decision is not binding, but if we do not comply this is made public.',
      },
      source:
        'D.Lgs. 209/2005 art. 187.1 (implementing Directive (EU) 2016/97 art. 15); D.M. (MIMIT) 6 novembre 2024 n. 215; operational since 15 January 2026 (IVASS); time limits and fee as published on arbitroassicurativo.org',
    },
    {
      key: 'mediation_court',
      title: {
        sv: 'Medling och domstol',
        it: 'Mediazione e autorità giudiziaria',
        en: 'Mediation and the courts',
      },
      text: {
        sv: 'Du kan alltid vända dig till domstol. För tvister om försäkringsavtal kräver italiensk rätt att man först försöker medling hos ett godkänt medlingsorgan innan talan väcks, om inte tvisten redan har prövats av Arbitro Assicurativo.',
        it: 'Resta salva la possibilità di rivolgersi all’autorità giudiziaria. Per le controversie in materia di contratti assicurativi occorre prima esperire il procedimento di mediazione presso un organismo di mediazione (condizione di procedibilità), salvo che la controversia sia stata sottoposta all’Arbitro Assicurativo.',
        en: 'You can always go to court. For disputes about insurance contracts, Italian law requires an attempt at mediation before an accredited mediation body before a lawsuit, unless the dispute has already been brought before the Arbitro Assicurativo.',
      },
      source:
        'D.Lgs. 4 marzo 2010 n. 28 art. 5 (mediation as a condition of proceeding for disputes on insurance contracts); D.M. 215/2024 (a decision of the Arbitro Assicurativo satisfies the condition)',
    },
  ],
};

const INTRO: Localized = {
  sv: 'Dina möjligheter att gå vidare:',
  it: 'Le Vostre possibilità di tutela:',
  en: 'Your options if you want to take this further:',
};

/** The further options as the final answer states them: an introduction and numbered paragraphs. */
export function furtherOptionsText(jurisdiction: Jurisdiction, language: Language): string {
  const items = FURTHER_OPTIONS[jurisdiction].map(
    (o, i) => `${i + 1}. ${o.title[language]}: ${o.text[language]}`,
  );
  return [INTRO[language], ...items].join('\n');
}
