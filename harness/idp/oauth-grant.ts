/**
 * The grant an OAuth consent leaves the IdP (SF-01): the current access token, renewed with
 * the refresh-token grant after a 401, and the token endpoint's form POST both use.
 * @see RFC 6749 §4.1.3 (access token request), §6 (refresh)
 */
import type { HttpExchange } from '#harness/evidence';
import type { FetchLike } from '#harness/scim';
import { OAuthError } from './errors.js';
import type { OAuthClientSettings } from './oauth.js';
import type { TokenSource } from './token-source.js';

/** The OAuth side's steps a fault can replace (decision 0012). */
export interface OAuthSteps {
  /** SF-01: the environment whose login the consent runs at: the connector's own. */
  loginEnvironment(settings: OAuthClientSettings): string;
  /** RFC 6749 §6: a new access token after a 401; `renew` runs the refresh-token grant. */
  refreshAccessToken(renew: () => Promise<string>): Promise<string>;
}

/** The strict OAuth steps. */
export const OAUTH_STEPS: OAuthSteps = {
  loginEnvironment: (settings) => settings.environment,
  refreshAccessToken: (renew) => renew(),
};

/** What a grant needs to renew its access token. */
export interface OAuthGrantOptions {
  settings: Pick<OAuthClientSettings, 'clientId' | 'tokenPath'>;
  /** The origin the admin signed in at, whose token endpoint renews the grant. */
  login: string;
  /** The admin who gave the consent (for the grant's description). */
  admin: string;
  fetch: FetchLike;
  /** Receives every refresh's exchange. */
  record?: (exchange: HttpExchange) => void;
  /** @default OAUTH_STEPS */
  steps?: OAuthSteps;
}

/** What a token endpoint answered. */
export interface TokenAnswer {
  access_token: string;
  refresh_token?: string;
  instance_url?: string;
}

/** An OAuth grant the IdP holds: the current access token, renewed with the refresh token after a 401. */
export class OAuthGrant implements TokenSource {
  readonly description: string;
  readonly refreshable = true;
  /** The org's instance URL, as the token endpoint named it. */
  readonly instanceUrl: string | undefined;
  /** How many times the access token was renewed. */
  refreshes = 0;
  #access: string;
  readonly #refreshToken: string;
  #pending: Promise<string> | undefined;

  constructor(
    private readonly options: OAuthGrantOptions,
    access: string,
    refreshToken: string,
    instanceUrl: string | undefined,
  ) {
    this.description = `an OAuth grant from ${options.admin} at ${options.login}`;
    this.#access = access;
    this.#refreshToken = refreshToken;
    this.instanceUrl = instanceUrl;
  }

  current(): Promise<string> {
    return Promise.resolve(this.#access);
  }

  /** RFC 6749 §6: a new access token from the refresh token; concurrent callers share one request. */
  refresh(): Promise<string> {
    const { steps = OAUTH_STEPS } = this.options;
    this.#pending ??= steps
      .refreshAccessToken(() => this.#renew())
      .finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  async #renew(): Promise<string> {
    const { settings, login } = this.options;
    const tokens = await tokenRequest(
      this.options.fetch,
      new URL(settings.tokenPath, login).href,
      this.options.record,
      { grant_type: 'refresh_token', refresh_token: this.#refreshToken, client_id: settings.clientId },
    );
    this.#access = tokens.access_token;
    this.refreshes++;
    return this.#access;
  }
}

const SECRET_FIELDS = ['code', 'refresh_token', 'access_token'];

/** Posts a form to a token endpoint and reads its JSON; the recorded exchange hides the secrets. */
export async function tokenRequest(
  fetch: FetchLike,
  url: string,
  record: ((exchange: HttpExchange) => void) | undefined,
  fields: Record<string, string>,
): Promise<TokenAnswer> {
  const body = new URLSearchParams(fields).toString();
  const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  const started = performance.now();
  const masked = new URLSearchParams(fields);
  for (const key of SECRET_FIELDS) if (masked.has(key)) masked.set(key, '***');
  const request = { method: 'POST', url, headers, body: masked.toString() };
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body });
  } catch (error) {
    record?.({ request, error: String(error), durationMs: performance.now() - started });
    throw new OAuthError(`The token endpoint ${url} could not be reached: ${String(error)}`);
  }
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Reported below as an answer without an access token.
  }
  const shown = Object.fromEntries(
    Object.entries(json).map(([key, value]) => [key, SECRET_FIELDS.includes(key) ? '***' : value]),
  );
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, key) => (responseHeaders[key] = value));
  record?.({
    request,
    response: { status: response.status, headers: responseHeaders, body: JSON.stringify(shown) },
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  });
  if (response.status !== 200 || typeof json.access_token !== 'string') {
    const reason =
      typeof json.error === 'string' ? `${json.error}: ${String(json.error_description ?? '')}` : text;
    throw new OAuthError(
      `The token endpoint ${url} answered ${response.status} (${reason}) to a ${fields.grant_type} grant`,
    );
  }
  return {
    access_token: json.access_token,
    ...(typeof json.refresh_token === 'string' ? { refresh_token: json.refresh_token } : {}),
    ...(typeof json.instance_url === 'string' ? { instance_url: json.instance_url } : {}),
  };
}
