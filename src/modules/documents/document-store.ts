import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

// Where document bytes live (decision 0009). Files are content-addressed: the key is derived from
// the SHA-256 of the bytes, so a key names exactly one content, a second put of the same bytes is a
// no-op, and a file written by a transaction that then rolled back is harmless (no row points at
// it; the next upload of the same bytes reuses it). An S3-compatible store implements the same
// three calls.

export interface DocumentStore {
  /** Stores the bytes under the key; idempotent (the same key always holds the same bytes). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under the key; throws if there are none. */
  get(key: string): Promise<Uint8Array>;
  has(key: string): Promise<boolean>;
  /**
   * Removes the file under the key; false if there was none. Only the retention sweep calls it,
   * once no row references the key, holding the key's lock (documentFileLock) so that no upload
   * of the same bytes can be between its put and its commit.
   */
  remove(key: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** `ab/cd/<sha256>`: two directory levels keep any one directory small. */
const KEY = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** The store key of some bytes' SHA-256 (hex). */
export function storageKeyOf(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error('storageKeyOf: not a lowercase hex SHA-256');
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** The SHA-256 a well-formed key names; throws for anything else (a key is never a path). */
export function sha256OfKey(key: string): string {
  const m = KEY.exec(key);
  if (!m || m[1] !== m[3]?.slice(0, 2) || m[2] !== m[3]?.slice(2, 4)) {
    throw new Error('Not a document store key');
  }
  return m[3] as string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Files under one directory. A key is checked against its strict shape before it touches the file
 * system, so no key from a row, a request or a message can name a path outside `dir`. Writes go to
 * a temp file in the target directory, are fsynced, then renamed into place: a reader sees either
 * no file or the whole file, even after a crash.
 */
export class LocalDiskStore implements DocumentStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  private pathOf(key: string): string {
    sha256OfKey(key);
    return path.join(this.dir, ...key.split('/'));
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    if (sha256Hex(bytes) !== sha256OfKey(key)) {
      throw new Error('LocalDiskStore.put: the bytes do not match their key');
    }
    // Content-addressed: a file already there holds these very bytes (it was renamed in whole).
    if (await this.has(key)) return;
    const folder = path.dirname(target);
    await mkdir(folder, { recursive: true });
    const temp = path.join(folder, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    const file = await open(temp, 'wx', 0o640);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    // Two writers of the same bytes race harmlessly: rename replaces a file with identical content.
    await rename(temp, target);
    await syncDirectory(folder);
  }

  async remove(key: string): Promise<boolean> {
    const target = this.pathOf(key);
    if (!(await this.has(key))) return false;
    await rm(target, { force: true });
    await syncDirectory(path.dirname(target));
    return true;
  }

  async get(key: string): Promise<Uint8Array> {
    const bytes = await readFile(this.pathOf(key));
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

/** Makes the rename durable; some platforms (Windows) cannot open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the file itself is already synced.
  } finally {
    await handle?.close();
  }
}

let current: DocumentStore | undefined;

/** Sets the process's store from the configuration (server and CLI start-up). */
export function configureDocumentStore(config: { documentsDir: string }): DocumentStore {
  current = new LocalDiskStore(config.documentsDir);
  return current;
}

/** Plugs in another implementation (e.g. an S3-compatible store). */
export function setDocumentStore(store: DocumentStore): void {
  current = store;
}

/**
 * The process's store. Unconfigured (tests, scripts), a per-process temp directory, so no test
 * writes into a real documents directory.
 */
export function documentStore(): DocumentStore {
  current ??= new LocalDiskStore(path.join(os.tmpdir(), `claimdesk-documents-${process.pid}`));
  return current;
}
