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
  if (body instanceof URLSearchParams) return body.toString();
  return new Response(body).text();
}

/**
 * A Response whose text is already in hand. undici's Response wraps a body in a ReadableStream
 * and reads it back through the stream machinery: about 23 µs a request where this takes 2, and
 * a default run makes tens of thousands of in-process requests (decision 0035). `text()` and
 * `json()` read the string directly; everything else (the stream, `arrayBuffer()`, `clone()`…)
 * goes to a real Response made on first use, so the object behaves as fetch's own would,
 * including refusing to be read twice.
 */
class TextResponse extends Response {
  /** null for a status without content (204, 304), as fetch gives. */
  readonly #text: string | null;
  readonly #init: ResponseInit;
  #used = false;
  #real: Response | undefined;

  constructor(text: string | null, init: ResponseInit) {
    super(null, init);
    this.#text = text;
    this.#init = init;
  }

  #full(): Response {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    return (this.#real ??= new Response(this.#text, this.#init));
  }

  #take(): string {
    if (this.#used || this.#real?.bodyUsed)
      throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    return this.#text ?? '';
  }

  override get body(): Response['body'] {
    return this.#text === null ? null : this.#full().body;
  }
  override get bodyUsed(): boolean {
    return this.#used || (this.#real?.bodyUsed ?? false);
  }
  override async text(): Promise<string> {
    return this.#take();
  }
  override async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#full().arrayBuffer();
  }
  override async blob(): Promise<Blob> {
    return this.#full().blob();
  }
  override async formData(): Promise<FormData> {
    return this.#full().formData();
  }
  override clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    return new TextResponse(this.#text, this.#init);
  }
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
    return new TextResponse(noBody ? null : (response.body ?? ''), {
      status: response.status,
      headers: response.headers,
    });
  };
}
