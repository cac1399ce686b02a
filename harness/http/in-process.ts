/**
 * A fetch function that dispatches by origin to handlers in this process: no
 * socket, no serialisation beyond what HTTP itself needs. The default run reaches
 * the mock SPs and the reference IdP's web side through it.
 */
import type { FetchLike } from '#harness/scim';
import type { CoreRequest, CoreResponse } from './core.js';

/** Anything that answers CoreRequests on one origin (a mock SP, the IdP's web side). */
export interface OriginHandler {
  readonly origin: string;
  handle(request: CoreRequest): CoreResponse | Promise<CoreResponse>;
}

/** Reads a fetch body (the harness sends strings or URLSearchParams) as text. */
async function bodyText(body: RequestInit['body']): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  return new Response(body).text();
}

/**
 * A fetch that answers requests to the handlers' origins; any other origin fails
 * like an unreachable host. The array is read on every call, so an origin added
 * later (the IdP next to an SP) joins the same in-process network.
 */
export function dispatchFetch(handlers: readonly OriginHandler[]): FetchLike {
  return async (input, init) => {
    const url = new URL(input);
    const handler = handlers.find((candidate) => candidate.origin === url.origin);
    if (!handler)
      throw new TypeError('fetch failed', {
        cause: new Error(`nothing answers on ${url.origin} in this process`),
      });
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    if (init.body instanceof URLSearchParams && headers['content-type'] === undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    }
    const body = await bodyText(init.body);
    const response = await handler.handle({
      method: init.method ?? 'GET',
      url: url.href,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    // A dropped connection fails as undici's fetch fails on a reset socket.
    if (response.dropped)
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });
    const noBody = response.status === 204 || response.status === 304;
    return new Response(noBody ? null : (response.body ?? ''), {
      status: response.status,
      headers: response.headers,
    });
  };
}
