/** An IdP action that cannot be done as asked; the message says why and what to do. */
export class IdpError extends Error {
  readonly code = 'IDP_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'IdpError';
  }
}
