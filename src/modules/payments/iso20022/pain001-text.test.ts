import { describe, expect, it } from 'vitest';
import { bankText, textProfileOf } from './pain001-text.ts';

describe('bank text', () => {
  it('keeps Swedish letters for SEK and transliterates them for SEPA', () => {
    expect(textProfileOf('SEK')).toBe('swedish');
    expect(textProfileOf('EUR')).toBe('sepa');
    expect(bankText('Åsa Öberg', 'swedish', 70)).toBe('Åsa Öberg');
    expect(bankText('Åsa Öberg', 'sepa', 70)).toBe('Asa Oberg');
    expect(bankText('Niccolò Ferrà', 'sepa', 70)).toBe('Niccolo Ferra');
    expect(bankText('Groß & Søn', 'swedish', 70)).toBe('Gross + Son');
  });

  it('drops what no bank carries and collapses whitespace', () => {
    expect(bankText('Li 李小龍  <x>\n"y"', 'sepa', 70)).toBe('Li x y');
    expect(bankText('李小龍', 'sepa', 70)).toBe('');
    expect(bankText('a\u0000b', 'sepa', 70)).toBe('a b');
  });

  it('cuts to the length by characters, never mid-letter', () => {
    const long = 'Ö'.repeat(80);
    expect([...bankText(long, 'swedish', 70)]).toHaveLength(70);
    expect(bankText(`${'a'.repeat(69)} b`, 'sepa', 70)).toBe('a'.repeat(69));
  });
});
