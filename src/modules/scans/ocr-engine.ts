import { rmSync } from 'node:fs';
import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Worker as ThreadWorker } from 'node:worker_threads';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import {
  findOcrLanguageData,
  type MissingOcrLanguage,
  type OcrDataOptions,
  type OcrLanguage,
  type OcrLanguageFile,
} from './ocr-language-data.ts';

// Tesseract (tesseract.js: the C++ engine compiled to WebAssembly, in a worker thread). Starting a
// worker and loading three languages' data takes seconds and ~200 MB, so a process keeps ONE and
// reuses it for every scan (the worker reads one image at a time; calls queue).
//
// Nothing is downloaded. tesseract.js fetches language data from a CDN unless `langPath` is set,
// and takes every language from that one directory. Our languages live in two places (npm's
// gzipped English, Debian's plain Swedish and Italian), so each engine gets a directory of its own
// with a link per language to its installed file (`<code>.traineddata`; tesseract.js recognises
// gzip by its magic bytes, so gzip: false works for both), and caching off so it writes nothing.
// The core and the worker script are files in node_modules (in Node it never fetches them).

export type OcrPageResult = { text: string; confidence: number };

export type OcrEngine = {
  /** Languages loaded, in tesseract's order (the first is the primary model). */
  readonly languages: OcrLanguage[];
  /** Languages asked for whose data is not installed. */
  readonly missing: MissingOcrLanguage[];
  /** The paths tesseract.js was given (all local): what the no-download test checks. */
  readonly paths: { corePath: string; workerPath: string; langPath: string };
  recognise(image: Uint8Array): Promise<OcrPageResult>;
  terminate(): Promise<void>;
};

/** A page that takes longer than this is not going to finish: the worker is presumed stuck. */
const RECOGNISE_TIMEOUT_MS = 120_000;

const require = createRequire(import.meta.url);

/** tesseract.js's own files, in node_modules: never the CDN defaults. */
export function tesseractLocalPaths(): { corePath: string; workerPath: string } {
  const tesseractDir = path.dirname(require.resolve('tesseract.js/package.json'));
  return {
    // In Node, tesseract.js requires the core build that fits the CPU (SIMD or not) from here.
    corePath: path.dirname(require.resolve('tesseract.js-core/package.json')),
    workerPath: path.join(tesseractDir, 'src', 'worker-script', 'node', 'index.js'),
  };
}

/** One directory with `<code>.traineddata` for each language, linked to the installed files. */
async function stageLanguageData(files: readonly OcrLanguageFile[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'claimdesk-tessdata-'));
  for (const f of files) {
    const link = path.join(dir, `${f.code}.traineddata`);
    try {
      await symlink(f.file, link);
    } catch {
      await copyFile(f.file, link); // a file system without symlinks
    }
  }
  return dir;
}

export async function createOcrEngine(
  opts: OcrDataOptions & { onRetired?: () => void } = {},
): Promise<OcrEngine> {
  const data = await findOcrLanguageData(opts);
  if (data.available.length === 0) {
    throw new Error(
      `No OCR language data is installed (looked for ${data.missing.map((m) => m.code).join(', ')}): ` +
        data.missing.map((m) => m.install).join('; '),
    );
  }
  const languages = data.available.map((l) => l.code);
  const { corePath, workerPath } = tesseractLocalPaths();
  const langPath = await stageLanguageData(data.available);
  // The links are tiny, but one directory per process start would pile up in /tmp.
  const removeLinks = () => rmSync(langPath, { recursive: true, force: true });
  process.once('exit', removeLinks);
  let worker: Worker;
  try {
    worker = await createWorker(languages, OEM.LSTM_ONLY, {
      corePath,
      workerPath,
      langPath,
      gzip: false,
      cacheMethod: 'none',
      logger: () => undefined,
      // Without a handler tesseract.js throws a job's error in its message listener, where nobody
      // can catch it; with one, the job's promise rejects and the OCR job is retried.
      errorHandler: () => undefined,
    });
  } catch (error) {
    process.off('exit', removeLinks);
    await rm(langPath, { recursive: true, force: true });
    throw new Error(`The OCR engine did not start: ${String(error)}`);
  }
  // The worker thread must not keep a process alive that has nothing else to do (`claimdesk worker
  // --once`); it is held while it reads a page, so a read in progress is never cut short.
  const thread = (worker as unknown as { worker?: ThreadWorker }).worker;
  thread?.unref();

  let retired = false;
  let busy: Promise<unknown> = Promise.resolve();
  const stop = async () => {
    retired = true;
    await worker.terminate().catch(() => undefined);
    process.off('exit', removeLinks);
    await rm(langPath, { recursive: true, force: true });
  };
  // After an error or a stuck page the worker's state is unknown (a WebAssembly abort leaves it
  // unusable): it is stopped, and the next scan starts a fresh one.
  const retire = () => {
    if (retired) return;
    opts.onRetired?.();
    void stop();
  };

  async function recognise(image: Uint8Array): Promise<OcrPageResult> {
    if (retired) throw new Error('The OCR engine was stopped; the job will run again with a new one.');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`OCR took longer than ${RECOGNISE_TIMEOUT_MS / 1000} s for one page`)),
        RECOGNISE_TIMEOUT_MS,
      );
    });
    thread?.ref();
    const run = worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
    busy = run.catch(() => undefined);
    try {
      const { data: result } = await Promise.race([run, timeout]);
      return { text: result.text ?? '', confidence: Number(result.confidence ?? 0) };
    } catch (error) {
      retire();
      throw error instanceof Error ? error : new Error(`OCR failed: ${String(error)}`);
    } finally {
      clearTimeout(timer);
      thread?.unref();
    }
  }

  return {
    languages,
    missing: data.missing,
    paths: { corePath, workerPath, langPath },
    recognise,
    async terminate() {
      // Let a page in progress finish (its job is about to commit), then stop.
      await busy;
      if (!retired) await stop();
    },
  };
}

let shared: Promise<OcrEngine> | undefined;

/**
 * The process's engine, started on first use with the installed languages. A start that failed,
 * or an engine retired after an error, is forgotten, so the next job starts a new one (the queue
 * retries the job that met the error).
 */
export function sharedOcrEngine(): Promise<OcrEngine> {
  if (!shared) {
    let starting: Promise<OcrEngine> | undefined;
    const forget = () => {
      if (shared === starting) shared = undefined;
    };
    starting = createOcrEngine({ onRetired: forget });
    shared = starting;
    starting.catch(forget);
  }
  return shared;
}

/** Stops the process's engine (server shutdown, tests); a later scan starts a new one. */
export async function closeSharedOcrEngine(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (!current) return;
  try {
    await (await current).terminate();
  } catch {
    // It never started: nothing to stop.
  }
}
