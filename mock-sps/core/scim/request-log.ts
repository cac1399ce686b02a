/**
 * The SP's own request log (INT-01 request-body logging), bounded: the latest requests, each
 * body cut and its passwords masked; a request refused before authentication only counted
 * (decision 0036).
 */
import type { CoreRequest } from '../http.js';
import { KEPT_TEXT_CHARS, clip, countRefused, keepLatest, type RefusedCount } from '#harness/http';
import { maskPasswords } from './secrets.js';

/** One request as the SP's own log records it (INT-01 request-body logging). */
export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  status: number;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Present when request-body logging is on: passwords masked, cut at KEPT_TEXT_CHARS. */
  body?: string;
  /** The whole body's size in bytes, when it was cut. */
  bodyBytes?: number;
}

/** How many requests the SP's log keeps at least. */
export const REQUEST_LOG_LIMIT = 10_000;

/**
 * Adds a request to `target.log` with the status it was answered with: `body` (the one the
 * logBody step keeps, if any) with its passwords masked and cut at KEPT_TEXT_CHARS. A request
 * refused before authentication (401) is only counted in `target.refused`, with a short summary:
 * an anonymous client cannot fill the log or push the authenticated requests out of it.
 */
export function logRequest(
  target: { log: RequestLogEntry[]; refused: RefusedCount },
  at: string,
  request: CoreRequest,
  url: URL,
  rest: string,
  status: number,
  body: string | undefined,
): void {
  if (status === 401) {
    countRefused(target.refused, at, request.method, rest, status);
    return;
  }
  target.log.push({
    at,
    method: clip(request.method, 16),
    path: clip(rest, 1024),
    query: keptQuery(url.searchParams),
    status,
    ...(body
      ? {
          body: clip(maskPasswords(body)),
          ...(body.length > KEPT_TEXT_CHARS ? { bodyBytes: Buffer.byteLength(body) } : {}),
        }
      : {}),
  });
  keepLatest(target.log, REQUEST_LOG_LIMIT);
}

/** The decoded query parameters as the log keeps them, each name and value cut to size. */
function keptQuery(params: URLSearchParams): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of params) kept[clip(name, 256)] = clip(value);
  return kept;
}
