import { describe, expect, it } from 'vitest';
import { renderNotice } from '../notice-texts.ts';
import { REFERRAL_TEXTS } from './referrals.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('referral notice texts', () => {
  it('every notice asks for the same parameters in sv, it and en, so no language can miss one', () => {
    for (const [kind, texts] of Object.entries(REFERRAL_TEXTS)) {
      const en = placeholders(texts.en.subject + texts.en.body);
      for (const language of ['sv', 'it'] as const) {
        expect(placeholders(texts[language].subject + texts[language].body), `${kind} ${language}`).toEqual(
          en,
        );
      }
    }
  });

  it('renders in every language', () => {
    const params = {
      reference: 'RFR-2026-000001',
      department: 'Payments',
      caseNumber: 'CASE-2026-000001',
      urgency: 'urgent',
      due: '3 Mar 2026, 12:00',
      question: 'Was it paid?',
      by: 'Sofia Marino',
      answer: 'Yes.',
      reason: 'Wrong department.',
    };
    for (const kind of Object.keys(REFERRAL_TEXTS) as (keyof typeof REFERRAL_TEXTS)[]) {
      for (const language of ['sv', 'it', 'en'] as const) {
        const { subject, body } = renderNotice(kind, language, params);
        expect(subject).toContain('RFR-2026-000001');
        expect(body).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
