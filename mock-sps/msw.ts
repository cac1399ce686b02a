// sso-harness/msw: msw 2 request handlers that answer for a mock SP, for test authors who intercept
// fetch in their own suites. msw is an optional peer dependency: install it to use this entry.

export { mswHandlers } from './adapters/msw.js';
