/**
 * The serve mode's errors: few and coded, each message naming what went wrong and the fix.
 */

/** Why the servers could not start. */
export type ServeErrorCode = 'SERVE_PORT_IN_USE' | 'SERVE_LISTEN' | 'SERVE_OPTION';

/** The servers could not start as asked; `message` is one line saying what to change. */
export class ServeError extends Error {
  constructor(
    readonly code: ServeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServeError';
  }
}
