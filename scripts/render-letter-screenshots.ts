// Renders the first page of the generated letters to PNG for docs/letters.md:
//
//   node scripts/render-letter-screenshots.ts [outDir]      (default docs/letters)
//
// The letters are made by the same code as the delivery job (templates → pdfmake), from demo-like
// data, without a database. PDF pages become PNGs with Debian's poppler-utils (`pdftoppm`;
// `apt-get install -y poppler-utils`). This script is for the docs only; CI does not run it.

import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Address, Language } from '../src/db/schema.ts';
import { compileProduct } from '../src/modules/assessment/compiled-product.ts';
import { renderReason } from '../src/modules/assessment/explain.ts';
import type { Reason } from '../src/modules/assessment/index.ts';
import {
  composeLetter,
  type DecisionLetterData,
  formatLetterDate,
  type LetterContent,
  letterDocument,
  letterheadFor,
  renderLetterPdf,
} from '../src/modules/outbound/index.ts';
import { ProductConfigSchema } from '../src/modules/products/index.ts';

const LANGUAGES: Language[] = ['sv', 'it', 'en'];

const PEOPLE: Record<Language, { name: string; address: Address; country: 'SE' | 'IT'; currency: string }> = {
  sv: {
    name: 'Åsa Öberg',
    address: { street: 'Hornsgatan 48', postalCode: '118 21', city: 'Stockholm', country: 'SE' },
    country: 'SE',
    currency: 'SEK',
  },
  it: {
    name: 'Giulia Esposito',
    address: { street: 'Via Torino 21', postalCode: '20123', city: 'Milano MI', country: 'IT' },
    country: 'IT',
    currency: 'EUR',
  },
  en: {
    name: 'Emma Clarke',
    address: { street: 'Kungsgatan 12', postalCode: '411 19', city: 'Göteborg', country: 'SE' },
    country: 'SE',
    currency: 'SEK',
  },
};

const PRODUCT = compileProduct(
  ProductConfigSchema.parse({
    covers: [
      {
        benefitCode: 'MEDICAL_EXPENSES',
        name: { sv: 'Vårdkostnader', it: 'Spese mediche', en: 'Medical expenses' },
        clause: '§4.1',
        requiredDocuments: ['receipt'],
        coPayment: { sharePermille: 100, clause: '§4.2' },
      },
    ],
    deductible: { amountMinor: 50_000, per: 'claim', clause: '§3.1' },
    premiumTerms: { graceDays: 14, lapseAfterDays: 60 },
  }),
);

function decision(language: Language, outcome: DecisionLetterData['outcome']): DecisionLetterData {
  const { currency, country } = PEOPLE[language];
  const reasons: (Reason & { lineNo: number })[] = [
    {
      code: 'deductible_applied',
      clause: '§3.1',
      params: { deductibleMinor: 50_000, per: 'claim', amountMinor: 50_000 },
      lineNo: 1,
    },
    {
      code: 'copayment_applied',
      clause: '§4.2',
      params: { sharePermille: 100, amountMinor: 75_000 },
      lineNo: 1,
    },
    {
      code: 'copayment_applied',
      clause: '§4.2',
      params: { sharePermille: 100, amountMinor: 20_000 },
      lineNo: 2,
    },
  ];
  const descriptions = {
    sv: ['Läkarbesök, Akademiska sjukhuset', 'Receptbelagd medicin'],
    it: ['Visita medica, Ospedale Niguarda', 'Farmaci con ricetta'],
    en: ['Doctor’s visit, Sahlgrenska', 'Prescription medicine'],
  }[language];
  const lines = [
    { lineNo: 1, claimedMinor: 800_000, eligibleMinor: 800_000, deductibleMinor: 50_000, copayMinor: 75_000 },
    { lineNo: 2, claimedMinor: 200_000, eligibleMinor: 200_000, deductibleMinor: 0, copayMinor: 20_000 },
  ].map((l, i) => {
    const computed = l.eligibleMinor - l.deductibleMinor - l.copayMinor;
    return {
      ...l,
      description: descriptions[i] as string,
      computedMinor: computed,
      payableMinor: outcome === 'partially_approved' && l.lineNo === 2 ? 0 : computed,
    };
  });
  const payable = lines.reduce((s, l) => s + l.payableMinor, 0);
  return {
    reference:
      language === 'it' ? 'CLM-2026-000417' : language === 'sv' ? 'CLM-2026-000123' : 'CLM-2026-000256',
    outcome,
    currency,
    payableMinor: outcome === 'denied' ? 0 : payable,
    claimedMinor: 1_000_000,
    lines: outcome === 'denied' ? [] : lines,
    reasonCodes:
      outcome === 'denied'
        ? ['pre_existing_condition']
        : outcome === 'partially_approved'
          ? ['insufficient_evidence']
          : [],
    clauses: outcome === 'denied' ? ['§5.2'] : [],
    assessmentReasons: reasons.map((r) => ({
      code: r.code,
      clause: r.clause,
      text: renderReason(r, language, currency, PRODUCT),
      lineNo: r.lineNo,
      explains: true,
    })),
    jurisdiction: country,
  };
}

function letters(language: Language): { name: string; content: LetterContent }[] {
  const name = PEOPLE[language].name;
  const compose = (
    kind: Parameters<typeof composeLetter>[0]['kind'],
    params: Record<string, string>,
    d?: DecisionLetterData,
  ) =>
    composeLetter({
      kind,
      language,
      params,
      customerName: name,
      entity: 'claim',
      ...(d ? { decision: d } : {}),
    });
  const items = {
    sv: 'ett kvitto och ett läkarintyg',
    it: 'una ricevuta e un certificato medico',
    en: 'a receipt and a medical certificate',
  }[language];
  return [
    { name: 'decision-approval', content: compose('claim.decided', {}, decision(language, 'approved')) },
    {
      name: 'decision-partial',
      content: compose('claim.decided', {}, decision(language, 'partially_approved')),
    },
    { name: 'decision-denial', content: compose('claim.decided', {}, decision(language, 'denied')) },
    {
      name: 'information-request',
      content: compose('information.requested', {
        reference: decision(language, 'approved').reference,
        items,
        dueOn: '2026-04-30',
      }),
    },
  ];
}

async function main() {
  const outDir = path.resolve(process.argv[2] ?? 'docs/letters');
  await mkdir(outDir, { recursive: true });
  const work = await mkdtemp(path.join(os.tmpdir(), 'claimdesk-letters-'));
  try {
    for (const language of LANGUAGES) {
      const person = PEOPLE[language];
      const letterhead = letterheadFor(person.country);
      for (const { name, content } of letters(language)) {
        const pdf = await renderLetterPdf(
          letterDocument({
            content,
            letterhead,
            senderCountry: person.country,
            recipient: { name: person.name, address: person.address },
            dateText: formatLetterDate('2026-03-16', language),
            customerNumber: language === 'it' ? 'CUS-000318' : 'CUS-000042',
          }),
        );
        const file = path.join(work, `${name}-${language}.pdf`);
        await writeFile(file, pdf);
        const png = path.join(outDir, `${name}-${language}`);
        execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, png]);
        console.log(`${png}.png`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
