/**
 * The dashboard at `/` and its JSON API at `/api/…`: the page, the state it polls, and the
 * buttons' POSTs. It is a local admin page that shows SCIM tokens, so it answers only requests
 * made straight to this machine by name (never through a tunnel or proxy, never for a foreign
 * Host, which a DNS-rebinding page would send), and every POST carries the page's per-process
 * CSRF token in a header, which no other site's page can read or send.
 * @see docs/decisions/0027-serve.md
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { CoreRequest, CoreResponse } from '#harness/http';
import { CHAOS_PRESETS, ChaosSpecError } from '#mock-sps';
import { dashboardPage } from './dashboard-page.js';
import type { RequestLog } from './request-log.js';
import { SlotError, type SpSlot, type SwitchableFault } from './sp-slot.js';
import type { IdpView, SpView } from './state.js';

/** The header every POST to the API carries, holding the page's CSRF token. */
export const CSRF_HEADER = 'x-sso-harness-csrf';

/** Headers a proxy or tunnel adds: their presence means the request did not come straight here. */
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'cf-connecting-ip'];

/** The largest POST body the API reads. */
const API_BODY_LIMIT = 16_384;

/** What the dashboard reads and acts on. */
export interface DashboardModel {
  slots: ReadonlyMap<string, SpSlot>;
  log: RequestLog;
  idp(): IdpView;
  sp(slot: SpSlot): SpView;
  /** Host names (without port) the dashboard answers for. */
  hosts: ReadonlySet<string>;
  /** Where the dashboard is opened, for the refusal message. */
  url: string;
}

/** The whole state the page polls, with the request log after `after`. */
export interface DashboardState {
  idp: IdpView;
  sps: SpView[];
  log: { last: number; entries: ReturnType<RequestLog['after']> };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): CoreResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

const problem = (status: number, detail: string, headers: Record<string, string> = {}): CoreResponse =>
  json(status, { error: detail }, headers);

function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1).toLowerCase();
  const colon = host.lastIndexOf(':');
  return (colon < 0 ? host : host.slice(0, colon)).toLowerCase();
}

export class Dashboard {
  readonly #model: DashboardModel;
  readonly #csrf = randomBytes(24).toString('base64url');

  constructor(model: DashboardModel) {
    this.#model = model;
  }

  /** Whether `path` is the dashboard's (the page or its API). */
  static owns(path: string): boolean {
    return path === '/' || path === '/index.html' || path === '/api' || path.startsWith('/api/');
  }

  async handle(request: CoreRequest): Promise<CoreResponse> {
    const refusal = this.#refusal(request);
    if (refusal) return refusal;
    const url = new URL(request.url, 'http://dashboard.invalid');
    const method = request.method.toUpperCase();
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (method !== 'GET' && method !== 'HEAD')
        return problem(405, 'The dashboard page takes GET', { allow: 'GET, HEAD' });
      return dashboardPage(this.#csrf);
    }
    const segments = url.pathname.split('/').slice(2);
    const [first, id, action] = segments;
    if (first === 'state' && segments.length === 1)
      return method === 'GET' ? this.#state(url) : problem(405, 'Use GET', { allow: 'GET' });
    if (first === 'faults' && segments.length === 1)
      return method === 'GET' ? this.#faults() : problem(405, 'Use GET', { allow: 'GET' });
    if (first === 'sp' && segments.length === 3) {
      let name: string;
      try {
        name = decodeURIComponent(id!);
      } catch {
        return problem(400, `Malformed SP id '${id}' in the path`);
      }
      const slot = this.#model.slots.get(name);
      if (!slot)
        return problem(
          404,
          `No SP '${id}' is served; serve it with --sp ${id}, or use one of ${[...this.#model.slots.keys()].join(', ')}`,
        );
      if (method !== 'POST') return problem(405, `Use POST for ${action}`, { allow: 'POST' });
      return this.#act(request, slot, action!);
    }
    return problem(
      404,
      `No API at ${url.pathname}; the dashboard uses /api/state, /api/faults and /api/sp/<id>/<action>`,
    );
  }

  /** Why the request is refused, if it is: not straight to this machine, or a POST without the token. */
  #refusal(request: CoreRequest): CoreResponse | undefined {
    const host = request.headers.host;
    const forwarded = FORWARDED.some((name) => request.headers[name] !== undefined);
    if (forwarded || host === undefined || !this.#model.hosts.has(hostName(host)))
      return {
        status: 403,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
        body: `The dashboard shows SCIM tokens, so it answers only on this machine: open ${this.#model.url} (it refuses requests through a tunnel or proxy, and for other host names).\n`,
      };
    if (request.method.toUpperCase() !== 'POST') return undefined;
    const sent = Buffer.from(request.headers[CSRF_HEADER] ?? '');
    const expected = Buffer.from(this.#csrf);
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
      return problem(403, `Missing or wrong ${CSRF_HEADER} header: reload the dashboard and try again`);
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== 'null') {
      let same = false;
      try {
        same = new URL(origin).host === host;
      } catch {
        same = false;
      }
      if (!same)
        return problem(
          403,
          `A POST from ${origin} is refused: the dashboard acts only on its own page's requests`,
        );
    }
    return undefined;
  }

  #state(url: URL): CoreResponse {
    const after = Number(url.searchParams.get('after') ?? '0');
    const model = this.#model;
    const state: DashboardState = {
      idp: model.idp(),
      sps: [...model.slots.values()].map((slot) => model.sp(slot)),
      log: { last: model.log.last, entries: model.log.after(Number.isFinite(after) ? after : 0) },
    };
    return json(200, state);
  }

  #faults(): CoreResponse {
    const faults: Record<string, readonly SwitchableFault[]> = {};
    for (const [id, slot] of this.#model.slots) faults[id] = slot.faults;
    return json(200, { faults, chaosPresets: CHAOS_PRESETS });
  }

  async #act(request: CoreRequest, slot: SpSlot, action: string): Promise<CoreResponse> {
    let body: Record<string, unknown> = {};
    if (request.body !== undefined && request.body !== '') {
      if (request.body.length > API_BODY_LIMIT)
        return problem(413, `The body is over ${API_BODY_LIMIT} bytes`);
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json')
        return problem(415, `Send the body as application/json (found '${type || 'no content type'}')`);
      try {
        const parsed: unknown = JSON.parse(request.body);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError();
        body = parsed as Record<string, unknown>;
      } catch {
        return problem(400, 'The body is not a JSON object');
      }
    }
    try {
      switch (action) {
        case 'reset':
          await slot.reset();
          break;
        case 'fault': {
          if (typeof body.id !== 'string' || typeof body.on !== 'boolean')
            return problem(400, 'Send {"id": "<fault id>", "on": true|false}');
          await slot.setFault(body.id, body.on);
          break;
        }
        case 'chaos': {
          if (typeof body.armed !== 'boolean' || (body.spec !== undefined && typeof body.spec !== 'string'))
            return problem(400, 'Send {"spec": "<preset or items>", "armed": true|false} (spec optional)');
          slot.setChaos(body.spec as string | undefined, body.armed);
          break;
        }
        case 'token':
          if (slot.credential?.kind !== 'oauth')
            return problem(
              400,
              `${slot.app.name} takes a bearer token that stays the same; no new one is needed`,
            );
          await slot.refreshToken();
          break;
        default:
          return problem(404, `Unknown action '${action}'; use reset, fault, chaos or token`);
      }
    } catch (error) {
      if (error instanceof SlotError || error instanceof ChaosSpecError || error instanceof TypeError)
        return problem(400, error.message);
      throw error;
    }
    return json(200, this.#model.sp(slot));
  }
}
