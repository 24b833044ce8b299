import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { xmlWriter } from './xml-writer.ts';

describe('xmlWriter', () => {
  it('writes the same text as xmlbuilder2 with prettyPrint, escaping every value', () => {
    const ours = xmlWriter()
      .open('Document', { xmlns: 'urn:x' })
      .open('A')
      .leaf('B', 'Åsa & Bo <AB> "q"', { Ccy: 'S"E&K' })
      .leaf('C', '')
      .close()
      .close()
      .done();
    const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele('urn:x', 'Document').ele('A');
    doc.ele('B', { Ccy: 'S"E&K' }).txt('Åsa & Bo <AB> "q"');
    doc.ele('C').txt('');
    const theirs = doc.end({ prettyPrint: true });
    expect(ours).toContain('<B Ccy="S&quot;E&amp;K">Åsa &amp; Bo &lt;AB&gt; "q"</B>');
    expect(ours.replace('<C></C>', '<C/>')).toBe(theirs);
  });

  it('refuses what would not be well-formed', () => {
    expect(() => xmlWriter().leaf('A', 'x\u0001y')).toThrow(RangeError);
    expect(() => xmlWriter().open('1A')).toThrow(RangeError);
    expect(() => xmlWriter().open('A').done()).toThrow(/unclosed/);
    expect(() => xmlWriter().close()).toThrow();
  });
});
