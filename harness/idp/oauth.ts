/**
 * The IdP side of an OAuth consent (SF-01): the admin signs in at the app's login and allows
 * the IdP's connected app; the IdP trades the code for an access token and a refresh token.
 * The grant it keeps is a TokenSource whose refresh() uses the refresh-token grant.
 * @see RFC 6749 §4.1 (authorization code), §6 (refresh)
 */
import { randomBytes } from 'node:crypto';
import type { HttpExchange } from '#harness/evidence';
import { Browser, formsOf, type BrowserPage } from '#harness/http';
import type { FetchLike } from '#harness/scim';
import type { CatalogEntry } from './catalog-entry.js';
import { OAuthError } from './errors.js';
import { applyIdpFaults, resolveIdpFaults, type IdpFault, type IdpFaultRecord } from './faults/index.js';
import { OAuthGrant, tokenRequest } from './oauth-grant.js';

export { OAuthError };

/** How the IdP's connector runs the consent with one app: its client and where the org signs in. */
export interface OAuthClientSettings {
  /** The IdP's client id at the app (its connected app). */
  clientId: string;
  /** The IdP's callback, where the app sends the admin back with a code. */
  redirectUri: string;
  scope: string;
  /** Paths of the authorization and token endpoints on the login origin. */
  authorizePath: string;
  tokenPath: string;
  /** Names of the sign-in form's fields. */
  signInFields: { username: string; password: string };
  /** The consent page's choice: a form whose `field` holds `allow` or `deny`. */
  consent: { field: string; allow: string; deny: string };
  /** The login this connector uses (SF-01: the Sandbox connector signs in at the Sandbox's). */
  environment: string;
  /** The login host of each environment; `{name}` is a named group of `hostPattern` in the org's host. */
  loginHosts: Readonly<Record<string, string>>;
  /** Reads the org's host from the base URL; a host it does not match (a loopback server) is its own login. */
  hostPattern: RegExp;
}

export interface OAuthConsentOptions {
  settings: OAuthClientSettings;
  /** The SCIM base URL of the org being connected. */
  baseUrl: string;
  /** The app admin's sign-in. */
  admin: { username: string; password: string };
  /** What the admin clicks on the consent page. @default 'allow' */
  decision?: 'allow' | 'deny';
  fetch: FetchLike;
  /** Receives every exchange of the consent and of later refreshes. */
  record?: (exchange: HttpExchange) => void;
  /** IdP faults (ids or records); those that wrap the OAuth steps apply. @default none */
  faults?: Iterable<IdpFault | IdpFaultRecord>;
  /** The `state` sent and expected back. @default a random value */
  state?: string;
}

/** The catalogue's OAuth client for an entry whose `scimAuth` is 'oauth'; TypeError when it has none. */
export function oauthClientFor(entry: CatalogEntry): OAuthClientSettings {
  if (!entry.oauth)
    throw new TypeError(`The catalogue entry '${entry.id}' has no OAuth client; give it one in \`oauth\``);
  return entry.oauth;
}

/** The origin the admin signs in at, for an org at `baseUrl` and a connector of `environment`. */
export function loginOrigin(settings: OAuthClientSettings, baseUrl: string, environment: string): string {
  const url = new URL(baseUrl);
  const match = settings.hostPattern.exec(url.hostname);
  if (!match) return url.origin;
  const template = settings.loginHosts[environment];
  if (template === undefined) throw new TypeError(`No login host for the '${environment}' environment`);
  const host = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = match.groups?.[name];
    if (value === undefined) {
      throw new OAuthError(
        `The ${environment} connector signs in at ${template}, but ${url.hostname} has no ${name}: it is not a ${environment} org. Use the connector of the org's environment (SF-01)`,
      );
    }
    return value;
  });
  return `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`;
}
/**
 * Runs the consent: opens the authorization URL, signs the admin in, clicks Allow (or Deny),
 * receives the code on the IdP's callback and trades it for tokens. Rejects with an OAuthError
 * when sign-in fails, the admin denies, or the app refuses the code.
 */
export async function oauthConsent(options: OAuthConsentOptions): Promise<OAuthGrant> {
  const { settings, admin } = options;
  const { steps } = applyIdpFaults(resolveIdpFaults(options.faults));
  const login = loginOrigin(settings, options.baseUrl, steps.loginEnvironment(settings));
  const state = options.state ?? randomBytes(12).toString('base64url');
  let callback: URL | undefined;
  // The IdP's own callback page answers here: the admin's browser lands on it with the code.
  const fetch: FetchLike = async (input, init) => {
    if (!input.startsWith(settings.redirectUri)) return options.fetch(input, init);
    callback = new URL(input);
    return new Response('<p>Authorised; you can close this window.</p>', {
      status: 200,
      headers: { 'content-type': 'text/html' },
    });
  };
  const browser = new Browser(fetch, options.record);
  const authorize = new URL(settings.authorizePath, login);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: settings.scope,
    state,
  }).toString();
  let page = await open(() => browser.get(authorize.href), login);
  const signIn = formsOf(page.body, page.url).findIndex(
    (form) => settings.signInFields.password in form.fields,
  );
  if (signIn >= 0) {
    const { username, password } = settings.signInFields;
    page = await open(
      () => browser.submit(page, { [username]: admin.username, [password]: admin.password }, signIn),
      login,
    );
  }
  if (callback === undefined) {
    const wanted = settings.consent[options.decision ?? 'allow'];
    const choice = formsOf(page.body, page.url).findIndex(
      (form) => form.fields[settings.consent.field] === wanted,
    );
    if (choice < 0) {
      throw new OAuthError(
        `Signing in to ${login} as ${admin.username} did not reach the consent page (${page.status}: ${textOf(page)}); check the admin's username and password and that the org is the connector's environment`,
      );
    }
    page = await open(() => browser.submit(page, {}, choice), login);
  }
  const answered = callback as URL | undefined;
  if (answered === undefined)
    throw new OAuthError(
      `${login} never sent the admin back to ${settings.redirectUri} (${page.status}: ${textOf(page)})`,
    );
  const params = answered.searchParams;
  if (params.get('state') !== state)
    throw new OAuthError(`The callback's state does not match the one sent; the consent was not this IdP's`);
  const error = params.get('error');
  if (error !== null) {
    throw new OAuthError(
      `${login} answered ${error}${params.get('error_description') ? ` (${params.get('error_description')})` : ''}: no access was granted, so the integration stays inactive; allow access to activate it`,
    );
  }
  const code = params.get('code');
  if (code === null) throw new OAuthError(`The callback from ${login} carried neither a code nor an error`);
  const tokens = await tokenRequest(options.fetch, new URL(settings.tokenPath, login).href, options.record, {
    grant_type: 'authorization_code',
    code,
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
  });
  if (tokens.refresh_token === undefined)
    throw new OAuthError(`${login} issued no refresh token; the scope must include refresh_token`);
  return new OAuthGrant(
    {
      settings,
      login,
      admin: admin.username,
      fetch: options.fetch,
      ...(options.record ? { record: options.record } : {}),
      steps,
    },
    tokens.access_token,
    tokens.refresh_token,
    tokens.instance_url,
  );
}

/** Follows a step of the consent; a network failure becomes an OAuthError naming the login. */
async function open(step: () => Promise<BrowserPage>, login: string): Promise<BrowserPage> {
  try {
    return await step();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new OAuthError(
      `The consent could not reach ${login} (${error instanceof Error ? error.message : String(error)}${cause}); check the org's URL and the connector's environment`,
    );
  }
}

function textOf(page: BrowserPage): string {
  const text = page.body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
