/**
 * Where a mock SP serves its SAML pages, and their URLs on the SP's origin.
 */

/** The SP's SAML pages; the ACS path is the profile's. */
export const SAML_PATHS = {
  metadata: '/saml/metadata',
  login: '/saml/login',
  testLogin: '/saml/test-login',
  result: '/saml/result',
  signIn: '/saml/sign-in',
  logout: '/saml/logout',
  slo: '/saml/slo',
} as const;

/** The prefix every SAML page but the profile's ACS is under. */
export const SAML_PREFIX = '/saml/';

/**
 * The URL of `path` on the SP's origin, keeping a path the origin carries: an SP served below a
 * prefix (`http://host/sp/interact`) publishes its URLs under it, and is handed its requests with
 * the prefix taken off.
 */
export function under(origin: string, path: string): string {
  return new URL(`${origin.replace(/\/+$/, '')}${path}`).href;
}
