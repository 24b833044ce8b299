import { describe, expect, it } from 'vitest';
import { attachmentDisposition, MAX_FILENAME_LENGTH, safeFilename } from './safe-filename.ts';

describe('safeFilename', () => {
  it('keeps the last path segment only', () => {
    expect(safeFilename('../../etc/passwd', 'txt')).toBe('passwd');
    expect(safeFilename('C:\\Users\\anna\\kvitto.pdf', 'pdf')).toBe('kvitto.pdf');
    expect(safeFilename('..', 'pdf')).toBe('document.pdf');
    expect(safeFilename('/', 'pdf')).toBe('document.pdf');
  });

  it('drops control and bidirectional-override characters', () => {
    expect(safeFilename('a\u0000b\r\nc.pdf', 'pdf')).toBe('abc.pdf');
    expect(safeFilename('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.exe');
    expect(safeFilename('  läkarintyg   mars .pdf ', 'pdf')).toBe('läkarintyg mars .pdf');
  });

  it('names a nameless file after its type', () => {
    expect(safeFilename(undefined, 'png')).toBe('document.png');
    expect(safeFilename('\u0001\u0002', 'png')).toBe('document.png');
  });

  it('caps the length at 200 characters, keeping the extension', () => {
    const long = `${'å'.repeat(500)}.pdf`;
    const name = safeFilename(long, 'pdf');
    expect([...name].length).toBe(MAX_FILENAME_LENGTH);
    expect(name.endsWith('.pdf')).toBe(true);
    expect([...safeFilename('😀'.repeat(300), 'txt')].length).toBe(MAX_FILENAME_LENGTH);
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('kvitto "mars".pdf')).toBe(
      'attachment; filename="kvitto _mars_.pdf"; filename*=UTF-8\'\'kvitto%20%22mars%22.pdf',
    );
    expect(attachmentDisposition('läkarintyg.pdf')).toBe(
      'attachment; filename="l_karintyg.pdf"; filename*=UTF-8\'\'l%C3%A4karintyg.pdf',
    );
  });
});
