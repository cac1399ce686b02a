/**
 * Transient failures an SP admin (a scenario) can schedule: the next N SCIM requests
 * answered 429 or 5xx, as a rate limiter or an overloaded gateway answers them, and a
 * create that is stored but answered 504, as when a gateway times out after the SP
 * processed the request. They let the retry checks (IDP-IDM-12) see how the IdP copes.
 * @see IDP-IDM-12; RFC 6585 §4 (429 and Retry-After)
 */
import { SCIM_CONTENT_TYPE, errorBody } from '#harness/scim';
import type { CoreRequest, CoreResponse } from './http.js';
import { jsonResponse } from './http.js';
import type { RequestLogEntry } from './scim/scim-service.js';

/** A status a transient failure answers with. */
export type TransientStatus = 429 | 500 | 502 | 503 | 504;

export interface TransientFailure {
  /** @default 503 */
  status?: TransientStatus;
  /** Sent as Retry-After: seconds, a Date (sent as an HTTP date), or the header's text as is. */
  retryAfter?: number | Date | string;
}

/** A request the transient failures answered instead of the SP (or, for a timed-out create, after it). */
export interface TransientAnswer {
  at: string;
  method: string;
  /** The path below the SCIM base URL. */
  path: string;
  status: TransientStatus;
  /** The Retry-After sent, if any. */
  retryAfter?: string;
  /** Whether the SP had processed the request (a create timed out after it was stored). */
  processed: boolean;
}

export interface TransientEnv {
  now: () => Date;
  /** Appends to the SP's request log, so the answers show there too. */
  log: (entry: RequestLogEntry) => void;
}

const STATUSES: readonly TransientStatus[] = [429, 500, 502, 503, 504];

const DETAILS: Record<TransientStatus, string> = {
  429: 'Too many requests: the rate limit is exceeded; retry later',
  500: 'Internal server error; retry later',
  502: 'Bad gateway; retry later',
  503: 'Service unavailable; retry later',
  504: 'Gateway timeout: the SP did not answer in time',
};

/** The admin control behind `MockSp.transient`. */
export class TransientFailures {
  /** What the failures answered, oldest first. */
  readonly answered: TransientAnswer[] = [];
  readonly #queue: { status: TransientStatus; retryAfter: string | undefined }[] = [];
  #timeOutCreates = 0;

  constructor(private readonly env: TransientEnv) {}

  /** Answers the next `count` SCIM requests with `failure` instead of handling them. */
  failNext(count: number, failure: TransientFailure = {}): void {
    if (!Number.isInteger(count) || count < 1)
      throw new TypeError(`failNext needs a positive whole number of requests (found ${count})`);
    const status = failure.status ?? 503;
    if (!STATUSES.includes(status))
      throw new TypeError(`A transient failure answers ${STATUSES.join(', ')} (found ${status})`);
    const retryAfter =
      failure.retryAfter instanceof Date
        ? failure.retryAfter.toUTCString()
        : failure.retryAfter === undefined
          ? undefined
          : String(failure.retryAfter);
    for (let i = 0; i < count; i++) this.#queue.push({ status, retryAfter });
  }

  /** Stores the next `count` creates (POST /Users) but answers each with a 504 gateway timeout. */
  timeOutNextCreate(count = 1): void {
    if (!Number.isInteger(count) || count < 1)
      throw new TypeError(`timeOutNextCreate needs a positive whole number of creates (found ${count})`);
    this.#timeOutCreates += count;
  }

  /** Failures scheduled and not yet answered. */
  get pending(): number {
    return this.#queue.length + this.#timeOutCreates;
  }

  /** Cancels every scheduled failure. */
  clear(): void {
    this.#queue.length = 0;
    this.#timeOutCreates = 0;
  }

  /** Answers a SCIM request: a scheduled failure, or `handle`'s answer (a 504 for a create due to time out). */
  around(request: CoreRequest, url: URL, path: string, handle: () => CoreResponse): CoreResponse {
    const at = this.env.now().toISOString();
    const method = request.method.toUpperCase();
    const failure = this.#queue.shift();
    if (failure) {
      const retryAfter = failure.retryAfter;
      this.answered.push({
        at,
        method,
        path,
        status: failure.status,
        ...(retryAfter === undefined ? {} : { retryAfter }),
        processed: false,
      });
      this.env.log({ at, method, path, status: failure.status, query: Object.fromEntries(url.searchParams) });
      return this.#failure(failure.status, retryAfter);
    }
    const response = handle();
    const isCreate = method === 'POST' && /^\/Users\/?$/i.test(path);
    if (isCreate && this.#timeOutCreates > 0 && response.status >= 200 && response.status < 300) {
      this.#timeOutCreates--;
      // The SP's own log keeps its 201: it stored the user; the gateway in front of it gave up.
      this.answered.push({ at, method, path, status: 504, processed: true });
      return this.#failure(504, undefined);
    }
    return response;
  }

  #failure(status: TransientStatus, retryAfter: string | undefined): CoreResponse {
    return jsonResponse(
      status,
      errorBody(status, undefined, DETAILS[status]),
      SCIM_CONTENT_TYPE,
      retryAfter === undefined ? {} : { 'retry-after': retryAfter },
    );
  }
}
