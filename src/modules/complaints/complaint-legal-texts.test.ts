import { describe, expect, it } from 'vitest';
import type { Language } from '../../db/schema.ts';
import { renderNotice } from '../notifications/index.ts';
import { COMPLAINT_CAUSE_CODES, COMPLAINT_CAUSES, causeIvassArea, causeLabel } from './complaint-causes.ts';
import {
  ANSWER_RULE_SOURCES,
  answerRuleText,
  FURTHER_OPTIONS,
  furtherOptionsText,
} from './complaint-legal-texts.ts';

const LANGUAGES: Language[] = ['sv', 'it', 'en'];

describe('further options', () => {
  it('in Sweden: ARN, Konsumenternas Försäkringsbyrå and the courts, each with its source', () => {
    expect(FURTHER_OPTIONS.SE.map((o) => o.key)).toEqual(['arn', 'konsumenternas', 'court']);
    expect(FURTHER_OPTIONS.SE[0]?.source).toMatch(/2015:671/);
    expect(FURTHER_OPTIONS.SE[2]?.source).toMatch(/Rättegångsbalken 1 kap\. 3 d §/);
    const sv = furtherOptionsText('SE', 'sv');
    expect(sv).toContain('Allmänna reklamationsnämnden (ARN)');
    expect(sv).toContain('inom ett år');
    expect(sv).toContain('2 000 kronor');
    expect(sv).toContain('www.konsumenternas.se');
    expect(sv).toContain('tingsrätten');
  });

  it('in Italy: IVASS (with our answer attached), the Arbitro Assicurativo, mediation and the courts', () => {
    expect(FURTHER_OPTIONS.IT.map((o) => o.key)).toEqual(['ivass', 'arbitro', 'mediation_court']);
    expect(FURTHER_OPTIONS.IT[0]?.source).toMatch(/24\/2008 art\. 4 co\. 1 lett\. b/);
    expect(FURTHER_OPTIONS.IT[1]?.source).toMatch(/art\. 187\.1.*n\. 215/);
    expect(FURTHER_OPTIONS.IT[2]?.source).toMatch(/28 art\. 5/);
    const it = furtherOptionsText('IT', 'it');
    expect(it).toContain('reclamo all’IVASS');
    expect(it).toContain('allegando il reclamo presentato a noi e la presente risposta');
    expect(it).toContain('www.arbitroassicurativo.org');
    expect(it).toContain('mediazione');
  });

  it('follow the jurisdiction, while the language follows the customer', () => {
    const italianInSwedish = furtherOptionsText('IT', 'sv');
    expect(italianInSwedish).toContain('Klagomål till IVASS');
    expect(italianInSwedish).toContain('Arbitro Assicurativo');
    expect(italianInSwedish).toContain('Bifoga ditt klagomål till oss och detta svar');
    expect(italianInSwedish).not.toContain('ARN');
    const swedishInItalian = furtherOptionsText('SE', 'it');
    expect(swedishInItalian).toContain('Allmänna reklamationsnämnden');
    expect(swedishInItalian).toContain('gratuitamente');
    expect(swedishInItalian).not.toContain('IVASS');
  });

  it('numbers the options after an introduction, in every language', () => {
    for (const j of ['SE', 'IT'] as const) {
      for (const language of LANGUAGES) {
        const lines = furtherOptionsText(j, language).split('\n');
        expect(lines).toHaveLength(1 + FURTHER_OPTIONS[j].length);
        expect(lines.slice(1).map((line) => line.split('. ')[0])).toEqual(
          FURTHER_OPTIONS[j].map((_, i) => `${i + 1}`),
        );
      }
    }
  });
});

describe('the answer rule named in the acknowledgement', () => {
  it('names the days and the rule of the jurisdiction', () => {
    expect(answerRuleText('IT', 45, 'it')).toBe(
      'Ai sensi dell’art. 8 del Regolamento ISVAP n. 24/2008, rispondiamo ai reclami entro 45 giorni dal loro ricevimento. Se il termine scade di sabato, di domenica o in un giorno festivo, è prorogato al primo giorno lavorativo successivo.',
    );
    expect(answerRuleText('SE', 10, 'sv')).toContain('inom 10 dagar');
    expect(answerRuleText('SE', 10, 'sv')).toContain('FFFS 2002:23');
    expect(answerRuleText('IT', 45, 'en')).toContain('Regolamento ISVAP No. 24/2008');
    expect(ANSWER_RULE_SOURCES.IT).toMatch(/art\. 8/);
  });
});

describe('complaint causes', () => {
  it('have labels in every language and an IVASS area', () => {
    for (const code of COMPLAINT_CAUSE_CODES) {
      for (const language of LANGUAGES)
        expect(COMPLAINT_CAUSES[code].label[language].length).toBeGreaterThan(2);
    }
    expect(causeIvassArea('delay')).toBe('sinistri');
    expect(causeIvassArea('premium_and_renewal')).toBe('gestione_contratto');
    expect(causeLabel('claim_decision', 'en')).toBe('Claim decision (refusal or amount)');
    expect(causeLabel('retired_code', 'sv')).toBe('retired_code');
  });
});

describe('complaint notices', () => {
  it('render in every language without a hole', () => {
    for (const language of LANGUAGES) {
      const ack = renderNotice('complaint.acknowledged', language, {
        name: 'A B',
        reference: 'CASE-2026-000001',
        receivedOn: 'x',
        dueOn: 'y',
        rule: 'z',
      });
      expect(ack.subject).toContain('CASE-2026-000001');
      expect(ack.body).toContain('y');
      const answer = renderNotice('complaint.final_answer', language, {
        name: 'A B',
        reference: 'CASE-2026-000001',
        receivedOn: 'x',
        answer: 'Our {answer} with braces',
        outcome: 'o',
        options: furtherOptionsText('SE', language),
      });
      expect(answer.body).toContain('Our {answer} with braces');
      expect(answer.body).toContain('Allmänna reklamationsnämnden');
    }
  });
});
