/**
 * An SP served below a path prefix (`/sp/interact`), as a reverse proxy serves an app: the prefix
 * is taken off each request, and put back on the root-relative URLs of its answers (a Location
 * such as `/saml/result`, the links and form actions of its HTML pages). The SP itself publishes
 * its absolute URLs (metadata, ACS, SCIM base) under the prefix, from its origin.
 */
import type { CoreRequest, CoreResponse } from '#harness/http';

/** Whether `path` (with or without a query) is `prefix` itself or below it. */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
}

/** The path and query of an origin-relative or absolute URL. */
export function pathAndQuery(url: string): string {
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

/** `request` as the app below `prefix` sees it: origin-relative, the prefix taken off. */
export function innerRequest(prefix: string, request: CoreRequest): CoreRequest {
  const inner = pathAndQuery(request.url).slice(prefix.length);
  return { ...request, url: inner.startsWith('/') ? inner : `/${inner}` };
}

/** A root-relative reference (`/x`, not `//host/x`), prefixed; anything else as it is. */
function prefixed(prefix: string, reference: string): string {
  return reference.startsWith('/') && !reference.startsWith('//') ? `${prefix}${reference}` : reference;
}

/** Root-relative `href` and `action` attributes of an HTML page, prefixed. */
function prefixLinks(prefix: string, html: string): string {
  return html.replace(
    /(\s(?:href|action)=")(\/(?!\/)[^"]*)"/g,
    (_match, attribute: string, reference: string) => `${attribute}${prefix}${reference}"`,
  );
}

/** The answer of the app below `prefix` as the browser must see it: root-relative URLs prefixed. */
export function outerResponse(prefix: string, response: CoreResponse): CoreResponse {
  if (prefix === '' || response.dropped) return response;
  const headers = { ...response.headers };
  if (headers.location !== undefined) headers.location = prefixed(prefix, headers.location);
  const html = (headers['content-type'] ?? '').startsWith('text/html');
  if (response.body === undefined || !html) return { ...response, headers };
  return { ...response, headers, body: prefixLinks(prefix, response.body) };
}
