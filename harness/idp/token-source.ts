/**
 * Where a connector's bearer token comes from: a token pasted by the admin, or an
 * OAuth grant that can be refreshed (SF-01). The IdP sends the current token and,
 * after a 401, asks for a fresh one once before giving up.
 */
import type { FetchLike } from '#harness/scim';

export interface TokenSource {
  /** What the token is, for events and errors (never the secret itself). */
  readonly description: string;
  /** Whether `refresh` can succeed (an OAuth grant); a pasted token cannot. @default false */
  readonly refreshable?: boolean;
  /** The access token to send now. */
  current(): Promise<string>;
  /** Obtains a fresh access token after a 401 (a refresh grant); rejects when it cannot. */
  refresh(): Promise<string>;
}

/** A pasted token: nothing to refresh. */
export function pastedToken(token: string): TokenSource {
  return {
    description: 'a pasted token',
    current: () => Promise.resolve(token),
    refresh: () => Promise.reject(new Error('a pasted token cannot be refreshed; paste a new one')),
  };
}

/**
 * `fetch` sending `Authorization: Bearer <current token>`, refreshing once after a 401 unless
 * `refresh` is false (the plain client a connector context gives: refreshing is the connector's).
 */
export function authorizingFetch(
  fetch: FetchLike,
  source: TokenSource,
  options: { refresh?: boolean } = {},
): FetchLike {
  const send = async (input: string, init: RequestInit, token: string): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    headers.authorization = `Bearer ${token}`;
    return fetch(input, { ...init, headers });
  };
  return async (input, init) => {
    const first = await send(input, init, await source.current());
    if (first.status !== 401 || options.refresh === false) return first;
    let fresh: string;
    try {
      fresh = await source.refresh();
    } catch {
      return first;
    }
    return send(input, init, fresh);
  };
}
