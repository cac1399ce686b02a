/** An IdP action that cannot be done as asked; the message says why and what to do. */
export class IdpError extends Error {
  readonly code = 'IDP_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'IdpError';
  }
}

/** The consent could not give the IdP a grant; the message says why and what to do. */
export class OAuthError extends Error {
  readonly code = 'IDP_OAUTH';
  constructor(message: string) {
    super(message);
    this.name = 'OAuthError';
  }
}
