import { type FileHandle, open } from 'node:fs/promises';

// Opening an input file for a bulk command (import, assess): a missing, unreadable or non-regular
// file is a clear one-line message and exit code 66, never a stack trace.

export const EX_NOINPUT = 66;

/** Opens a regular file for reading, or prints why it cannot and returns null. */
export async function openInputFile(file: string): Promise<FileHandle | null> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
    if (!(await handle.stat()).isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
    return handle;
  } catch (error) {
    await handle?.close();
    console.error(`cannot read ${file}: ${describeFileError(error)}`);
    return null;
  }
}

export function describeFileError(error: unknown): string {
  switch ((error as { code?: string })?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
    case 'ENOTFILE':
      return 'not a regular file';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
