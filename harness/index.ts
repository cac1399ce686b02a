// The engine's public surface for the other domains (mock-sps, scenarios).

// Requirement catalogue
export * from './requirements/index.js';

// Fault records
export * from './faults/index.js';

// SCIM primitives
export * from './scim/index.js';

// SAML primitives and messages
export * from './saml/index.js';

// Reference IdP
export * from './idp/index.js';

// Scenario runner
export * from './runner/index.js';

// Framework-neutral HTTP
export { DEFAULT_BODY_LIMIT, jsonResponse } from './http/core.js';
export type { CoreRequest, CoreResponse } from './http/core.js';
export { dispatchFetch } from './http/in-process.js';
export { serveHandler } from './http/serve.js';
export { coreRequest, expressFor, readBody } from './http/node-adapter.js';
export type { CoreHandler } from './http/node-adapter.js';
export type { ServedHandler } from './http/serve.js';
export type { OriginHandler } from './http/in-process.js';
export { Browser, formsOf } from './http/browser.js';
export type { BrowserPage, PageForm } from './http/browser.js';
