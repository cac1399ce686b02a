// Serve mode: the reference IdP and the mock SPs over real HTTP for manual work, with a dashboard.

// Starting and stopping
export { startServe } from './serve.js';
export type { RunningServe, ServedSp } from './serve.js';
export { ServeError } from './errors.js';
export type { ServeErrorCode } from './errors.js';

// Options
export { DEFAULT_SERVE_PORT, EXTERNAL_SP_SLUG, SERVE_LAYOUTS } from './options.js';
export type { ServeLayout, ServeOptions } from './options.js';
export type { DemoUser } from './idp-side.js';

// The dashboard's API, for clients that drive it
export { CSRF_HEADER } from './dashboard.js';
export type { DashboardState } from './dashboard.js';
