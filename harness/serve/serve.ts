/**
 * `startServe`: the reference IdP and the chosen mock SPs over real HTTP, wired to each other,
 * with the dashboard, until `close`. The listeners are bound first (the published URLs need the
 * ports they got); then the IdP, each SP and the dashboard are built behind them.
 * @see docs/decisions/0027-serve.md
 */
import type { CoreHandler } from '#harness/http';
import { SAML_PATHS, type MockSp } from '#mock-sps';
import type { FetchLike } from '#harness/scim';
import { Dashboard } from './dashboard.js';
import { IdpSide, type DemoUser } from './idp-side.js';
import { listen, type Listener } from './listen.js';
import { mintAccessToken } from './oauth-access.js';
import {
  EXTERNAL_SP_SLUG,
  isWildcard,
  resolveServeOptions,
  type ResolvedServeOptions,
  type ServeOptions,
} from './options.js';
import { RequestLog } from './request-log.js';
import { idpSite, router, spSite, type Site } from './router.js';
import { SpSlot } from './sp-slot.js';
import { idpView, spView } from './state.js';

/** Where one served SP is published. */
export interface ServedSp {
  id: string;
  name: string;
  /** Its base URL: everything it serves is below it. */
  base: string;
  scimBaseUrl?: string;
  /** Its SAML metadata. */
  metadataUrl?: string;
  /** Its SP-initiated login, when it has one. */
  loginUrl?: string;
}

/** The servers, running. */
export interface RunningServe {
  /** The dashboard, on this machine (it answers no other way). */
  dashboardUrl: string;
  idp: {
    baseUrl: string;
    loginUrl: string;
    consoleUrl: string;
    metadataUrls: Readonly<Record<string, string>>;
  };
  sps: readonly ServedSp[];
  /** The seeded directory users, who sign in at the IdP with `password`. */
  users: readonly DemoUser[];
  password: string;
  /** `host:port` of every listener. */
  listening: readonly string[];
  /** The mock SP `id` as it is now (a reset or a fault switch builds it again). */
  sp(id: string): MockSp | undefined;
  /** Closes every listener and connection. */
  close(): Promise<void>;
}

/** An IPv6 address in brackets, as a URL or `host:port` writes it. */
function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** `host` as the host part of a URL: a wildcard as the loopback address (where this machine answers). */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::' || host === '[::]') return '[::1]';
  return bracketed(host);
}

/** Binds every listener the layout needs; if one fails, the others are closed again. */
async function listenAll(options: ResolvedServeOptions): Promise<Map<string, Listener>> {
  const listeners = new Map<string, Listener>();
  try {
    for (const [name, port] of Object.entries(options.ports))
      listeners.set(name, await listen(options.host, port));
  } catch (error) {
    await Promise.all([...listeners.values()].map((listener) => listener.close()));
    throw error;
  }
  return listeners;
}

/** A fetch that reaches this process's own published origins in-process, and anything else over the network. */
function selfFetch(handlers: Map<string, CoreHandler>): FetchLike {
  return async (input, init) => {
    const url = new URL(input);
    const handle = handlers.get(url.origin);
    if (!handle) return globalThis.fetch(input, init);
    const headers: Record<string, string> = { host: url.host };
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const body = typeof init.body === 'string' ? init.body : undefined;
    const response = await handle({
      method: init.method ?? 'GET',
      url: `${url.pathname}${url.search}`,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    if (response.dropped) throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    const empty = response.status === 204 || response.status === 304;
    return new Response(empty ? null : (response.body ?? ''), {
      status: response.status,
      headers: response.headers,
    });
  };
}

/** Starts the servers; rejects with a ServeError (a port in use, a bad option) naming the fix. */
export async function startServe(input: ServeOptions): Promise<RunningServe> {
  const options = resolveServeOptions(input);
  const listeners = await listenAll(options);
  try {
    return await assemble(options, listeners);
  } catch (error) {
    await Promise.all([...listeners.values()].map((listener) => listener.close()));
    throw error;
  }
}

async function assemble(
  options: ResolvedServeOptions,
  listeners: Map<string, Listener>,
): Promise<RunningServe> {
  const prefixLayout = options.layout === 'prefix';
  const portOf = (name: string): number => listeners.get(prefixLayout ? 'main' : name)!.port;
  // Through URL, so a default port (80, 443) is left out as every URL parser leaves it out.
  const local = (port: number) => new URL(`http://${urlHost(options.host)}:${port}`).origin;
  const published = (port: number): string => {
    const url = options.publicUrl;
    if (!url) return local(port);
    return prefixLayout ? url.origin : new URL(`${url.protocol}//${url.hostname}:${port}`).origin;
  };
  const baseOf = (name: string, prefix: string): string =>
    `${published(portOf(name))}${prefixLayout ? prefix : ''}`;

  const log = new RequestLog(options.logLimit);
  const handlers = new Map<string, CoreHandler>();
  const fetch = selfFetch(handlers);
  const side = await IdpSide.create({
    baseUrl: baseOf('idp', '/idp'),
    keys: options.idpKeys,
    seed: options.seed,
    people: options.people,
    password: options.password,
  });
  const slots = new Map<string, SpSlot>();
  for (const app of options.apps) {
    const slot: SpSlot = new SpSlot({
      app,
      base: baseOf(app.id, `/sp/${app.id}`),
      fetch,
      seed: options.seed,
      connect: (sp) => side.connect(app, sp),
      ...(app.idp?.scimAuth === 'oauth'
        ? { mintToken: (sp: MockSp) => mintAccessToken(app.idp!, sp, (request) => slot.handle(request)) }
        : {}),
    });
    slots.set(app.id, slot);
  }
  if (options.externalSp) await side.addExternalSp(options.externalSp);

  const hosts = new Set(['localhost', '127.0.0.1', '[::1]']);
  if (!isWildcard(options.host)) hosts.add(urlHost(options.host).toLowerCase());
  if (options.publicUrl) hosts.add(options.publicUrl.hostname.toLowerCase());
  const dashboardUrl = `${local(portOf('dashboard'))}/`;
  const applications = () =>
    [...slots.keys(), EXTERNAL_SP_SLUG].flatMap((id) => {
      const application = side.application(id);
      return application ? [{ id, application }] : [];
    });
  const dashboard = new Dashboard({
    slots,
    log,
    hosts,
    url: dashboardUrl,
    idp: () => idpView(side.web, side.users, applications()),
    sp: (slot) => spView(slot, side.web, side.application(slot.app.id)),
  });

  // Which sites answer on which listener.
  const sites = new Map<string, Site[]>();
  const place = (listener: string, site: Site) => sites.set(listener, [...(sites.get(listener) ?? []), site]);
  place(prefixLayout ? 'main' : 'idp', idpSite(side.web, prefixLayout ? '/idp' : ''));
  for (const slot of slots.values())
    place(prefixLayout ? 'main' : slot.app.id, spSite(slot, prefixLayout ? `/sp/${slot.app.id}` : ''));
  for (const [name, listener] of listeners) {
    const handle = router(
      sites.get(name) ?? [],
      log,
      name === 'main' || name === 'dashboard' ? dashboard : undefined,
    );
    listener.serve(handle);
    handlers.set(published(listener.port), handle);
  }
  // Wired last: an SP that reads the IdP's metadata URL (INT-02) fetches it from the servers above.
  for (const slot of slots.values()) await slot.start();

  const sps: ServedSp[] = [...slots.values()].map((slot) => {
    const sp = slot.sp;
    return {
      id: slot.app.id,
      name: slot.app.name,
      base: slot.base,
      ...(sp.scimBaseUrl === undefined ? {} : { scimBaseUrl: sp.scimBaseUrl }),
      ...(sp.saml ? { metadataUrl: `${slot.base}${SAML_PATHS.metadata}` } : {}),
      ...(sp.profile.saml?.spInitiated ? { loginUrl: `${slot.base}${SAML_PATHS.login}` } : {}),
    };
  });
  const metadataUrls = Object.fromEntries(
    applications().map(({ id, application }) => [id, side.web.urls(application).metadata]),
  );
  let closing: Promise<void> | undefined;
  return {
    dashboardUrl,
    idp: {
      baseUrl: side.web.baseUrl,
      loginUrl: `${side.web.baseUrl}/login`,
      consoleUrl: `${side.web.baseUrl}/console`,
      metadataUrls,
    },
    sps,
    users: side.users,
    password: options.password,
    listening: [...listeners.values()].map((listener) => `${bracketed(options.host)}:${listener.port}`),
    sp: (id) => slots.get(id)?.sp,
    close: () =>
      (closing ??= Promise.all([...listeners.values()].map((listener) => listener.close())).then(
        () => undefined,
      )),
  };
}
