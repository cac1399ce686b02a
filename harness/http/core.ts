/**
 * The framework-neutral request and response that the mock SPs and the reference
 * IdP's web side handle; the express, msw and in-process adapters translate to
 * and from these.
 */

export interface CoreRequest {
  method: string;
  /** Absolute URL or origin-relative path with query (`/api/v2/scim/v2/Users?filter=…`). */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
  /** The raw body text; undefined when there was none. */
  body?: string;
}

export interface CoreResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /**
   * The connection is closed without an answer, as when a peer resets it or a gateway drops it;
   * the adapters make the client's fetch fail, and ignore the status, headers and body.
   */
  dropped?: true;
}

/**
 * The largest request body the core accepts by default (1 MiB): what a mock SP advertises as
 * bulk.maxPayloadSize (RFC 7643 §5) unless its profile or options name another, and answers 413
 * above (RFC 7644 §3.12).
 */
export const DEFAULT_BODY_LIMIT = 1_048_576;

export function jsonResponse(
  status: number,
  body: unknown,
  contentType: string,
  headers: Record<string, string> = {},
): CoreResponse {
  return { status, headers: { 'content-type': contentType, ...headers }, body: JSON.stringify(body) };
}
