import { describe, expect, it } from 'vitest';
import { judgeReadability, MIN_CONFIDENCE } from './scan-readability.ts';

const LETTER = 'Dear Sir or Madam, I write about my claim CLM-2026-000123 and the receipt I sent.';

describe('judgeReadability', () => {
  it('accepts a letter recognised with confidence', () => {
    expect(judgeReadability({ text: LETTER, confidence: 91 })).toEqual({ readable: true });
  });

  it('refuses a blank page or a few stray marks, whatever the confidence', () => {
    expect(judgeReadability({ text: '', confidence: 0 })).toMatchObject({
      readable: false,
      reason: 'no_text',
    });
    expect(judgeReadability({ text: ' | . ~ 1 2 ', confidence: 95 })).toMatchObject({
      readable: false,
      reason: 'no_text',
    });
  });

  it('counts letters of every alphabet, not only ASCII', () => {
    expect(judgeReadability({ text: 'åäöÅÄÖàèéìòù'.repeat(2), confidence: 90 })).toEqual({ readable: true });
  });

  it('refuses text recognised below the confidence threshold, at the threshold it is read', () => {
    expect(judgeReadability({ text: LETTER, confidence: MIN_CONFIDENCE - 0.5 })).toMatchObject({
      readable: false,
      reason: 'low_confidence',
    });
    expect(judgeReadability({ text: LETTER, confidence: MIN_CONFIDENCE })).toEqual({ readable: true });
  });
});
