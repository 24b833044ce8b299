import { describe, expect, it } from 'vitest';
import type { Language } from '../../db/schema.ts';
import { NOTICE_TEXTS, type NoticeKind } from '../notifications/index.ts';
import { CLAIM_TEMPLATE_TEXTS, claimLetter } from './claim-templates.ts';
import { DECISION_TEXTS, DENIAL_REASONS } from './decision-letter-texts.ts';
import { MissingLetterParameter } from './letter-content.ts';
import { composeLetter, NOTICE_TEMPLATES, templateOf } from './templates.ts';

const LANGUAGES: Language[] = ['sv', 'it', 'en'];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Every parameter any customer notice takes, as the use cases pass them. */
const PARAMS = {
  reference: 'CLM-2026-000042',
  items: 'a receipt',
  dueOn: '2026-04-30',
  outcome: 'closed',
  clause: '§9.1',
  subject: 'Late payment',
  answerBy: '2026-05-04',
  excerpt: 'Could you send the invoice?',
  resolution: 'Paid',
  reason: 'Asked by the customer',
  claimNumber: 'CLM-2026-000041',
  name: 'Anna Lindqvist',
  receivedOn: '2 March 2026',
  rule: 'We answer within 14 days.',
  answer: 'We have looked into it.\n\nThe payment was late.',
  options: 'Your options:\n1. ARN: a board.\n2. Court: a court.',
  masked: '•••• 1234',
  phone: '+46 8 465 004 00',
  date: '2026-03-01',
  what: 'your phone number',
};

describe('letter templates', () => {
  it('map only notice kinds that exist, and every other kind gets a letter around its text', () => {
    for (const kind of Object.keys(NOTICE_TEMPLATES)) expect(NOTICE_TEXTS, kind).toHaveProperty(kind);
    expect(templateOf('some.future_notice')).toBe('case_notice');
  });

  it('write every mapped customer notice in sv, it and en, with no hole and dates in words', () => {
    for (const kind of Object.keys(NOTICE_TEMPLATES) as NoticeKind[]) {
      if (kind === 'claim.decided') continue; // needs its decision: decision-letter.test.ts
      for (const language of LANGUAGES) {
        const letter = composeLetter({
          kind,
          language,
          params: PARAMS,
          customerName: 'Anna Lindqvist',
          entity: kind.startsWith('claim.') || kind.startsWith('information.') ? 'claim' : 'case',
        });
        const text = [letter.subject, letter.title, ...letter.blocks.map((b) => JSON.stringify(b))].join(
          '\n',
        );
        expect(text, `${kind} ${language}`).not.toMatch(/\{\w+\}/);
        expect(text, `${kind} ${language}`).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b/);
        expect(text, `${kind} ${language}`).not.toContain('2026-04-30');
        expect(letter.reference).toMatch(/^CLM-|^CASE-|^CLM/);
        expect(letter.language).toBe(language);
      }
    }
  });

  it('greet by name and ask to quote the reference', () => {
    const letter = composeLetter({
      kind: 'information.requested',
      language: 'it',
      params: PARAMS,
      customerName: 'Giulia Rossi',
      entity: 'claim',
    });
    expect(letter.blocks[0]).toEqual({ kind: 'paragraph', text: 'Gentile Giulia Rossi,' });
    expect(JSON.stringify(letter.blocks)).toContain('30 aprile 2026');
    expect(letter.blocks.at(-1)).toMatchObject({
      kind: 'note',
      text: expect.stringContaining('CLM-2026-000042'),
    });
  });

  it('a missing parameter is an error, never a hole in the letter', () => {
    const { dueOn: _, ...withoutDue } = PARAMS;
    expect(() =>
      composeLetter({
        kind: 'information.requested',
        language: 'sv',
        params: withoutDue,
        customerName: 'Anna',
        entity: 'claim',
      }),
    ).toThrow(MissingLetterParameter);
    expect(() => claimLetter('claim_acknowledgement', 'en', { reference: 'CLM-1', receivedOn: '' })).toThrow(
      /receivedOn/,
    );
  });

  it('ask for the same parameters in every language, so no language can miss one', () => {
    for (const [template, texts] of Object.entries(CLAIM_TEMPLATE_TEXTS)) {
      const en = placeholders(JSON.stringify(texts.en));
      for (const language of ['sv', 'it'] as const) {
        expect(placeholders(JSON.stringify(texts[language])), `${template} ${language}`).toEqual(en);
      }
    }
    for (const [outcome, texts] of Object.entries(DECISION_TEXTS)) {
      for (const part of Object.values(texts)) {
        expect(placeholders(part.sv), outcome).toEqual(placeholders(part.en));
        expect(placeholders(part.it), outcome).toEqual(placeholders(part.en));
      }
    }
    expect(Object.keys(DENIAL_REASONS.sv).sort()).toEqual(Object.keys(DENIAL_REASONS.en).sort());
    expect(Object.keys(DENIAL_REASONS.it).sort()).toEqual(Object.keys(DENIAL_REASONS.en).sort());
  });

  it('have letters for the acknowledgement and the escalation notice no notice asks for yet', () => {
    for (const language of LANGUAGES) {
      const ack = claimLetter('claim_acknowledgement', language, {
        reference: 'CLM-2026-000001',
        receivedOn: '1 March 2026',
      });
      expect(ack.subject).toContain('CLM-2026-000001');
      const escalated = claimLetter('escalation_notice', language, { reference: 'CLM-2026-000001' });
      expect(escalated.blocks.length).toBeGreaterThan(0);
    }
  });
});
