/**
 * Everything the SP answers below its SCIM base path, in the order a request meets it: the
 * middleware of the SP's faults (outermost, docs/decisions/0012-faults-wrap.md), the app's own
 * routes there, the scheduled transient failures, then the SCIM service.
 */
import { SCIM_CONTENT_TYPE } from '#harness/scim';
import type { CoreRequest } from '../http.js';
import type { ScimQuirks } from '../profile.js';
import type { TransientFailures } from '../transient.js';
import type { ScimMiddleware, ScimNext, ScimRequestContext } from './fault-seams.js';
import type { ScimService } from './scim-service.js';
import { scimErrorResponse } from './wire.js';

/** What answers below the SCIM base path is made of. */
export interface ScimBasePathParts {
  /** The SP's origin, which relative request URLs resolve against. */
  origin: string;
  /** The SCIM base path, without a trailing slash. */
  basePath: string;
  service: ScimService;
  transient: TransientFailures;
  /** The app's own routes (ScimQuirks.route). */
  route: ScimQuirks['route'];
  /** The faults' middleware, outermost first. */
  around: readonly ScimMiddleware[];
}

/** A request as it reached the base path, and the status the service answered it with. */
interface Received {
  request: CoreRequest;
  url: URL;
  rest: string;
  status?: number;
}

/**
 * The handler of every request below the SCIM base path. The SP's log (and its transient
 * failures) see each request as its client sent it, once, with the status the service (or a
 * fault's refusal) gave it, however a fault's middleware rewrote or split it; a fault's own
 * requests (`context.internal`) are the SP's doing and are not logged.
 */
export function scimBasePath(parts: ScimBasePathParts): ScimNext {
  const { service, transient, route } = parts;
  const received = (request: CoreRequest): Received => {
    const url = new URL(request.url, parts.origin);
    return { request, url, rest: url.pathname.slice(parts.basePath.length) || '/' };
  };
  const internal = new WeakSet<CoreRequest>();
  const states = new Map<string, unknown>();
  let answering: Received | undefined;
  const strict: ScimNext = (request) => {
    const { url, rest } = received(request);
    const routed = route?.(request, url);
    if (routed) return routed;
    // The SP's own follow-up changes come from no client: no gateway in front of them, no log entry.
    if (internal.has(request)) return service.answer(request, url, rest);
    const client = answering!;
    return transient.around(client.request, client.url, client.rest, () => {
      const response = service.answer(request, url, rest);
      client.status = response.status;
      return response;
    });
  };
  const contextOf = (request: CoreRequest): ScimRequestContext => {
    const { url, rest } = received(request);
    return {
      url,
      path: rest,
      refuse(error) {
        const response = scimErrorResponse(error);
        // The SP answered: its log shows the refusal as it shows the service's.
        if (!internal.has(request) && answering) answering.status = response.status;
        return response;
      },
      read(type, id) {
        const endpoint = type === 'User' ? service.users : service.groups;
        const entry = endpoint?.store.get(id);
        return entry && endpoint?.view(entry);
      },
      groupsOf: (memberId) => [...service.membership.groupsOf(memberId)],
      internal(method, path, body) {
        const { 'if-match': _ifMatch, ...headers } = request.headers;
        const own: CoreRequest = {
          method,
          url: `${url.origin}${parts.basePath}${path}`,
          headers: { ...headers, 'content-type': SCIM_CONTENT_TYPE },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        };
        internal.add(own);
        return own;
      },
      state<T>(key: string, initial: () => T): T {
        if (!states.has(key)) states.set(key, initial());
        return states.get(key) as T;
      },
    };
  };
  const chain = parts.around.reduceRight<ScimNext>(
    (next, middleware) => (request) => middleware(request, next, contextOf(request)),
    strict,
  );
  return (request) => {
    const client = received(request);
    answering = client;
    const response = chain(request);
    answering = undefined;
    if (client.status !== undefined) service.record(client.request, client.url, client.rest, client.status);
    return response;
  };
}

/** Whether `path` (a URL's pathname) is the SCIM base path `basePath` or lies below it. */
export function isBelow(path: string, basePath: string): boolean {
  return path === basePath || path.startsWith(`${basePath}/`);
}
