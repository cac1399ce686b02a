/**
 * Salesforce's OAuth 2.0 web-server flow on the org's My Domain, as the IdP's Identity
 * Management setup uses it (SF-01): the admin signs in, allows JumpCloud's connected app,
 * and the IdP trades the code for an access token that expires with the session timeout
 * and a refresh token. The SCIM API then accepts those access tokens.
 * @see RFC 6749 §4.1 (authorization code), §6 (refresh)
 */
import {
  cookiesOf,
  formFields,
  html,
  jsonResponse,
  page,
  sessionCookie,
  type CoreRequest,
  type CoreResponse,
  type QuirkEnv,
} from '#mock-sps';
import { randomBytes } from 'node:crypto';
import { ScimError } from '#harness/scim';
import type { SalesforceRules } from './rules.js';

/** The OAuth endpoints, on the org's own origin (its My Domain). */
export const OAUTH_PATHS = {
  authorize: '/services/oauth2/authorize',
  login: '/services/oauth2/login',
  consent: '/services/oauth2/authorize/consent',
  token: '/services/oauth2/token',
} as const;

/**
 * JumpCloud's connected app as the org knows it once installed (**assumed** client id and
 * callback: the guide shows neither). Only this client may ask for consent.
 */
export const JUMPCLOUD_CONNECTED_APP = {
  name: 'JumpCloud',
  clientId: '3MVG9JumpCloudIdentityManagement',
  callbackUrl: 'https://console.jumpcloud.com/oauth/salesforce/callback',
} as const;

/** SF-01 **assumed**: access tokens live as long as the org's session timeout, Salesforce's default 2 hours. */
export const SESSION_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** RFC 6749 §4.1.2: a short-lived code; Salesforce's lasts 15 minutes. */
const CODE_LIFETIME_MS = 15 * 60 * 1000;
const SESSION_COOKIE = 'sid';

/** Which org this is: production, or a Sandbox with its own login, users and sessions (SF-01). */
export interface OrgIdentity {
  environment: 'production' | 'sandbox';
  /** The 15-character org id that prefixes every access token the org issues. */
  orgId: string;
  /** The org id of the twin environment (production for a Sandbox and the other way round). */
  twinOrgId: string;
  /** The System Administrator who signs in on the consent page. */
  admin: { username: string; password: string };
}

/** A connected-app authorisation the org holds (Setup → Connected Apps OAuth Usage). */
export interface OAuthGrantRecord {
  id: string;
  clientId: string;
  username: string;
  approvedAt: string;
  /** Access tokens issued: one for the code, one per refresh. */
  accessTokens: number;
  refreshes: number;
}

/** One request to the OAuth endpoints, as the org's log keeps it. */
export interface OAuthLogEntry {
  at: string;
  endpoint: 'authorize' | 'login' | 'consent' | 'token';
  /** For the token endpoint: the grant type asked for. */
  grantType?: string;
  outcome: 'page' | 'signed-in' | 'allowed' | 'denied' | 'issued' | 'refused';
  detail?: string;
}

interface CodeRecord {
  grantId: string;
  redirectUri: string;
  expiresAt: number;
  used: boolean;
}

const newSecret = (): string => randomBytes(24).toString('base64url');

/** The org's OAuth server and the access-token check of its SCIM API. */
export class SalesforceOAuth {
  readonly log: OAuthLogEntry[] = [];
  readonly #grants = new Map<string, OAuthGrantRecord>();
  readonly #sessions = new Map<string, { username: string; expiresAt: number }>();
  readonly #codes = new Map<string, CodeRecord>();
  readonly #accessTokens = new Map<string, { grantId: string; expiresAt: number }>();
  readonly #refreshTokens = new Map<string, string>();

  constructor(
    private readonly env: QuirkEnv,
    readonly org: OrgIdentity,
    private readonly rules: Pick<SalesforceRules, 'tokenExpiry' | 'tokenEnvironment' | 'consentGrants'>,
  ) {}

  /** The authorisations the org holds, oldest first. */
  grants(): OAuthGrantRecord[] {
    return [...this.#grants.values()].map((grant) => ({ ...grant }));
  }

  /** Answers the OAuth endpoints; undefined for any other path. */
  route(request: CoreRequest, url: URL): CoreResponse | undefined {
    const method = request.method.toUpperCase();
    switch (url.pathname) {
      case OAUTH_PATHS.authorize:
        return method === 'GET' ? this.#authorize(request, url.searchParams) : notAllowed('GET');
      case OAUTH_PATHS.login:
        return method === 'POST' ? this.#login(request) : notAllowed('POST');
      case OAUTH_PATHS.consent:
        return method === 'POST' ? this.#consent(request) : notAllowed('POST');
      case OAUTH_PATHS.token:
        return method === 'POST' ? this.#token(request) : notAllowed('POST');
      default:
        return undefined;
    }
  }

  /**
   * SF-01: the SCIM API takes a live access token issued by this org (or the SP's own API token,
   * which the harness's protocol checks use); throws a 401 ScimError naming what is wrong.
   */
  authenticate(header: string | undefined): void {
    if (header === undefined || header === '')
      throw new ScimError(
        401,
        undefined,
        'Authorization header missing: send "Authorization: Bearer <token>"',
      );
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (token === undefined)
      throw new ScimError(401, undefined, 'Authorization must use the Bearer scheme: "Bearer <token>"');
    if (!this.env.token.active) {
      throw new ScimError(401, undefined, 'API access is disabled for this org; enable the SCIM integration');
    }
    if (token === this.env.token.token) return;
    const issued = this.#accessTokens.get(token);
    if (issued) return this.rules.tokenExpiry(issued.expiresAt, this.#now());
    if (token.startsWith(`${this.org.twinOrgId}!`)) return this.rules.tokenEnvironment(this.org);
    throw new ScimError(
      401,
      undefined,
      'INVALID_SESSION_ID: Session expired or invalid. Salesforce takes an OAuth access token: sign in as the admin and allow JumpCloud (SF-01)',
    );
  }

  #now(): number {
    return this.env.now().getTime();
  }

  #record(entry: Omit<OAuthLogEntry, 'at'>): void {
    this.log.push({ at: this.env.now().toISOString(), ...entry });
  }

  /** The authorisation request's parameters, checked; an error page when the client or callback is unknown. */
  #checkRequest(
    params: URLSearchParams,
  ): { query: string; redirectUri: string; state: string } | CoreResponse {
    const clientId = params.get('client_id');
    const redirectUri = params.get('redirect_uri') ?? '';
    if (clientId !== JUMPCLOUD_CONNECTED_APP.clientId) {
      return errorPage(
        400,
        'invalid_client_id',
        `client identifier '${clientId ?? ''}' is not a connected app of this org`,
      );
    }
    if (redirectUri !== JUMPCLOUD_CONNECTED_APP.callbackUrl) {
      return errorPage(
        400,
        'redirect_uri_mismatch',
        `redirect_uri must match the connected app's callback URL ${JUMPCLOUD_CONNECTED_APP.callbackUrl}`,
      );
    }
    const state = params.get('state') ?? '';
    if (params.get('response_type') !== 'code') {
      return redirect(redirectUri, { error: 'unsupported_response_type', state });
    }
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: params.get('scope') ?? 'api refresh_token',
      state,
    }).toString();
    return { query, redirectUri, state };
  }

  #session(request: CoreRequest): string | undefined {
    const sid = cookiesOf(request).get(SESSION_COOKIE);
    const session = sid === undefined ? undefined : this.#sessions.get(sid);
    return session && session.expiresAt > this.#now() ? session.username : undefined;
  }

  #authorize(request: CoreRequest, params: URLSearchParams): CoreResponse {
    const checked = this.#checkRequest(params);
    if ('status' in checked) return checked;
    const username = this.#session(request);
    this.#record({ endpoint: 'authorize', outcome: 'page', detail: username ? 'consent' : 'login' });
    return username ? consentPage(checked.query, username) : loginPage(checked.query);
  }

  #login(request: CoreRequest): CoreResponse {
    const form = formFields(request) ?? new URLSearchParams();
    const checked = this.#checkRequest(new URLSearchParams(form.get('oauth') ?? ''));
    if ('status' in checked) return checked;
    const username = form.get('username') ?? '';
    const { admin } = this.org;
    if (username.toLowerCase() !== admin.username.toLowerCase() || form.get('pw') !== admin.password) {
      this.#record({ endpoint: 'login', outcome: 'refused', detail: username });
      return loginPage(
        checked.query,
        "Please check your username and password. If you still can't log in, contact your Salesforce administrator.",
      );
    }
    const sid = newSecret();
    this.#sessions.set(sid, { username: admin.username, expiresAt: this.#now() + SESSION_TIMEOUT_MS });
    this.#record({ endpoint: 'login', outcome: 'signed-in', detail: admin.username });
    return {
      status: 302,
      headers: {
        location: `${OAUTH_PATHS.authorize}?${checked.query}`,
        'set-cookie': sessionCookie(SESSION_COOKIE, sid, this.env.origin),
      },
    };
  }

  #consent(request: CoreRequest): CoreResponse {
    const form = formFields(request) ?? new URLSearchParams();
    const checked = this.#checkRequest(new URLSearchParams(form.get('oauth') ?? ''));
    if ('status' in checked) return checked;
    const username = this.#session(request);
    if (username === undefined) return loginPage(checked.query, 'Your session has ended; sign in again.');
    const decision = form.get('decision');
    const allowed = decision === 'allow';
    if (!this.rules.consentGrants(decision)) {
      this.#record({ endpoint: 'consent', outcome: 'denied', detail: username });
      return redirect(checked.redirectUri, {
        error: 'access_denied',
        error_description: 'end-user denied authorization',
        state: checked.state,
      });
    }
    const grant: OAuthGrantRecord = {
      id: newSecret(),
      clientId: JUMPCLOUD_CONNECTED_APP.clientId,
      username,
      approvedAt: this.env.now().toISOString(),
      accessTokens: 0,
      refreshes: 0,
    };
    this.#grants.set(grant.id, grant);
    const code = newSecret();
    this.#codes.set(code, {
      grantId: grant.id,
      redirectUri: checked.redirectUri,
      expiresAt: this.#now() + CODE_LIFETIME_MS,
      used: false,
    });
    this.#record({ endpoint: 'consent', outcome: allowed ? 'allowed' : 'denied', detail: username });
    return redirect(checked.redirectUri, { code, state: checked.state });
  }

  #token(request: CoreRequest): CoreResponse {
    const form = formFields(request);
    if (!form)
      return this.#tokenError('invalid_request', 'the token request must be form-encoded', undefined);
    const grantType = form.get('grant_type') ?? '';
    if (form.get('client_id') !== JUMPCLOUD_CONNECTED_APP.clientId)
      return this.#tokenError('invalid_client_id', 'client identifier invalid', grantType);
    if (grantType === 'authorization_code') return this.#codeGrant(form);
    if (grantType === 'refresh_token') return this.#refreshGrant(form);
    return this.#tokenError('unsupported_grant_type', `grant type '${grantType}' not supported`, grantType);
  }

  #codeGrant(form: URLSearchParams): CoreResponse {
    const code = this.#codes.get(form.get('code') ?? '');
    if (!code || code.used || code.expiresAt <= this.#now())
      return this.#tokenError('invalid_grant', 'invalid authorization code', 'authorization_code');
    if (form.get('redirect_uri') !== code.redirectUri)
      return this.#tokenError('invalid_grant', 'redirect_uri mismatch', 'authorization_code');
    code.used = true;
    const refreshToken = `${this.org.orgId}!${newSecret()}`;
    this.#refreshTokens.set(refreshToken, code.grantId);
    return this.#issue(code.grantId, 'authorization_code', { refresh_token: refreshToken });
  }

  #refreshGrant(form: URLSearchParams): CoreResponse {
    const grantId = this.#refreshTokens.get(form.get('refresh_token') ?? '');
    if (grantId === undefined || !this.#grants.has(grantId))
      return this.#tokenError('invalid_grant', 'expired access/refresh token', 'refresh_token');
    this.#grants.get(grantId)!.refreshes++;
    return this.#issue(grantId, 'refresh_token', {});
  }

  #issue(grantId: string, grantType: string, extra: Record<string, string>): CoreResponse {
    const grant = this.#grants.get(grantId)!;
    const accessToken = `${this.org.orgId}!${newSecret()}`;
    this.#accessTokens.set(accessToken, { grantId, expiresAt: this.#now() + SESSION_TIMEOUT_MS });
    grant.accessTokens++;
    this.#record({ endpoint: 'token', grantType, outcome: 'issued', detail: grant.username });
    // Salesforce's answer: no expires_in; the token lives as long as the session timeout.
    return jsonResponse(
      200,
      {
        access_token: accessToken,
        ...extra,
        instance_url: this.env.origin,
        id: `${this.env.origin}/id/${this.org.orgId}/005000000000001`,
        token_type: 'Bearer',
        issued_at: String(this.#now()),
        scope: 'api refresh_token',
      },
      'application/json',
      { 'cache-control': 'no-store' },
    );
  }

  #tokenError(error: string, description: string, grantType: string | undefined): CoreResponse {
    this.#record({
      endpoint: 'token',
      outcome: 'refused',
      detail: `${error}: ${description}`,
      ...(grantType === undefined ? {} : { grantType }),
    });
    return jsonResponse(400, { error, error_description: description }, 'application/json', {
      'cache-control': 'no-store',
    });
  }
}

function redirect(target: string, params: Record<string, string>): CoreResponse {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return { status: 302, headers: { location: url.href } };
}

function notAllowed(allow: string): CoreResponse {
  return { ...errorPage(405, 'method_not_allowed', `use ${allow}`), headers: { allow } };
}

function errorPage(status: number, error: string, description: string): CoreResponse {
  return page(
    status,
    'OAuth Error',
    html`<p>error=${error}</p>
      <p>error_description=${description}</p>`,
  );
}

function loginPage(query: string, error?: string): CoreResponse {
  return page(
    200,
    'Login | Salesforce',
    html`${error ? html`<p role="alert">${error}</p>` : false}
      <form method="post" action="${OAUTH_PATHS.login}">
        <input type="hidden" name="oauth" value="${query}" />
        <label>Username <input type="email" name="username" value="" /></label>
        <label>Password <input type="password" name="pw" value="" /></label>
        <button type="submit">Log In</button>
      </form>`,
  );
}

function consentPage(query: string, username: string): CoreResponse {
  const decision = (value: 'allow' | 'deny', label: string) =>
    html`<form method="post" action="${OAUTH_PATHS.consent}">
      <input type="hidden" name="oauth" value="${query}" />
      <input type="hidden" name="decision" value="${value}" />
      <button type="submit">${label}</button>
    </form>`;
  return page(
    200,
    'Allow Access?',
    html`<p>
        ${JUMPCLOUD_CONNECTED_APP.name} is asking to manage user data via APIs (api) and perform requests at
        any time (refresh_token) as ${username}.
      </p>
      ${decision('allow', 'Allow')}${decision('deny', 'Deny')}`,
  );
}
