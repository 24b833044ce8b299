import { describe, expect, it } from 'vitest';
import { detectDocumentType } from './detect-document-type.ts';

const SAMPLES = {
  pdf: Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  ),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]),
  tiff: Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]),
  elf: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]),
  exe: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]),
  zip: Buffer.from([
    0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  ]),
};

describe('detectDocumentType', () => {
  it.each([
    ['pdf', 'application/pdf'],
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['tiff', 'image/tiff'],
  ] as const)('accepts %s by its bytes', async (name, mediaType) => {
    expect(await detectDocumentType(SAMPLES[name], undefined)).toMatchObject({ ok: true, mediaType });
    expect(await detectDocumentType(SAMPLES[name], 'application/octet-stream')).toMatchObject({ ok: true });
  });

  it('accepts the usual aliases of a declared type', async () => {
    expect(await detectDocumentType(SAMPLES.jpeg, 'image/jpg')).toMatchObject({ ok: true });
    expect(await detectDocumentType(SAMPLES.pdf, 'Application/PDF; name="x.pdf"')).toMatchObject({
      ok: true,
    });
  });

  it('refuses executables and archives whatever they are called', async () => {
    for (const bytes of [SAMPLES.elf, SAMPLES.exe, SAMPLES.zip]) {
      expect(await detectDocumentType(bytes, 'application/pdf')).toMatchObject({ ok: false });
      expect(await detectDocumentType(bytes, undefined)).toMatchObject({ ok: false });
    }
    expect(await detectDocumentType(SAMPLES.elf, undefined)).toMatchObject({ detected: 'application/x-elf' });
  });

  it('refuses a declared type the bytes contradict', async () => {
    const pngAsPdf = await detectDocumentType(SAMPLES.png, 'application/pdf');
    expect(pngAsPdf).toMatchObject({ ok: false, detected: 'image/png' });
    expect(await detectDocumentType(Buffer.from('hello'), 'image/png')).toMatchObject({ ok: false });
  });

  it('accepts UTF-8 text, and refuses NUL bytes, invalid UTF-8 and markup', async () => {
    expect(await detectDocumentType(Buffer.from('Kvitto: 125,00 kr — tack!\n'), 'text/plain')).toMatchObject({
      ok: true,
      mediaType: 'text/plain',
    });
    expect(await detectDocumentType(Buffer.from('a\u0000b'), undefined)).toMatchObject({ ok: false });
    expect(await detectDocumentType(Buffer.from([0x61, 0xc3, 0x28]), undefined)).toMatchObject({ ok: false });
    for (const markup of [
      '<!DOCTYPE html><html><body>hi</body></html>',
      '  \n<html><script>alert(1)</script>',
      '<script>alert(1)</script>',
      '<svg onload="alert(1)"/>',
      '<?xml version="1.0"?><x/>',
    ]) {
      expect(await detectDocumentType(Buffer.from(markup), 'text/plain'), markup).toMatchObject({
        ok: false,
      });
    }
    expect(await detectDocumentType(Buffer.from('<3 thanks for the help'), undefined)).toMatchObject({
      ok: true,
    });
    expect(await detectDocumentType(Buffer.from('hello'), 'text/html')).toMatchObject({ ok: false });
  });
});
