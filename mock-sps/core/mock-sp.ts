/**
 * A mock SP: one profile, its SCIM service, and the inspection API scenarios use
 * to read and seed its state. Framework-neutral: adapters feed it CoreRequests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { HttpExchange } from '#harness/evidence';
import { resolveFaults } from '#harness/faults';
import type { OriginHandler, RefusedCount } from '#harness/http';
import type { ScimError } from '#harness/scim';
import { scimErrors, type JsonObject } from '#harness/scim';
import type { Chaos, ChaosHandler } from './chaos.js';
import type { SpFault } from './fault.js';
import { resolveScimFaults } from './faults/index.js';
import type { CoreRequest, CoreResponse } from './http.js';
import { DEFAULT_BODY_LIMIT, jsonResponse } from './http.js';
import type { ScimQuirks, SpProfile } from './profile.js';
import { throughSeam } from './saml/fault-seams.js';
import { SAML_CORE_FAULTS } from './saml/faults.js';
import type { IdpSettings, IdpSettingsInput } from './saml/idp-settings.js';
import { SamlService, type LoginRecord } from './saml/saml-service.js';
import {
  LocalUsers,
  ScimUsers,
  type NewSamlUser,
  type SamlUser,
  type SamlUserDirectory,
} from './saml/users.js';
import { isBelow, scimBasePath } from './scim/base-path.js';
import { composeScimSeams, type ScimNext } from './scim/fault-seams.js';
import { ScimService, type RequestLogEntry } from './scim/scim-service.js';
import { scimErrorResponse } from './scim/wire.js';
import { TransientFailures } from './transient.js';
import { inspectionAnswer, stateOf } from './inspection.js';
import { wireExchange } from './wire.js';
import { INSPECTION_PATH, defaultHost, type MockSpOptions, type MockSpState } from './mock-sp-options.js';

export { INSPECTION_PATH } from './mock-sp-options.js';
export type { InspectedResource, MockSpOptions, MockSpState } from './mock-sp-options.js';

export class MockSp {
  readonly profile: SpProfile;
  readonly origin: string;
  /** The SCIM faults turned on, in catalogue order. */
  readonly faults: readonly SpFault[];
  readonly scim: ScimService | undefined;
  /** The SAML faults on, in catalogue order (each wraps what the ones before it left). */
  readonly samlFaults: readonly SpFault[];
  readonly saml: SamlService | undefined;
  /** Schedules 429 / 5xx answers and timed-out creates, as a busy SP gives them (IDP-IDM-12). */
  readonly transient: TransientFailures;
  readonly #wire = new Set<(exchange: HttpExchange) => void>();
  /** The chaos in front of the SCIM endpoints, if any: its `log` and `counts` say what it did. */
  readonly chaos: Chaos | undefined;
  readonly #tokenState = { token: '', active: true };
  readonly #userDirectory: SamlUserDirectory | undefined;
  readonly #quirks: ScimQuirks;
  /** Answers a request below the SCIM base path, fault middleware and all. */
  readonly #scimBasePath: ScimNext | undefined;
  /** `handle` behind the chaos, when there is one. */
  readonly #chaotic: ChaosHandler | undefined;
  /**
   * The largest SCIM request body the SP takes, in bytes, advertised as bulk.maxPayloadSize
   * (RFC 7643 §5); a larger one is answered 413 (RFC 7644 §3.12).
   */
  readonly bodyLimit: number;
  #inspectionToken: string | undefined;

  constructor(profile: SpProfile, options: MockSpOptions = {}) {
    this.profile = profile;
    this.origin = (options.origin ?? `https://${defaultHost(profile, options)}`).replace(/\/+$/, '');
    this.faults = resolveScimFaults(profile, options.faults);
    const seams = composeScimSeams(this.faults);
    const scim = seams.profile(profile).scim;
    this.bodyLimit = options.bodyLimit ?? scim?.maxPayloadSize ?? DEFAULT_BODY_LIMIT;
    if (!Number.isSafeInteger(this.bodyLimit) || this.bodyLimit < 1)
      throw new TypeError(`bodyLimit is a whole number of bytes from 1 (found ${this.bodyLimit})`);
    this.#tokenState.token = options.token ?? newToken();
    this.#inspectionToken = options.inspectionToken;
    this.transient = new TransientFailures({
      now: options.now ?? (() => new Date()),
      log: (entry) => this.scim?.log.push(entry),
    });
    const env = {
      now: options.now ?? (() => new Date()),
      origin: this.origin,
      scimBaseUrl: `${this.origin}${scim?.basePath ?? ''}`,
      token: this.#tokenState,
      authenticate: (authorization: string | undefined) => this.scim!.steps.authenticate(authorization),
    };
    this.#quirks = seams.hooks(scim?.quirks?.build(env, seams.rules(scim.quirks.rules)) ?? {});
    if (scim) {
      this.scim = new ScimService({
        quirks: this.#quirks,
        profile: scim,
        steps: seams.steps,
        baseUrl: this.scimBaseUrl!,
        token: this.#tokenState,
        now: options.now ?? (() => new Date()),
        newId: options.newId ?? randomUUID,
        logBodies: scim.requestBodyLogging,
        bodyLimit: this.bodyLimit,
      });
      this.#scimBasePath = scimBasePath({
        origin: this.origin,
        basePath: scim.basePath,
        service: this.scim,
        transient: this.transient,
        route: this.#quirks.route?.bind(this.#quirks),
        around: seams.around,
      });
    }
    this.chaos = this.profile.scim ? options.chaos : undefined;
    this.#chaotic = this.#behindChaos();
    this.samlFaults = resolveFaults<SpFault>(SAML_CORE_FAULTS, options.samlFaults, 'SAML');
    const samlProfile = throughSeam(this.samlFaults, (apply) => apply.profile, profile).saml;
    if (samlProfile) {
      // One user list: SSO reads (and JIT writes) the SCIM users where the app has SCIM.
      this.#userDirectory = this.scim
        ? new ScimUsers(this.scim.users)
        : new LocalUsers(options.newId ?? randomUUID);
      this.saml = new SamlService({
        app: { id: profile.id, name: profile.name },
        saml: samlProfile,
        origin: this.origin,
        faults: this.samlFaults,
        now: options.now ?? (() => new Date()),
        users: this.#userDirectory,
        fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
        bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
      });
    }
  }

  get id(): string {
    return this.profile.id;
  }

  /**
   * The token the inspection API over HTTP asks for (`Authorization: Bearer <token>`): the one
   * given, else a random one made when first asked for (a run builds thousands of SPs and asks
   * none of them).
   */
  get inspectionToken(): string {
    return (this.#inspectionToken ??= newToken());
  }

  /** The app's own admin controls (departments, plans, OAuth consent…), when its quirks have any. */
  get admin(): object | undefined {
    return this.#quirks.admin;
  }

  /** The SCIM base URL (INT-01), or undefined for an SP without SCIM. */
  get scimBaseUrl(): string | undefined {
    return this.profile.scim ? `${this.origin}${this.profile.scim.basePath}` : undefined;
  }

  /** The token currently accepted. */
  get token(): string {
    return this.#tokenState.token;
  }

  /**
   * Handles a request to this SP's origin synchronously: SCIM, the inspection API,
   * 404 elsewhere; never throws. The SAML endpoints answer only through
   * {@link handleAsync} (their checks are asynchronous): here they answer 500 saying so.
   * The chaos, if any, stands in front of {@link handleAsync} only.
   */
  handle(request: CoreRequest): CoreResponse {
    let url: URL;
    try {
      url = new URL(request.url, this.origin);
    } catch {
      return this.#outside(scimErrors.invalidSyntax(`Malformed request URL '${request.url}'`));
    }
    const path = url.pathname;
    const basePath = this.profile.scim?.basePath;
    // The app's routes on the SCIM base path answer inside it, where the faults' middleware sees them.
    if (this.#scimBasePath && basePath !== undefined && isBelow(path, basePath))
      return this.#scimBasePath(request);
    const routed = this.#quirks.route?.(request, url);
    if (routed) return routed;
    if (path.startsWith(`${INSPECTION_PATH}/`))
      return inspectionAnswer(this, request, path.slice(INSPECTION_PATH.length));
    if (this.saml?.owns(url)) {
      return jsonResponse(
        500,
        {
          detail: `${path} is a SAML endpoint, answered asynchronously: call MockSp.handleAsync(), or dispatch to sp.originHandler`,
        },
        'application/json',
      );
    }
    const served = basePath === undefined ? '' : `; its SCIM service is below ${basePath}`;
    return this.#outside(
      scimErrors.notFound(`Nothing is served at ${path} by the ${this.profile.name} mock${served}`),
    );
  }

  /**
   * An answer outside the SCIM routes: a SCIM Error when the SP serves SCIM, so a client that
   * missed the base path reads the same kind of error as anywhere on it; plain JSON otherwise.
   */
  #outside(error: ScimError): CoreResponse {
    if (this.profile.scim) return scimErrorResponse(error);
    return jsonResponse(error.status, { detail: error.message }, 'application/json');
  }

  /**
   * Handles any request to this SP's origin, the SAML endpoints included, with the chaos (if any)
   * in front of the SCIM endpoints; never rejects, but may answer `dropped`.
   */
  async handleAsync(request: CoreRequest): Promise<CoreResponse> {
    if (this.saml) {
      let url: URL | undefined;
      try {
        url = new URL(request.url, this.origin);
      } catch {
        url = undefined;
      }
      if (url && this.saml.owns(url)) {
        try {
          return await this.saml.handle(request, url);
        } catch (error) {
          const detail = `The ${this.profile.name} mock failed on ${url.pathname}: ${String(error)}`;
          return jsonResponse(500, { detail }, 'application/json');
        }
      }
    }
    if (this.#wire.size === 0 || !this.#onScimPath(request)) return this.#scimAnswer(request);
    const started = performance.now();
    const response = await this.#scimAnswer(request);
    const exchange = wireExchange(request, this.origin, response, performance.now() - started);
    for (const listener of this.#wire) listener(exchange);
    return response;
  }

  /**
   * Calls `listener` with every exchange on the SCIM base path as served (the chaos's answers and
   * dropped connections included), whoever sent it; returns the unsubscribe function.
   */
  onWire(listener: (exchange: HttpExchange) => void): () => void {
    this.#wire.add(listener);
    return () => this.#wire.delete(listener);
  }

  #scimAnswer(request: CoreRequest): Promise<CoreResponse> | CoreResponse {
    return this.#chaotic ? this.#chaotic(request) : this.handle(request);
  }

  #onScimPath(request: CoreRequest): boolean {
    const basePath = this.profile.scim?.basePath;
    if (basePath === undefined) return false;
    try {
      return isBelow(new URL(request.url, this.origin).pathname, basePath);
    } catch {
      return false;
    }
  }

  /** `handle` behind the chaos; what the chaos answers instead of the SP shows in the SP's log (status 0: dropped). */
  #behindChaos(): ChaosHandler | undefined {
    const basePath = this.profile.scim?.basePath;
    const scim = this.scim;
    if (!this.chaos || basePath === undefined || !scim) return undefined;
    return this.chaos.wrap(async (request) => this.handle(request), {
      basePath,
      answered: (request, event) => {
        const url = new URL(request.url, this.origin);
        const status = typeof event.kind === 'number' ? event.kind : 0;
        scim.record(request, url, url.pathname.slice(basePath.length) || '/', status);
      },
    });
  }

  /** This SP as an origin handler for `dispatchFetch`, answering every endpoint (SAML included). */
  get originHandler(): OriginHandler {
    return { origin: this.origin, handle: (request) => this.handleAsync(request) };
  }

  // Inspection API: what an admin of the SP sees and does, for scenarios only.

  /** Every user and group with its SP-local fields. */
  state(): MockSpState {
    return stateOf(this.scim, this.saml);
  }

  /** Every login attempt at the ACS, with the refusal reason and the SP's name for it (SF-19). */
  loginHistory(): LoginRecord[] {
    return structuredClone(this.#requireSaml().history);
  }

  /** The SP's users as SSO sees them: the SCIM users where the app has SCIM, else its own list. */
  samlUsers(): SamlUser[] {
    this.#requireSaml();
    return this.#userDirectory!.list();
  }

  /** Creates a user as an SP admin would, for SSO (INT-03: SSO users must already exist); returns it. */
  seedSamlUser(user: NewSamlUser): SamlUser {
    this.#requireSaml();
    return this.#userDirectory!.create(user, 'seed');
  }

  /**
   * Configures the IdP as the SP admin does: from a metadata URL (INT-02, fetched with
   * `options.fetch`), uploaded metadata (SPK-01) or typed-in fields (OUT-02, PCO-01);
   * TypeError for a way this SP does not offer.
   */
  configureIdp(input: IdpSettingsInput): Promise<IdpSettings> {
    return this.#requireSaml().configureIdp(input);
  }

  /** The IdP settings the SP holds, if configured. */
  idpSettings(): IdpSettings | undefined {
    return this.#requireSaml().idpSettings;
  }

  /** Replaces the setup placeholder with the IdP's certificate (SF-16). */
  replaceCertificate(certificatePem: string): void {
    this.#requireSaml().replaceCertificate(certificatePem);
  }

  /** Checks Enable: real SSO logins are accepted from now on (OUT-04). */
  enableSso(): void {
    this.#requireSaml().enableSso();
  }

  #requireSaml(): SamlService {
    if (!this.saml) throw new TypeError(`${this.profile.name} has no SAML side`);
    return this.saml;
  }

  /**
   * The SP's request log, with bodies when request-body logging is on (INT-01): passwords
   * masked, each body cut at KEPT_TEXT_CHARS. Requests refused before authentication are
   * counted in {@link refusedRequests} instead.
   */
  requests(): readonly RequestLogEntry[] {
    return this.scim?.log ?? [];
  }

  /** How many SCIM requests were refused before authentication (401), with the latest few in short. */
  refusedRequests(): RefusedCount {
    return structuredClone(this.scim?.refused ?? { count: 0, latest: [] });
  }

  /** Generates a new SCIM token; the previous one stops working (INT-01, INT-07). */
  rotateToken(): string {
    const random = newToken();
    this.#tokenState.token = this.#quirks.issueToken?.(random) ?? random;
    return this.#tokenState.token;
  }

  /** Turns the SP's SCIM integration on or off (INT-01 "Active"). */
  setIntegrationActive(active: boolean): void {
    this.#tokenState.active = active;
  }

  /** Creates a user as an SP admin would, outside SCIM; returns its id. */
  seedUser(resource: JsonObject, local: JsonObject = {}): string {
    if (!this.scim) throw new TypeError(`${this.profile.name} has no SCIM users to seed`);
    const { entry } = this.scim.users.create({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      ...resource,
      ...local,
    });
    return entry.id;
  }

  /** Creates a group as an SP admin would, outside SCIM; returns its id. */
  seedGroup(resource: JsonObject): string {
    if (!this.scim?.groups) throw new TypeError(`${this.profile.name} has no SCIM groups to seed`);
    const { entry } = this.scim.groups.create({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      ...resource,
    });
    return entry.id;
  }

  /** Edits SP-local fields of a user, as an SP admin would (INT-05). */
  setLocalAttributes(id: string, local: JsonObject): void {
    const entry = this.scim?.users.store.get(id);
    if (!entry) throw new TypeError(`No user '${id}' in ${this.profile.name}`);
    this.scim!.users.store.put({ ...entry, local: { ...entry.local, ...local } });
  }
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}
