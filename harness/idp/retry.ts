/**
 * How the reference IdP's SCIM calls survive a busy or failing SP (IDP-IDM-12, **assumed**):
 * a fetch wrapper that retries 429 and 5xx answers with exponential backoff, honouring
 * Retry-After, for a bounded number of attempts. A create (POST) is retried only after a
 * 429, which says the SP did not process it: after a 5xx or a timeout the SP may have stored
 * the user, so the connector looks it up before creating again (reference-connector.ts).
 * @see IDP-IDM-12; RFC 9110 §10.2.3 (Retry-After), RFC 6585 §4 (429)
 */
import type { FetchLike } from '#harness/scim';

/** How hard the IdP tries. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** The first backoff wait; it doubles on every retry. */
  baseDelayMs: number;
  /** The longest wait: an answer asking for a longer Retry-After is returned to the caller instead. */
  maxDelayMs: number;
  /** What each backoff wait is multiplied by for the next retry. */
  backoffFactor: number;
}

/** **assumed** (IDP-IDM-12; JumpCloud publishes no figures): 5 attempts, 1 s doubling, waits up to 2 min. */
export const RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 120_000,
  backoffFactor: 2,
};

/** The retry rules that are decisions rather than figures; a fault replaces one (decision 0012). */
export interface RetrySteps {
  /** Whether a request may be sent again after a 5xx or a transport failure: not a create, which the SP may have stored. */
  resendable(method: string): boolean;
  /** The wait the SP asked for in its answer (Retry-After), in ms; undefined when it asked none. */
  requestedWait(response: Response, now: number): number | undefined;
}

/** The strict retry steps (IDP-IDM-12; RFC 9110 §10.2.3). */
export const RETRY_STEPS: RetrySteps = {
  resendable: (method) => method !== 'POST',
  requestedWait: (response, now) => retryAfterMs(response.headers.get('retry-after'), now),
};

/** How `withRetries` waits and decides. */
export interface RetryOptions {
  /** Waits between attempts; injectable so tests never sleep. */
  sleep: (ms: number) => Promise<void>;
  /** The clock an HTTP-date Retry-After is read against, in ms since the epoch. @default Date.now */
  now?: () => number;
  /** @default RETRY_POLICY */
  policy?: Partial<RetryPolicy>;
  /** @default RETRY_STEPS */
  steps?: RetrySteps;
}

/** Statuses worth another attempt: the SP is busy or briefly failing (501 and 505 never heal). */
const RETRYABLE_5XX = new Set([500, 502, 503, 504]);

/**
 * The wait a Retry-After header asks for, in ms: delay-seconds or an HTTP date (RFC 9110
 * §10.2.3); undefined when absent or unreadable. A date in the past means "now" (0).
 */
export function retryAfterMs(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** `fetch` with retries of 429 and 5xx (IDP-IDM-12). */
export function withRetries(fetch: FetchLike, options: RetryOptions): FetchLike {
  const { sleep, steps = RETRY_STEPS } = options;
  const policy = { ...RETRY_POLICY, ...options.policy };
  const now = options.now ?? Date.now;
  const backoff = (attempt: number): number => policy.baseDelayMs * policy.backoffFactor ** (attempt - 1);
  return async (input, init) => {
    const idempotent = steps.resendable((init.method ?? 'GET').toUpperCase());
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(input, init);
      } catch (error) {
        // A transport failure (timeout, reset): only a request that can be repeated safely is repeated.
        if (!idempotent || attempt >= policy.maxAttempts || init.signal?.aborted) throw error;
        await sleep(backoff(attempt));
        continue;
      }
      const retryable = response.status === 429 || (RETRYABLE_5XX.has(response.status) && idempotent);
      if (!retryable || attempt >= policy.maxAttempts || init.signal?.aborted) return response;
      const wait = steps.requestedWait(response, now()) ?? backoff(attempt);
      if (wait > policy.maxDelayMs) return response;
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}
