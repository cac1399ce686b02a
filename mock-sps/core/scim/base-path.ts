/**
 * Everything the SP answers below its SCIM base path, in the order a request meets it: the
 * middleware of the SP's faults (outermost, docs/decisions/0012-faults-wrap.md), the app's own
 * routes there, the scheduled transient failures, then the SCIM service.
 */
import { SCIM_CONTENT_TYPE } from '#harness';
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

/** The handler of every request below the SCIM base path. */
export function scimBasePath(parts: ScimBasePathParts): ScimNext {
  const { service, transient, route } = parts;
  const below = (url: URL): string => url.pathname.slice(parts.basePath.length) || '/';
  const strict: ScimNext = (request) => {
    const url = new URL(request.url, parts.origin);
    const routed = route?.(request, url);
    if (routed) return routed;
    const rest = below(url);
    return transient.around(request, url, rest, () => service.handle(request, url, rest));
  };
  const contextOf = (request: CoreRequest): ScimRequestContext => {
    const url = new URL(request.url, parts.origin);
    return {
      url,
      path: below(url),
      refuse: (error) => scimErrorResponse(error),
      read(type, id) {
        const endpoint = type === 'User' ? service.users : service.groups;
        const entry = endpoint?.store.get(id);
        return entry && endpoint?.view(entry);
      },
      groupsOf: (memberId) => [...service.membership.groupsOf(memberId)],
      internal(method, path, body) {
        const { 'if-match': _ifMatch, ...headers } = request.headers;
        return {
          method,
          url: `${parts.basePath}${path}`,
          headers: { ...headers, 'content-type': SCIM_CONTENT_TYPE },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        };
      },
    };
  };
  return parts.around.reduceRight<ScimNext>(
    (next, middleware) => (request) => middleware(request, next, contextOf(request)),
    strict,
  );
}

/** Whether `path` (a URL's pathname) is the SCIM base path `basePath` or lies below it. */
export function isBelow(path: string, basePath: string): boolean {
  return path === basePath || path.startsWith(`${basePath}/`);
}
