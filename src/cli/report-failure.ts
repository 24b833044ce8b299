import { AppError } from '../lib/errors.ts';
import { ConfigError } from '../server/config.ts';

/** Prints a clear message (never a stack trace for expected failures) and returns the exit code. */
export function reportFailure(error: unknown): number {
  if (error instanceof ConfigError) {
    console.error(error.message);
    return 78; // EX_CONFIG
  }
  if (error instanceof AppError) {
    console.error(`error [${error.code}]: ${error.message}`);
    for (const e of error.errors) console.error(`  ${e.path.join('.') || '(input)'}: ${e.message}`);
    return 65; // EX_DATAERR
  }
  // A bug, not bad input: the operator gets the message; the stack only on request.
  console.error(`unexpected error: ${(error as Error)?.message ?? String(error)}`);
  if (process.env.DEBUG) console.error((error as Error)?.stack);
  else console.error('(set DEBUG=1 to print the stack trace)');
  return 70; // EX_SOFTWARE
}
