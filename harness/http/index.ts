// Framework-neutral HTTP: requests and responses as plain data, in-process dispatch by origin,
// loopback servers, the Node/express bridge, and a scripted browser for SAML flows.

// Requests and responses
export { DEFAULT_BODY_LIMIT, jsonResponse } from './core.js';
export type { CoreRequest, CoreResponse } from './core.js';

// Dispatch and serving
export { dispatchFetch } from './in-process.js';
export type { OriginHandler } from './in-process.js';
export { serveHandler } from './serve.js';
export type { ServedHandler } from './serve.js';
export { answerClientErrors, coreRequest, expressFor, nodeListener, readBody } from './node-adapter.js';
export type { ClientErrorBody, CoreHandler } from './node-adapter.js';

// A scripted browser (cookies per host, redirects, SAML auto-submit forms)
export { Browser, decodeEntities, formsOf } from './browser.js';
export type { BrowserPage, PageForm } from './browser.js';
export {
  KEPT_TEXT_CHARS,
  REFUSED_SUMMARIES,
  clip,
  clipOptional,
  countRefused,
  keepLatest,
} from './bounded.js';
export type { RefusedCount } from './bounded.js';
