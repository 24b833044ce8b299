import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DENIAL_REASONS } from '../../../modules/outbound/decision-letter-texts.ts';
import { DENY_REASONS } from './deny-reasons.ts';

// What the representative ticks is what the customer reads: every reason the desk offers has a
// text in the letter and the notice in each language, and a label on the desk in each language.

const TEXTS = path.resolve(import.meta.dirname, '../../texts/workspace');

describe('the desk’s denial reasons', () => {
  it('each has a letter text and a desk label in sv, it and en', () => {
    for (const language of ['sv', 'it', 'en'] as const) {
      const desk = JSON.parse(readFileSync(path.join(TEXTS, `${language}.json`), 'utf8')) as Record<
        string,
        string
      >;
      for (const code of DENY_REASONS) {
        expect(DENIAL_REASONS[language][code], `letter ${language} ${code}`).toBeTruthy();
        expect(desk[`workspace.denyReason.${code}`], `desk ${language} ${code}`).toBeTruthy();
      }
    }
  });
});
