/**
 * A SCIM client that records every exchange, so a check can attach the exact
 * request and response it judged as evidence.
 * @see RFC 7644 §3
 */
import { maskHeaders, type HttpExchange } from '#harness/evidence';

/** A fetch-compatible function: global fetch for HTTP, or an in-process dispatcher. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export const SCIM_CONTENT_TYPE = 'application/scim+json';

export interface ScimClientOptions {
  /** SCIM base URL, without a trailing slash; `/Users` is appended to it. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` unless a request overrides the header. */
  token?: string;
  /** @default globalThis.fetch */
  fetch?: FetchLike;
  /** Receives every exchange. @default an in-memory log readable through `exchanges` */
  record?: (exchange: HttpExchange) => void;
  /** Per-request timeout. @default 10000 */
  timeoutMs?: number;
}

export interface ScimRequestOptions {
  /** Serialised as JSON unless already a string. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Query parameters, encoded with URLSearchParams. */
  query?: Record<string, string | number | undefined>;
}

export interface ScimResponse {
  status: number;
  headers: Record<string, string>;
  /** The raw response text. */
  text: string;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  body: unknown;
  exchange: HttpExchange;
}

export class ScimClient {
  readonly baseUrl: string;
  readonly exchanges: HttpExchange[] = [];
  readonly #token: string | undefined;
  readonly #fetch: FetchLike;
  readonly #record: (exchange: HttpExchange) => void;
  readonly #timeoutMs: number;

  constructor(options: ScimClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#record = options.record ?? ((exchange) => this.exchanges.push(exchange));
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** A client for the same server with another token (or none). */
  withToken(token: string | undefined): ScimClient {
    return new ScimClient({
      baseUrl: this.baseUrl,
      token,
      fetch: this.#fetch,
      record: this.#record,
      timeoutMs: this.#timeoutMs,
    });
  }

  /** The absolute URL of a path below the base URL (or the URL itself when absolute). */
  url(path: string, query?: ScimRequestOptions['query']): string {
    const url = /^https?:\/\//.test(path) ? path : `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
    if (!query) return url;
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const encoded = params.toString();
    return encoded ? `${url}${url.includes('?') ? '&' : '?'}${encoded}` : url;
  }

  get(path: string, options: ScimRequestOptions = {}): Promise<ScimResponse> {
    return this.request('GET', path, options);
  }
  post(path: string, body: unknown, options: ScimRequestOptions = {}): Promise<ScimResponse> {
    return this.request('POST', path, { ...options, body });
  }
  put(path: string, body: unknown, options: ScimRequestOptions = {}): Promise<ScimResponse> {
    return this.request('PUT', path, { ...options, body });
  }
  patch(path: string, body: unknown, options: ScimRequestOptions = {}): Promise<ScimResponse> {
    return this.request('PATCH', path, { ...options, body });
  }
  delete(path: string, options: ScimRequestOptions = {}): Promise<ScimResponse> {
    return this.request('DELETE', path, options);
  }

  /** Sends one request and records it; transport failures are recorded, then rethrown. */
  async request(method: string, path: string, options: ScimRequestOptions = {}): Promise<ScimResponse> {
    const url = this.url(path, options.query);
    const headers: Record<string, string> = { accept: SCIM_CONTENT_TYPE };
    if (this.#token !== undefined) headers.authorization = `Bearer ${this.#token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] = SCIM_CONTENT_TYPE;
    }
    for (const [key, value] of Object.entries(options.headers ?? {})) {
      const lower = key.toLowerCase();
      if (value === '') delete headers[lower];
      else headers[lower] = value;
    }
    const started = performance.now();
    const request = { method, url, headers: maskHeaders(headers), ...(body === undefined ? {} : { body }) };
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const text = transportError(error);
      this.#record({ request, error: text, durationMs: elapsedMs(started) });
      throw new ScimTransportError(`${method} ${url} failed: ${text}`);
    }
    const text = await response.text();
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => (responseHeaders[key] = value));
    const exchange: HttpExchange = {
      request,
      response: { status: response.status, headers: responseHeaders, ...(text ? { body: text } : {}) },
      durationMs: elapsedMs(started),
    };
    this.#record(exchange);
    return { status: response.status, headers: responseHeaders, text, body: parseJson(text), exchange };
  }
}

/** The server could not be reached, or did not answer in time. */
export class ScimTransportError extends Error {
  readonly code = 'SCIM_TRANSPORT';
  constructor(message: string) {
    super(message);
    this.name = 'ScimTransportError';
  }
}

const elapsedMs = (started: number): number => Math.round((performance.now() - started) * 100) / 100;

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function transportError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

/**
 * `GET /Users?count=1` as a preflight sends it, before a run or a load: the answer, or why there
 * was none. Sent twice when the first gets no answer: a pooled keep-alive socket to a port that
 * was since reused fails once, then works.
 */
export async function probeUsers(client: ScimClient): Promise<{ answer?: ScimResponse; failure: string }> {
  let failure = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return { answer: await client.get('/Users', { query: { count: 1 } }), failure: '' };
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
  }
  return { failure };
}
