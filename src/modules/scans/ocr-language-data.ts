import { access, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

// Where the OCR's language data comes from, found on this machine and never downloaded: English
// ships as an npm package (@tesseract.js-data/eng, gzipped), Swedish and Italian come from Debian's
// tesseract-ocr-swe / tesseract-ocr-ita (plain .traineddata under /usr/share/tesseract-ocr/<version>/
// tessdata). A language whose file is missing is reported, never silently skipped: letters in it
// are still read with the others, but worse (no å/ä/ö, no Italian dictionary), and people are told.

export const OCR_LANGUAGES = ['swe', 'ita', 'eng'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

export type OcrLanguageFile = {
  code: OcrLanguage;
  /** Absolute path of the .traineddata(.gz) file. */
  file: string;
  gzip: boolean;
  source: 'npm' | 'debian' | 'configured';
};

export type MissingOcrLanguage = { code: OcrLanguage; lookedIn: string[]; install: string };

export type OcrLanguageData = { available: OcrLanguageFile[]; missing: MissingOcrLanguage[] };

export type OcrDataOptions = {
  /** A directory to take a language's data from instead of the defaults (tests, other installs). */
  dirs?: Partial<Record<OcrLanguage, string>>;
  /** Where Debian's tesseract-ocr-* packages put their data (default /usr/share/tesseract-ocr). */
  debianRoot?: string;
};

const DEBIAN_ROOT = '/usr/share/tesseract-ocr';
const INSTALL_HINT: Record<OcrLanguage, string> = {
  swe: 'apt-get install tesseract-ocr-swe',
  ita: 'apt-get install tesseract-ocr-ita',
  eng: 'npm install @tesseract.js-data/eng',
};

/** The npm package's English data, where the package itself says it is (its index.js). */
function npmEnglishFile(): string | null {
  try {
    const pkg = createRequire(import.meta.url)('@tesseract.js-data/eng') as {
      langPath: string;
      gzip: boolean;
    };
    return path.join(pkg.langPath, `eng.traineddata${pkg.gzip ? '.gz' : ''}`);
  } catch {
    return null;
  }
}

/** Debian's tessdata directories, newest tesseract version first (…/5/tessdata, …/4.00/tessdata). */
async function debianTessdataDirs(root: string): Promise<string[]> {
  let versions: string[];
  try {
    versions = await readdir(root);
  } catch {
    return [];
  }
  return versions
    .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
    .map((v) => path.join(root, v, 'tessdata'));
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Finds each language's data file; cheap (a few stat calls), so it may run on every upload. */
export async function findOcrLanguageData(opts: OcrDataOptions = {}): Promise<OcrLanguageData> {
  const available: OcrLanguageFile[] = [];
  const missing: MissingOcrLanguage[] = [];
  const debianDirs = await debianTessdataDirs(opts.debianRoot ?? DEBIAN_ROOT);
  for (const code of OCR_LANGUAGES) {
    const candidates: Omit<OcrLanguageFile, 'code'>[] = [];
    const configured = opts.dirs?.[code];
    if (configured !== undefined) {
      const dir = path.resolve(configured);
      candidates.push(
        { file: path.join(dir, `${code}.traineddata`), gzip: false, source: 'configured' },
        { file: path.join(dir, `${code}.traineddata.gz`), gzip: true, source: 'configured' },
      );
    } else {
      if (code === 'eng') {
        const npm = npmEnglishFile();
        if (npm) candidates.push({ file: npm, gzip: true, source: 'npm' });
      }
      for (const dir of debianDirs) {
        candidates.push({ file: path.join(dir, `${code}.traineddata`), gzip: false, source: 'debian' });
      }
    }
    let found: OcrLanguageFile | null = null;
    for (const c of candidates) {
      if (await exists(c.file)) {
        found = { code, ...c };
        break;
      }
    }
    if (found) available.push(found);
    else {
      const lookedIn = [...new Set(candidates.map((c) => path.dirname(c.file)))];
      missing.push({ code, lookedIn, install: INSTALL_HINT[code] });
    }
  }
  return { available, missing };
}
