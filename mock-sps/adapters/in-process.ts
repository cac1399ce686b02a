/**
 * A fetch that reaches mock SPs in-process by origin, no socket: the default run
 * and test authors use it (SCIM and SAML endpoints alike).
 */
import { dispatchFetch } from '#harness/http';
import type { FetchLike } from '#harness/scim';
import type { MockSp } from '../core/mock-sp.js';

/** A fetch that answers requests to the SPs' origins; any other origin is refused like an unreachable host. */
export function inProcessFetch(sps: readonly MockSp[]): FetchLike {
  return dispatchFetch(sps.map((sp) => sp.originHandler));
}
