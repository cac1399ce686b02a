/**
 * A dialect's retry rules as code that reads them: per-request retries (withRetries with the
 * profile's figures), the escrow schedule of a failed operation, and the quarantine rule that
 * makes the IdP stop calling the SP. Waits go through an injected sleep; nothing here sleeps.
 * @see IDP-IDM-12; DialectProfile.retry
 */
import type { FetchLike } from '#harness/scim';
import type { DialectProfile, RetryWire } from './dialects/index.js';
import { withRetries } from './retry.js';

/** `fetch` retrying 429 and 5xx with the dialect's per-request figures (IDP-IDM-12). */
export function dialectFetch(
  fetch: FetchLike,
  profile: DialectProfile,
  options: { sleep: (ms: number) => Promise<void>; now?: () => number },
): FetchLike {
  return withRetries(fetch, { ...options, policy: profile.retry.request });
}

/**
 * When a failed operation is tried again, in ms after its first failure: the listed offsets,
 * then one every `everyMs` up to `giveUpAfterMs`. Empty when the dialect has no escrow.
 */
export function escrowSchedule(escrow: RetryWire['escrow']): number[] {
  if (escrow === null) return [];
  const offsets = escrow.offsetsMs.filter((at) => at <= escrow.giveUpAfterMs);
  let at = offsets.at(-1) ?? 0;
  while (at + escrow.everyMs <= escrow.giveUpAfterMs) offsets.push((at += escrow.everyMs));
  return offsets;
}

/** What the IdP has counted against one SP. */
export interface FailureCount {
  failures: number;
  successes: number;
  /** Whether an answer that quarantines at once (invalid credentials) was seen. */
  immediate: boolean;
}

/** Whether the counts put the IdP's job for this SP in quarantine under `rule` (null: never). */
export function quarantined(rule: RetryWire['quarantine'], count: FailureCount): boolean {
  if (rule === null) return false;
  if (count.immediate || count.failures > rule.absoluteFailures) return true;
  if (count.failures < rule.minFailures) return false;
  const share = count.failures / (count.failures + count.successes);
  return share > rule.failureShare || count.failures > rule.maxFailures;
}

/** A duration for a message: `6 h`, `2 d`, `1500 ms`. */
export function duration(ms: number): string {
  if (ms >= 86_400_000 && ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms >= 1_000 && ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}
