// The text of a PDF, page after page, read with the same pdf.js the scans module renders with: one
// pdf.js per test process (integration files share a process, and two pdf.js builds in one
// process trip over each other's global worker).

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      // Runs as pdf.js gives them, a line break where it marks the end of a line.
      pages.push(
        content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''),
      );
      page.cleanup();
    }
    return pages.join('\n');
  } finally {
    await document.destroy();
  }
}
