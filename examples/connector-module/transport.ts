/**
 * How the example connector's calls survive a busy SP and an expired token: the bearer token,
 * one refresh after a 401, and retries of 429 and 5xx honouring Retry-After with exponential
 * backoff. The package has all this ready-made (`withRetries(authorizingFetch(…))`); it is
 * written out here because it is exactly what the retry and token checks judge, and your
 * production connector will not import the harness.
 * @see IDP-IDM-12; SF-01; RFC 9110 §10.2.3 (Retry-After); RFC 6585 §4 (429)
 */
import type { ConnectorContext } from 'sso-harness';

type FetchLike = ConnectorContext['transport'];

// IDP-IDM-12 names no figures: these are ours. The checks judge when requests reach the SP.
export const MAX_ATTEMPTS = 5;
const MAX_WAIT_MS = 120_000;
/** 501 and 505 never heal; these may. */
const TRANSIENT_5XX = [500, 502, 503, 504];

/** 1 s, 2 s, 4 s…: the wait after attempt `attempt` failed, when the SP asked for none. */
export const backoff = (attempt: number): number => 1_000 * 2 ** (attempt - 1);

/** Retry-After as delay-seconds or an HTTP date, in ms. */
export function retryAfterMs(header: string | null | undefined, now: number): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header) * 1_000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** `ctx.transport` with the current token, refreshed once after a 401 (SF-01). */
function authorized(ctx: ConnectorContext): FetchLike {
  return async (url, init) => {
    const send = (token: string): Promise<Response> => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return ctx.transport(url, { ...init, headers });
    };
    const first = await send(await ctx.credentials.current());
    if (first.status !== 401) return first;
    // An OAuth access token expires (Salesforce); a pasted token cannot be refreshed: its 401 stands.
    const fresh = await ctx.credentials.refresh().catch(() => undefined);
    return fresh === undefined ? first : send(fresh);
  };
}

/** `fetch` retried on 429 and transient 5xx (IDP-IDM-12), waiting through the context's clock. */
function retrying(ctx: ConnectorContext, fetch: FetchLike): FetchLike {
  return async (url, init) => {
    // A create answered 5xx (or lost in transit) may have been stored: the connector looks it
    // up rather than sending it again (createUser in connector.ts).
    const resendable = init.method !== 'POST';
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, init);
      } catch (error) {
        if (!resendable || attempt === MAX_ATTEMPTS) throw error;
        await ctx.sleep(backoff(attempt));
        continue;
      }
      // A 429 says the SP did not process the request, so even a create is sent again.
      const retry = response.status === 429 || (resendable && TRANSIENT_5XX.includes(response.status));
      if (!retry || attempt === MAX_ATTEMPTS) return response;
      const wait = retryAfterMs(response.headers.get('retry-after'), ctx.now()) ?? backoff(attempt);
      if (wait > MAX_WAIT_MS) return response;
      await response.body?.cancel();
      // ctx.sleep, never a timer of our own: the harness runs a virtual clock, so a 30 s
      // Retry-After costs no wall time and the checks still see it kept.
      await ctx.sleep(wait);
    }
  };
}

/** The SCIM client every call uses: recorded by the harness, over the transport above. */
export const scimClient = (ctx: ConnectorContext): ConnectorContext['scim'] =>
  ctx.client(retrying(ctx, authorized(ctx)));
