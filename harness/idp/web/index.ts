// The reference IdP's web side: SSO URLs, metadata, login, user console.

export { expressIdp, startIdpWeb } from './express.js';
export type { RunningIdpWeb } from './express.js';
export { IdpWeb, SESSION_COOKIE, metadataFileName } from './idp-web.js';
export type { IdpAppUrls, IdpWebOptions } from './idp-web.js';
export { SsoLog } from './sso-log.js';
export type { SsoLogEntry, SsoRefusalReason } from './sso-log.js';
