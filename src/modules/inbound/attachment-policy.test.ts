import { describe, expect, it } from 'vitest';
import { judgeAttachment, MAX_ATTACHMENT_BYTES } from './attachment-policy.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, ...new Uint8Array(120)]);
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, ...new Uint8Array(40)]);
const TEXT = new TextEncoder().encode('Kvitto: 1 234,50 kr\n');

describe('judgeAttachment', () => {
  it('keeps a PDF, whatever type the mail client declared', async () => {
    const verdict = await judgeAttachment({
      filename: 'kvitto.pdf',
      contentType: 'application/octet-stream',
      content: PDF,
    });
    expect(verdict).toMatchObject({ ok: true, filename: 'kvitto.pdf', mediaType: 'application/pdf' });
  });

  it('names a nameless attachment by its detected type', async () => {
    expect(await judgeAttachment({ filename: null, contentType: null, content: TEXT })).toMatchObject({
      ok: true,
      filename: 'attachment.txt',
      mediaType: 'text/plain',
    });
  });

  it.each([
    ['an .exe renamed .pdf', 'invoice.pdf', 'application/pdf', EXE, 'type_not_allowed'],
    ['an .exe by name', 'setup.exe', 'application/octet-stream', PDF, 'dangerous_type'],
    ['a double extension', 'invoice.pdf.exe', 'application/pdf', PDF, 'dangerous_type'],
    ['a script', 'run.ps1', 'text/plain', TEXT, 'dangerous_type'],
    ['an archive by name', 'docs.zip', 'application/zip', ZIP, 'archive'],
    ['an archive by content', 'docs.pdf', 'application/pdf', ZIP, 'archive'],
    ['HTML by type', 'page.txt', 'text/html; charset=utf-8', TEXT, 'html'],
    ['HTML by name', 'page.htm', 'text/plain', TEXT, 'html'],
    [
      'HTML by content',
      'note.txt',
      'text/plain',
      new TextEncoder().encode('<html><script>x</script>'),
      'type_not_allowed',
    ],
    ['an empty file', 'empty.pdf', 'application/pdf', new Uint8Array(0), 'empty'],
  ])('refuses %s and says why', async (_what, filename, contentType, content, reason) => {
    const verdict = await judgeAttachment({ filename, contentType, content });
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.rejected).toMatchObject({ filename, contentType, sizeBytes: content.byteLength, reason });
    expect(verdict.rejected.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(verdict.rejected.message.length).toBeGreaterThan(10);
  });

  it('refuses anything over 10 MiB before looking at it', async () => {
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PDF);
    const verdict = await judgeAttachment({
      filename: 'scan.pdf',
      contentType: 'application/pdf',
      content: big,
    });
    expect(verdict).toMatchObject({
      ok: false,
      rejected: { reason: 'too_large', sizeBytes: MAX_ATTACHMENT_BYTES + 1 },
    });
  });
});
