/**
 * One clear line on stderr and a non-zero exit for every failure: the user's
 * mistakes (KgError: bad file, missing id) exit 1 with the message as is;
 * anything unexpected exits 2 with its message (the stack only with KG_DEBUG=1).
 */
import { KgError } from '../model/errors';

export function reportError(err: unknown): number {
  if (err instanceof KgError) {
    process.stderr.write(`kg: ${err.message}\n`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`kg: unexpected error: ${message.split('\n')[0]}\n`);
  if (process.env.KG_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return 2;
}

/** Wraps a commander action so a thrown error becomes one line and an exit code. */
export function action<Args extends unknown[]>(fn: (...args: Args) => Promise<void> | void): (...args: Args) => Promise<void> {
  return async (...args: Args) => {
    try {
      await fn(...args);
    } catch (err) {
      process.exitCode = reportError(err);
    }
  };
}
