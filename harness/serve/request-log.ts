/**
 * The live request log the dashboard polls: every request to the IdP and the SPs, masked as
 * mask.ts says, numbered so a client asks only for what it has not seen. It lives in memory only;
 * nothing of it is written to stdout or a file.
 */
import type { CoreRequest, CoreResponse } from '#harness/http';
import { maskBody, maskHeaders, maskUrl } from './mask.js';
import { pathAndQuery } from './mount.js';

/** One request and its answer, as the dashboard shows it. */
export interface LoggedRequest {
  /** Increases by one per request, from 1. */
  seq: number;
  at: string;
  /** Who answered: `idp`, an app id, or `none`. */
  site: string;
  method: string;
  /** The path and query as received, secret parameters masked. */
  path: string;
  /** 0: the connection was dropped without an answer. */
  status: number;
  ms: number;
  /** What the chaos did instead of the SP, when it did. */
  chaos?: string;
  request: { headers: Record<string, string>; body?: string };
  response: { headers: Record<string, string>; body?: string };
}

export class RequestLog {
  readonly #entries: LoggedRequest[] = [];
  #seq = 0;

  constructor(private readonly limit: number) {}

  /** The newest sequence number (0 before the first request). */
  get last(): number {
    return this.#seq;
  }

  record(
    site: string,
    request: CoreRequest,
    response: CoreResponse,
    ms: number,
    chaos?: string,
  ): LoggedRequest {
    const entry: LoggedRequest = {
      seq: ++this.#seq,
      at: new Date().toISOString(),
      site,
      method: request.method.toUpperCase(),
      path: maskUrl(pathAndQuery(request.url)),
      status: response.dropped ? 0 : response.status,
      ms: Math.round(ms),
      ...(chaos === undefined ? {} : { chaos }),
      request: bodyAndHeaders(request.headers, request.body),
      response: bodyAndHeaders(response.headers, response.body),
    };
    this.#entries.push(entry);
    if (this.#entries.length > this.limit) this.#entries.splice(0, this.#entries.length - this.limit);
    return entry;
  }

  /** The entries after `seq`, oldest first, at most `max` (the newest ones). */
  after(seq: number, max = 200): LoggedRequest[] {
    const newer = this.#entries.filter((entry) => entry.seq > seq);
    return newer.slice(-max);
  }
}

function bodyAndHeaders(
  headers: Readonly<Record<string, string | undefined>>,
  body: string | undefined,
): { headers: Record<string, string>; body?: string } {
  const shown = maskHeaders(headers);
  const text = maskBody(body, shown['content-type']);
  return text === undefined ? { headers: shown } : { headers: shown, body: text };
}
