/**
 * What every endpoint of the IdP's web side shares: the IdP, sessions, the SSO log,
 * the clock and keys, and the few response shapes (HTML page under a strict CSP,
 * redirect, refusal) built one way.
 */
import { randomBytes } from 'node:crypto';
import type { CoreRequest, CoreResponse } from '#harness/http';
import type { KeyPair } from '#harness/saml';
import type { Application } from '../application.js';
import type { ReferenceIdp } from '../reference-idp.js';
import type { SsoRefusal } from './authn-request-checks.js';
import { parseCookies, serializeCookie, type CookieOptions } from './cookies.js';
import * as pages from './pages.js';
import type { Session, SessionStore } from './sessions.js';
import type { SsoLog, SsoLogEntry } from './sso-log.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'idp_session';

/** Which SSO flow a log entry or refusal belongs to. */
export type Flow = 'sp-initiated' | 'idp-initiated' | 'logout';

/** The shared state and response helpers of the IdP's endpoints (one per IdpWeb). */
export class WebContext {
  readonly origin: string;
  /** The base URL's path, without a trailing '/' ('' at the root). */
  readonly prefix: string;
  readonly #secure: boolean;

  constructor(
    readonly idp: ReferenceIdp,
    readonly sessions: SessionStore,
    readonly log: SsoLog,
    readonly now: () => Date,
    readonly newId: () => string,
    readonly keys: () => Promise<KeyPair>,
    baseUrl: URL,
  ) {
    this.origin = baseUrl.origin;
    this.prefix = baseUrl.pathname.replace(/\/+$/, '');
    this.#secure = baseUrl.protocol === 'https:';
  }

  /** An origin-relative path under the base path. */
  path(path: string): string {
    return `${this.prefix}${path}`;
  }

  /** The IdP SSO URL of `app` (IDP-SSO-01). */
  ssoUrl(app: Application): string {
    return `${this.origin}${this.path(`/saml2/${encodeURIComponent(app.sso.slug)}`)}`;
  }

  session(request: CoreRequest): Session | undefined {
    return this.sessions.get(parseCookies(request.headers.cookie).get(SESSION_COOKIE));
  }

  cookie(session: Session | undefined): string {
    return session
      ? serializeCookie(SESSION_COOKIE, session.id, this.#cookieOptions())
      : serializeCookie(SESSION_COOKIE, '', { ...this.#cookieOptions(), maxAge: 0 });
  }

  /** A local return path (under the base path), never another origin; the console otherwise. */
  safeReturn(value: string | null): string {
    const fallback = this.path('/console');
    if (
      value === null ||
      !value.startsWith(`${this.prefix}/`) ||
      value.startsWith('//') ||
      value.includes('\\')
    )
      return fallback;
    try {
      const url = new URL(value, this.origin);
      return url.origin === this.origin ? `${url.pathname}${url.search}` : fallback;
    } catch {
      return fallback;
    }
  }

  /** 302 to an origin-relative `path` (absolute Location), setting the session cookie when given. */
  redirect(path: string, session?: Session): CoreResponse {
    const headers: Record<string, string> = {
      location: `${this.origin}${path}`,
      'cache-control': 'no-store',
    };
    if (session) headers['set-cookie'] = this.cookie(session);
    return { status: 302, headers };
  }

  /** To the login form, coming back to `returnTo` afterwards. */
  toLogin(returnTo: string): CoreResponse {
    return this.redirect(this.path(`/login?return=${encodeURIComponent(returnTo)}`));
  }

  /**
   * An HTML page under a CSP that allows only its own nonce'd style and script, and forms
   * posting to the IdP itself (and to `formTarget`, the ACS origin of a Response form).
   */
  page(
    status: number,
    render: (nonce: string) => string,
    headers: Record<string, string> = {},
    formTarget?: string,
  ): CoreResponse {
    const nonce = randomBytes(16).toString('base64url');
    const csp = [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "base-uri 'none'",
      "frame-ancestors 'none'",
      `form-action 'self'${formTarget ? ` ${formTarget}` : ''}`,
    ].join('; ');
    return {
      status,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': csp,
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        ...headers,
      },
      body: render(nonce),
    };
  }

  /** 400 (or `status`) with a page naming the reason, recorded in the SSO log; never an assertion. */
  refuse(flow: Flow, app: Application | undefined, refusal: SsoRefusal, status = 400): CoreResponse {
    const entry: Omit<SsoLogEntry, 'timestamp'> = {
      flow,
      outcome: 'refused',
      reason: refusal.reason,
      detail: refusal.message,
      ...(app ? { application: app.name, slug: app.sso.slug } : {}),
      ...(refusal.requestXml ? { requestXml: refusal.requestXml } : {}),
    };
    this.log.record(entry);
    return this.page(
      status,
      (nonce) => pages.refusalPage({ nonce, reason: refusal.reason, message: refusal.message }),
      { 'x-sso-refusal': refusal.reason },
    );
  }

  message(
    status: number,
    title: string,
    message: string,
    headers: Record<string, string> = {},
  ): CoreResponse {
    return this.page(status, (nonce) => pages.messagePage({ nonce, title, message }), headers);
  }

  notFound(): CoreResponse {
    return this.message(404, 'Not found', 'There is nothing here.');
  }

  methodNotAllowed(allow: readonly string[]): CoreResponse {
    return this.message(405, 'Method not allowed', `Use ${allow.join(' or ')}.`, { allow: allow.join(', ') });
  }

  #cookieOptions(): Omit<CookieOptions, 'maxAge'> {
    // A cross-site POST (an SP's POST-binding AuthnRequest) carries the cookie only with SameSite=None, which needs https.
    return this.#secure ? { secure: true, sameSite: 'None' } : { secure: false, sameSite: 'Lax' };
  }
}
