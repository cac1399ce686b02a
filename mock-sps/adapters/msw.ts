/**
 * msw 2 request handlers for a mock SP, for test authors who intercept fetch in
 * their own suites (`setupServer(...mswHandlers(sp))`).
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { MockSp } from '../core/mock-sp.js';

/** Handlers answering every request to the SP's origin. */
export function mswHandlers(sp: MockSp): HttpHandler[] {
  return [
    http.all(`${sp.origin}/*`, async ({ request }) => {
      const headers: Record<string, string> = {};
      request.headers.forEach((value, key) => (headers[key] = value));
      const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      const response = await sp.handleAsync({
        method: request.method,
        url: request.url,
        headers,
        ...(text ? { body: text } : {}),
      });
      // msw answers Response.error() with a network error, as a dropped connection gives.
      if (response.dropped) return Response.error();
      const noBody = response.status === 204 || response.status === 304;
      return new HttpResponse(noBody ? null : (response.body ?? ''), {
        status: response.status,
        headers: response.headers,
      });
    }),
  ];
}
