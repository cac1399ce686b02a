/**
 * A fetch that reaches mock SPs in-process by origin, no socket: the default run
 * and test authors use it (SCIM and SAML endpoints alike).
 */
import { dispatchFetch, type FetchLike } from '#harness';
import type { MockSp } from '../core/mock-sp.js';

/** A fetch that answers requests to the SPs' origins; any other origin is refused like an unreachable host. */
export function inProcessFetch(sps: readonly MockSp[]): FetchLike {
  return dispatchFetch(sps.map((sp) => sp.originHandler));
}
