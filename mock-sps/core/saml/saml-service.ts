/**
 * The SAML side of a mock SP: its metadata, SP-initiated login, the ACS, the
 * session it opens and the pages a browser sees, plus the state the inspection
 * API reads (sessions, login history, IdP settings). Framework-neutral, async.
 * @see SAML 2.0 Profiles §4.1 (Web Browser SSO); docs/conformance.md "SAML 2.0"
 */
import { randomBytes } from 'node:crypto';
import { ReplayCache, SamlError, sharedKeyPair, type KeyPair } from '#harness/saml';
import type { FetchLike } from '#harness/scim';
import type { CoreRequest, CoreResponse } from '../http.js';
import type { SamlProfile } from '../profile.js';
import { consume, keepWaiting, type AcsContext, type OutstandingRequest } from './acs.js';
import { STRICT_ACS_STEPS, type AcsSteps } from './acs-steps.js';
import { throughSeam, type SamlFaultApply, type SessionRule } from './fault-seams.js';
import { clearedCookie, cookiesOf, formFields, sessionCookie } from './http-form.js';
import {
  normaliseCertificate,
  resolveIdpSettings,
  type IdpSettings,
  type IdpSettingsInput,
} from './idp-settings.js';
import {
  messagePage,
  notSignedInPage,
  refusedPage,
  resultPage,
  testResultPage,
  type SamlSession,
} from './pages.js';
import { optional, refusalOf, remember, type LoginRecord } from './login-history.js';
import {
  STRICT_SLO_STEPS,
  receiveLogout,
  startLogout,
  type SloContext,
  type SloSteps,
} from './single-logout.js';
import { passwordLogin, signIn } from './sign-in.js';
import { spMetadata, startLogin } from './sp-initiated.js';
import { SAML_PATHS, SAML_PREFIX, under } from './paths.js';
import type { SamlUserDirectory } from './users.js';

/** A session signs its user in while the SP still holds the user, active (SAML-SESSION-DEPROVISIONED). */
const STRICT_SESSION_RULE: SessionRule = (_session, user) => user?.active === true;

export type { LoginRecord } from './login-history.js';
export { SAML_PATHS } from './paths.js';

export interface SamlServiceOptions {
  app: { id: string; name: string };
  saml: SamlProfile;
  origin: string;
  /**
   * SAML faults, applied through their seams in order (docs/decisions/0012-faults-wrap.md).
   * @default none: strict
   */
  faults?: readonly { readonly apply: SamlFaultApply }[];
  now: () => Date;
  users: SamlUserDirectory;
  fetch: FetchLike;
  bodyLimit: number;
}

type Route = (request: CoreRequest, url: URL) => Promise<CoreResponse> | CoreResponse;

export class SamlService {
  readonly entityId: string;
  readonly acsUrl: string;
  readonly history: LoginRecord[] = [];
  readonly sessions = new Map<string, SamlSession>();
  readonly outstanding = new Map<string, OutstandingRequest>();
  readonly #options: SamlServiceOptions;
  readonly #acs: URL;
  readonly #replayCache: ReplayCache;
  readonly #steps: AcsSteps;
  readonly #slo: SloSteps;
  readonly #sessionRule: SessionRule;
  readonly #logoutsSent = new Map<string, number>();
  readonly #routes: Map<string, Partial<Record<string, Route>>>;
  #idp: IdpSettings | undefined;
  #ssoEnabled: boolean;
  #keys: Promise<KeyPair> | undefined;

  constructor(options: SamlServiceOptions) {
    this.#options = options;
    const { saml, origin } = options;
    if (saml.users === 'jit' && !saml.jit) {
      throw new TypeError(`${options.app.name}: saml.users is 'jit' but the profile has no saml.jit rule`);
    }
    const account = saml.accountId?.value ?? '';
    const expand = (template: string) =>
      template.replaceAll('{origin}', origin).replaceAll('{accountId}', account);
    this.entityId = expand(saml.entityId);
    this.#acs = new URL(expand(saml.acsPath), origin);
    this.acsUrl = under(origin, expand(saml.acsPath));
    this.#replayCache = new ReplayCache(options.now);
    this.#steps = throughSeam(options.faults ?? [], (apply) => apply.acs, STRICT_ACS_STEPS);
    this.#slo = throughSeam(options.faults ?? [], (apply) => apply.slo, STRICT_SLO_STEPS);
    this.#sessionRule = throughSeam(options.faults ?? [], (apply) => apply.session, STRICT_SESSION_RULE);
    this.#ssoEnabled = !saml.ssoEnabledFlag;
    this.#routes = new Map<string, Partial<Record<string, Route>>>([
      [SAML_PATHS.metadata, { GET: () => this.#metadata() }],
      [SAML_PATHS.login, { GET: (_, url) => this.#startLogin(url, false) }],
      [SAML_PATHS.result, { GET: (request) => this.#result(request) }],
      [
        SAML_PATHS.signIn,
        {
          GET: () =>
            signIn(
              { appName: options.app.name, saml: options.saml, idp: this.#idp, ssoEnabled: this.#ssoEnabled },
              SAML_PATHS,
            ),
          POST: () => passwordLogin(options.app.name, options.saml),
        },
      ],
      [SAML_PATHS.logout, { GET: (request) => this.#logout(request) }],
    ]);
    if (saml.testLogin)
      this.#routes.set(SAML_PATHS.testLogin, { GET: (_, url) => this.#startLogin(url, true) });
    if (saml.singleLogout) {
      const slo = (request: CoreRequest) =>
        this.#tooLarge(request, 'The Single Logout service') ?? receiveLogout(this.#sloContext(), request);
      this.#routes.set(SAML_PATHS.slo, { GET: slo, POST: slo });
    }
  }

  /** The SingleLogoutService URL, when the SP has Single Logout. */
  get sloUrl(): string | undefined {
    return this.#options.saml.singleLogout ? under(this.#options.origin, SAML_PATHS.slo) : undefined;
  }

  /** The SP's request-signing and assertion-decryption key pair (one certificate, as SF-14's setup makes). */
  keys(): Promise<KeyPair> {
    this.#keys ??= sharedKeyPair(`sp:${this.#options.app.id}`, { commonName: this.#options.app.name });
    return this.#keys;
  }

  get idpSettings(): IdpSettings | undefined {
    return this.#idp && structuredClone(this.#idp);
  }

  get ssoEnabled(): boolean {
    return this.#ssoEnabled;
  }

  get cookieName(): string {
    return `${this.#options.app.id}_session`;
  }

  /** Whether `url` is one of the SAML endpoints. */
  owns(url: URL): boolean {
    return url.pathname.startsWith(SAML_PREFIX) || this.#isAcs(url);
  }

  async handle(request: CoreRequest, url: URL): Promise<CoreResponse> {
    if (this.#isAcs(url)) {
      if (request.method !== 'POST') return this.#methodNotAllowed('POST');
      return this.#consume(request);
    }
    const routes = this.#routes.get(url.pathname);
    if (!routes)
      return messagePage(
        404,
        'Not found',
        `Nothing is served at ${url.pathname} by the ${this.#options.app.name} mock`,
      );
    const route = routes[request.method];
    if (!route) return this.#methodNotAllowed(Object.keys(routes).join(', '));
    return route(request, url);
  }

  // Admin actions (inspection API).

  async configureIdp(input: IdpSettingsInput): Promise<IdpSettings> {
    const { app, saml, fetch, faults = [] } = this.#options;
    // Only an SP with a placeholder certificate (SF-16) needs its key here; key generation is the slow part.
    const key = saml.placeholderCertificate ? await this.keys() : undefined;
    const settings = await resolveIdpSettings(input, saml, {
      appName: app.name,
      fetch,
      ...(key ? { spCertificatePem: key.certificatePem } : {}),
    });
    const previous = this.#idp;
    this.#idp = throughSeam(
      faults,
      (apply) => apply.idpSettings && ((entered: IdpSettings) => apply.idpSettings!(entered, previous)),
      settings,
    );
    return this.idpSettings!;
  }

  /** SF-16: the placeholder is replaced with the IdP's certificate. */
  replaceCertificate(certificatePem: string): void {
    if (!this.#idp) throw new TypeError(`${this.#options.app.name} has no identity provider to update`);
    this.#idp = { ...this.#idp, certificates: [normaliseCertificate(certificatePem)], placeholder: false };
  }

  /** OUT-04: the admin checks Enable. */
  enableSso(): void {
    this.#ssoEnabled = true;
  }

  // Endpoints.

  #isAcs(url: URL): boolean {
    if (url.pathname !== this.#acs.pathname) return false;
    for (const [name, value] of this.#acs.searchParams)
      if (url.searchParams.get(name) !== value) return false;
    return true;
  }

  #methodNotAllowed(allow: string): CoreResponse {
    const response = messagePage(405, 'Method not allowed', `Use ${allow}`);
    return { ...response, headers: { ...response.headers, allow } };
  }

  async #metadata(): Promise<CoreResponse> {
    const saml = this.#options.saml;
    const key = saml.signAuthnRequests || saml.encryptAssertions ? await this.keys() : undefined;
    return spMetadata(saml, this.entityId, { acs: this.acsUrl, slo: this.sloUrl }, key);
  }

  /** SP-initiated login (or the Test button, OUT-03). */
  async #startLogin(url: URL, test: boolean): Promise<CoreResponse> {
    const { app, saml, now } = this.#options;
    const started = startLogin(
      {
        appName: app.name,
        saml,
        entityId: this.entityId,
        acsUrl: this.acsUrl,
        idp: this.#idp,
        ssoEnabled: this.#steps['sso-enabled']({ appName: app.name, saml, ssoEnabled: this.#ssoEnabled }),
        now: now(),
        key: saml.signAuthnRequests ? await this.keys() : undefined,
        plan: (strict) => throughSeam(this.#options.faults ?? [], (apply) => apply.authnRequest, strict),
      },
      url,
      test,
    );
    if (started.requestId !== undefined) {
      keepWaiting(this.outstanding, started.requestId, test, now().getTime());
    }
    return started.response;
  }

  /**
   * The 413 page of a body over the limit, or undefined: an adapter keeps only limit + 1 bytes of
   * a larger body, so a form read past the limit would be a cut one, not the one sent.
   */
  #tooLarge(request: CoreRequest, endpoint: string): CoreResponse | undefined {
    if (request.body === undefined || Buffer.byteLength(request.body) <= this.#options.bodyLimit)
      return undefined;
    return messagePage(
      413,
      'Payload too large',
      `${endpoint} accepts at most ${this.#options.bodyLimit} bytes`,
    );
  }

  async #consume(request: CoreRequest): Promise<CoreResponse> {
    const { app, saml, origin } = this.#options;
    const tooLarge = this.#tooLarge(request, 'The ACS');
    if (tooLarge) return tooLarge;
    const fields = formFields(request);
    if (!fields) {
      return messagePage(
        415,
        'Unsupported media type',
        'The ACS takes application/x-www-form-urlencoded (SAML HTTP-POST binding)',
      );
    }
    const relayState = fields.get('RelayState') ?? undefined;
    const samlResponse = fields.get('SAMLResponse');
    try {
      if (!samlResponse)
        throw new SamlError('malformed', 'The form has no SAMLResponse field (SAML Bindings §3.5.4)');
      const outcome = await consume(this.#acsContext(), samlResponse);
      const { login } = outcome;
      const common = {
        at: this.#options.now().toISOString(),
        nameId: login.nameId,
        ...optional({ inResponseTo: login.inResponseTo, relayState }),
      };
      if (outcome.kind === 'test') {
        remember(this.history, { ...common, outcome: 'success', test: true });
        return testResultPage(app.name, outcome.subject, outcome.match);
      }
      const { user, created } = outcome;
      const session: SamlSession = {
        id: randomBytes(24).toString('base64url'),
        userId: user.id,
        userName: user.userName,
        nameId: login.nameId,
        attributes: login.attributes,
        issuer: login.issuer,
        at: common.at,
        created,
        ...optional({ nameIdFormat: login.nameIdFormat, sessionIndex: login.sessionIndex, relayState }),
      };
      this.sessions.set(session.id, session);
      remember(this.history, {
        ...common,
        outcome: 'success',
        user: user.userName,
        userId: user.id,
        created,
      });
      return {
        status: 303,
        headers: {
          location: SAML_PATHS.result,
          'set-cookie': sessionCookie(this.cookieName, session.id, origin),
          'cache-control': 'no-store',
        },
      };
    } catch (error) {
      const refusal = refusalOf(error);
      const reasonName = saml.refusalNames?.[refusal.reason];
      remember(this.history, {
        at: this.#options.now().toISOString(),
        outcome: 'refused',
        ...refusal,
        ...optional({ reasonName, relayState }),
      });
      return refusedPage(app.name, refusal.reason, reasonName, refusal.message);
    }
  }

  #acsContext(): AcsContext {
    const { app, saml, now, users } = this.#options;
    return {
      appName: app.name,
      saml,
      steps: this.#steps,
      now,
      entityId: this.entityId,
      acsUrl: this.acsUrl,
      idp: this.#idp,
      ssoEnabled: this.#ssoEnabled,
      outstanding: this.outstanding,
      replayCache: this.#replayCache,
      decryptionKey: () => this.keys(),
      users,
    };
  }

  /** The request's live session; one whose user the SP deactivated or deleted since ends here. */
  #session(request: CoreRequest): SamlSession | undefined {
    const id = cookiesOf(request).get(this.cookieName);
    const session = id === undefined ? undefined : this.sessions.get(id);
    if (!session) return undefined;
    const user = this.#options.users.list().find((candidate) => candidate.id === session.userId);
    if (this.#sessionRule(session, user)) return session;
    this.sessions.delete(session.id);
    return undefined;
  }

  #sloContext(): SloContext {
    const { app, now, origin } = this.#options;
    return {
      appName: app.name,
      entityId: this.entityId,
      sloUrl: this.sloUrl!,
      idp: this.#idp,
      now: now(),
      key: () => this.keys(),
      steps: this.#slo,
      sessions: this.sessions,
      outstanding: this.#logoutsSent,
      cookie: { name: this.cookieName, origin },
    };
  }

  #result(request: CoreRequest): CoreResponse {
    const session = this.#session(request);
    return session
      ? resultPage(this.#options.app.name, session)
      : notSignedInPage(this.#options.app.name, SAML_PATHS.signIn);
  }

  /** Signs out here; with Single Logout set up, at the IdP too (Profiles §4.4.3.1). */
  async #logout(request: CoreRequest): Promise<CoreResponse> {
    if (this.#options.saml.singleLogout) {
      const single = await startLogout(this.#sloContext(), this.#session(request));
      if (single) return single;
    }
    const id = cookiesOf(request).get(this.cookieName);
    if (id !== undefined) this.sessions.delete(id);
    return {
      status: 303,
      headers: {
        location: SAML_PATHS.signIn,
        'set-cookie': clearedCookie(this.cookieName, this.#options.origin),
      },
    };
  }
}
