/**
 * The load mode's errors: few and coded, each message one line naming what went wrong and the fix.
 */

/** Why the load could not run (or finish) against the server. */
export type LoadErrorCode =
  'LOAD_OPTION' | 'LOAD_UNREACHABLE' | 'LOAD_TOKEN' | 'LOAD_NOT_SCIM' | 'LOAD_SETUP';

/** The load could not run as asked; `message` says what to change. */
export class LoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}
