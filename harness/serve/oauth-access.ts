/**
 * An access token for an SP whose SCIM API takes OAuth instead of a pasted token (SF-01): the
 * IdP's consent, run in this process against the SP's own OAuth endpoints with the SP admin's
 * sign-in, as the IdP's connector runs it. The token is shown on the dashboard only.
 * @see SF-01; RFC 6749 §4.1
 */
import { dispatchFetch, type CoreHandler } from '#harness/http';
import { oauthClientFor, oauthConsent, type CatalogEntry } from '#harness/idp';
import type { MockSp } from '#mock-sps';

/** How long the SP keeps an access token, when it does not say (SF-01: the session timeout). */
const ASSUMED_LIFETIME_MS = 2 * 60 * 60 * 1000;

/** The SP admin's sign-in its OAuth login page takes, when the SP's admin controls name one. */
function adminSignIn(sp: MockSp): { username: string; password: string } | undefined {
  const signIn = (sp.admin as { signIn?: unknown } | undefined)?.signIn;
  if (typeof signIn !== 'object' || signIn === null) return undefined;
  const { username, password } = signIn as Record<string, unknown>;
  return typeof username === 'string' && typeof password === 'string' ? { username, password } : undefined;
}

/**
 * Runs the OAuth consent of `entry`'s client against `sp`, answered by `handle` (the SP with its
 * path prefix already taken off), and returns the access token.
 */
export async function mintAccessToken(
  entry: CatalogEntry,
  sp: MockSp,
  handle: CoreHandler,
): Promise<{ token: string; expiresAt: string }> {
  const admin = adminSignIn(sp);
  const baseUrl = sp.scimBaseUrl;
  if (!admin || baseUrl === undefined)
    throw new TypeError(`${sp.profile.name} names no admin sign-in for its OAuth consent`);
  const origin = new URL(baseUrl).origin;
  const prefix = new URL(sp.origin).pathname.replace(/\/+$/, '');
  // The consent's browser reaches the SP's OAuth endpoints on its origin, in this process.
  const fetch = dispatchFetch([
    {
      origin,
      handle: (request) => {
        const url = new URL(request.url);
        const path = url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
        return handle({ ...request, url: `${path}${url.search}` });
      },
    },
  ]);
  const grant = await oauthConsent({ settings: oauthClientFor(entry), baseUrl, admin, fetch });
  return {
    token: await grant.current(),
    expiresAt: new Date(Date.now() + ASSUMED_LIFETIME_MS).toISOString(),
  };
}
