/**
 * The reference IdP's web side, framework-neutral: SSO URLs (SP-initiated, both
 * bindings), metadata and certificate downloads, the login form, the user console
 * with its tiles (IdP-initiated), and logout. Adapters (express, in-process) only
 * move CoreRequest/CoreResponse.
 * @see IDP-SSO-01…08
 */
import { DEFAULT_BODY_LIMIT, type CoreRequest, type CoreResponse } from '#harness/http';
import type { KeyPair } from '#harness/saml';
import { BINDING, buildIdpMetadata } from '#harness/saml';
import { newSamlId } from '#harness/saml';
import type { Application } from '../application.js';
import type { ReferenceIdp } from '../reference-idp.js';
import { WebContext } from './context.js';
import { SessionStore, type SessionStoreOptions } from './sessions.js';
import { login, loginForm, logout, userConsole } from './sign-in.js';
import { singleLogout, sloUrlOf } from './single-logout.js';
import { SsoLog } from './sso-log.js';
import { idpInitiated, spInitiated } from './sso-endpoint.js';

export { SESSION_COOKIE } from './context.js';

/** Options of the IdP's web side; `baseUrl` is mandatory, the rest have defaults. */
export interface IdpWebOptions {
  /** Where the IdP is served (origin, optionally a path): SSO URLs are `<baseUrl>/saml2/<slug>`. */
  baseUrl: string;
  /** The signing key pair. @default idp.keys() */
  keys?: KeyPair;
  /** @default () => new Date() */
  now?: () => Date;
  /** SAML IDs (Response, Assertion, SessionIndex). @default newSamlId */
  newId?: () => string;
  /** Larger request bodies are answered 413. @default DEFAULT_BODY_LIMIT (1 MiB) */
  bodyLimit?: number;
  /** Session lifetime and bounds. @default 8 h, 10 000 sessions, 16 pending requests each */
  sessions?: SessionStoreOptions;
}

/** The URLs of one application at this IdP. */
export interface IdpAppUrls {
  /** IdP SSO URL (IDP-SSO-01), both bindings. */
  sso: string;
  /** Stable metadata URL (IDP-SSO-02). */
  metadata: string;
  /** `JumpCloud-<app>-metadata.xml` download (IDP-SSO-02). */
  metadataDownload: string;
  /** `certificate.pem` download (IDP-SSO-02). */
  certificate: string;
  /** SingleLogoutService, both bindings (IDP-SLO-01). */
  slo: string;
}

/** `JumpCloud-<app>-metadata.xml`, the app name made file-safe. @see IDP-SSO-02 */
export function metadataFileName(app: Application): string {
  return `JumpCloud-${app.name.replace(/[^A-Za-z0-9._-]+/g, '-')}-metadata.xml`;
}

/**
 * The IdP's web side as one `handle(CoreRequest): Promise<CoreResponse>`; see the module comment
 * for its paths. @see IDP-SSO-01…08
 */
export class IdpWeb {
  /** Logins, Responses issued, requests refused or denied. */
  readonly log: SsoLog;
  /** The base URL, without a trailing '/'. */
  readonly baseUrl: string;
  /** The login sessions: signed in and anonymous, each bounded on its own. */
  readonly sessions: SessionStore;
  /** The base URL's origin: what an in-process dispatcher (`{ origin, handle }`) routes on. */
  readonly origin: string;
  readonly #ctx: WebContext;
  readonly #bodyLimit: number;

  constructor(idp: ReferenceIdp, options: IdpWebOptions) {
    const base = new URL(options.baseUrl);
    const now = options.now ?? (() => new Date());
    const newId = options.newId ?? newSamlId;
    const keys = options.keys;
    this.baseUrl = `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
    this.origin = base.origin;
    this.log = new SsoLog(now);
    this.#bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.sessions = new SessionStore(now, newId, options.sessions);
    this.#ctx = new WebContext(
      idp,
      this.sessions,
      this.log,
      now,
      newId,
      keys ? () => Promise.resolve(keys) : () => idp.keys(),
      base,
    );
  }

  /** The SSO, metadata and download URLs of `app`. */
  urls(app: Application): IdpAppUrls {
    const slug = encodeURIComponent(app.sso.slug);
    return {
      sso: this.#ctx.ssoUrl(app),
      metadata: `${this.baseUrl}/saml2/${slug}/metadata`,
      metadataDownload: `${this.baseUrl}/apps/${slug}/${metadataFileName(app)}`,
      certificate: `${this.baseUrl}/apps/${slug}/certificate.pem`,
      slo: sloUrlOf(this.#ctx, app),
    };
  }

  /** The IdP metadata of `app`: entity ID, signing certificate, SSO URL for Redirect and POST. @see IDP-SSO-02 */
  async metadata(app: Application): Promise<string> {
    const key = await this.#ctx.keys();
    const sso = this.#ctx.ssoUrl(app);
    return buildIdpMetadata({
      entityId: app.sso.settings.idpEntityId,
      ssoUrls: { redirect: sso, post: sso },
      certificates: [key.certificatePem],
      wantAuthnRequestsSigned: app.sso.settings.spCertificatePem !== undefined,
      singleLogout: [
        { url: sloUrlOf(this.#ctx, app), binding: BINDING.redirect },
        { url: sloUrlOf(this.#ctx, app), binding: BINDING.post },
      ],
    });
  }

  async handle(request: CoreRequest): Promise<CoreResponse> {
    const ctx = this.#ctx;
    if (request.body !== undefined && Buffer.byteLength(request.body) > this.#bodyLimit)
      return ctx.message(413, 'Request too large', 'The request body is too large.');
    let url: URL;
    let segments: string[];
    try {
      url = new URL(request.url, this.baseUrl);
      if (!url.pathname.startsWith(`${ctx.prefix}/`)) return ctx.notFound();
      segments = url.pathname
        .slice(ctx.prefix.length + 1)
        .split('/')
        .map(decodeURIComponent);
    } catch {
      return ctx.notFound();
    }
    const method = request.method.toUpperCase();
    const allow = (methods: readonly string[], run: () => Promise<CoreResponse> | CoreResponse) =>
      methods.includes(method) ? run() : ctx.methodNotAllowed(methods);
    const [first, second, third] = segments;
    switch (`${first}/${segments.length}`) {
      case '/1':
        return allow(['GET'], () => ctx.redirect(ctx.path('/console')));
      case 'saml2/2':
        return allow(['GET', 'POST'], () => spInitiated(ctx, request, url, second!));
      case 'saml2/3':
        if (third === 'slo') return allow(['GET', 'POST'], () => singleLogout(ctx, request, second!));
        return third === 'metadata' ? allow(['GET'], () => this.#metadata(second!)) : ctx.notFound();
      case 'apps/3':
        return allow(['GET'], () =>
          third === 'certificate.pem' ? this.#certificate(second!) : this.#metadata(second!, third!),
        );
      case 'login/1':
        return allow(['GET', 'POST'], () =>
          method === 'GET' ? loginForm(ctx, request, url.searchParams.get('return')) : login(ctx, request),
        );
      case 'console/1':
        return allow(['GET'], () => userConsole(ctx, request));
      case 'console/3':
        return second === 'launch'
          ? allow(['POST'], () => idpInitiated(ctx, request, third!))
          : ctx.notFound();
      case 'logout/1':
        return allow(['POST'], () => logout(ctx, request));
      default:
        return ctx.notFound();
    }
  }

  /** `GET /saml2/<slug>/metadata`, or the `/apps/<slug>/JumpCloud-<app>-metadata.xml` download. */
  async #metadata(slug: string, download?: string): Promise<CoreResponse> {
    const app = this.#ctx.idp.applicationBySlug(slug);
    if (!app || (download !== undefined && download !== metadataFileName(app))) return this.#ctx.notFound();
    const headers: Record<string, string> = {
      'content-type': 'application/samlmetadata+xml; charset=utf-8',
      'cache-control': 'no-cache',
    };
    if (download !== undefined) headers['content-disposition'] = `attachment; filename="${download}"`;
    return { status: 200, headers, body: await this.metadata(app) };
  }

  /** `GET /apps/<slug>/certificate.pem`. */
  async #certificate(slug: string): Promise<CoreResponse> {
    if (!this.#ctx.idp.applicationBySlug(slug)) return this.#ctx.notFound();
    return {
      status: 200,
      headers: {
        'content-type': 'application/x-pem-file',
        'content-disposition': 'attachment; filename="certificate.pem"',
      },
      body: (await this.#ctx.keys()).certificatePem,
    };
  }
}
