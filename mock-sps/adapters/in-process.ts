/**
 * A fetch function that dispatches to mock SPs by origin, in-process: no socket,
 * no serialisation beyond what HTTP itself needs. The default run uses it.
 */
import type { FetchLike } from '#harness';
import type { MockSp } from '../core/mock-sp.js';

/** Reads a fetch body (the harness sends strings) as text. */
async function bodyText(body: RequestInit['body']): Promise<string | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  return new Response(body).text();
}

/** A fetch that answers requests to the SPs' origins; any other origin is refused like an unreachable host. */
export function inProcessFetch(sps: readonly MockSp[]): FetchLike {
  const byOrigin = new Map(sps.map((sp) => [sp.origin, sp]));
  return async (input, init) => {
    const url = new URL(input);
    const sp = byOrigin.get(url.origin);
    if (!sp) throw new TypeError('fetch failed', { cause: new Error(`no mock SP answers on ${url.origin}`) });
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    const body = await bodyText(init.body);
    const response = await sp.handleAsync({
      method: init.method ?? 'GET',
      url: url.href,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const noBody = response.status === 204 || response.status === 304;
    return new Response(noBody ? null : (response.body ?? ''), {
      status: response.status,
      headers: response.headers,
    });
  };
}
