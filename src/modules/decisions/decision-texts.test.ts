import { describe, expect, it } from 'vitest';
import { DENIAL_REASONS } from '../outbound/decision-letter-texts.ts';
import { decidedNoticeParams, denialReasonText } from './decision-texts.ts';

// The customer's decision notice states a denial's reasons in words, in their language, as the
// decision letter words them; a code nobody wrote a text for is named with an invitation to ask,
// never left as the bare code.

const denial = (reasonCodes: string[], clause: string | null = null) => ({
  outcome: 'denied' as const,
  amountMinor: 0,
  currency: 'SEK',
  reasonCodes,
  clause,
});

describe('decidedNoticeParams', () => {
  it('words each reason code in English, Swedish and Italian, with the clause and the right to appeal', () => {
    const en = decidedNoticeParams('en', denial(['not_covered', 'documents_missing'], '§4.2'));
    expect(en.outcome).toBe('denied');
    expect(en.details).toBe(
      'Reasons: the loss is not covered by the policy; the documents needed to assess the claim are missing ' +
        '(under §4.2). You may appeal this decision within the time stated in your terms.',
    );
    const sv = decidedNoticeParams('sv', denial(['premium_unpaid']));
    expect(sv.details).toBe(
      'Skäl: försäkringen gällde inte när skadan inträffade, eftersom premien inte var betald. ' +
        'Du kan överklaga beslutet inom den tid som anges i villkoren.',
    );
    const it_ = decidedNoticeParams('it', denial(['waiting_period', 'waiting_period']));
    expect(it_.outcome).toBe('respinta');
    expect(it_.details).toContain(
      'Motivi: il sinistro è avvenuto durante il periodo di carenza, prima che la copertura fosse operante.',
    );
    for (const p of [en, sv, it_]) expect(p.details).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  });

  it('names an unknown code inside a sentence, never alone', () => {
    expect(denialReasonText('en', 'odd_code')).toBe(
      'Other reason (odd_code); please contact us if you would like to know more',
    );
    expect(decidedNoticeParams('sv', denial(['odd_code'])).details).toContain(
      'Skäl: övrigt skäl (odd_code); kontakta oss',
    );
  });

  it('has a text for every reason code the letter knows, in every language', () => {
    for (const language of ['en', 'sv', 'it'] as const) {
      for (const code of Object.keys(DENIAL_REASONS.en)) {
        expect(denialReasonText(language, code), `${language} ${code}`).toBe(DENIAL_REASONS[language][code]);
      }
    }
  });

  it('states the amount for an approval', () => {
    const p = decidedNoticeParams('en', {
      outcome: 'approved',
      amountMinor: 125_000,
      currency: 'SEK',
      reasonCodes: [],
      clause: null,
    });
    expect(p).toEqual({ outcome: 'approved', details: expect.stringMatching(/^We will pay .*1,250\.00/) });
  });
});
