/**
 * A SCIM exchange as the mock SP served it, in the evidence shape every report reads: what a
 * check or a transcript sees of a connector that talks to the SP without the harness's clients
 * (over the HTTP bridge, or with an HTTP client of its own).
 */
import type { HttpExchange } from '#harness/evidence';
import { maskHeaders } from '#harness/evidence';
import type { CoreRequest, CoreResponse } from './http.js';

/** The exchange of `request` (absolute, or relative to `origin`) and `response`, or of a dropped connection. */
export function wireExchange(
  request: CoreRequest,
  origin: string,
  response: CoreResponse,
  durationMs: number,
): HttpExchange {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
  const sent = {
    method: request.method.toUpperCase(),
    url: new URL(request.url, origin).href,
    // Evidence never carries a usable credential (the token keeps its last four characters).
    headers: maskHeaders(headers),
    ...(request.body === undefined ? {} : { body: request.body }),
  };
  const duration = Math.round(durationMs * 100) / 100;
  if (response.dropped)
    return { request: sent, error: 'the connection was dropped without an answer', durationMs: duration };
  return {
    request: sent,
    response: {
      status: response.status,
      headers: { ...response.headers },
      ...(response.body === undefined ? {} : { body: response.body }),
    },
    durationMs: duration,
  };
}
