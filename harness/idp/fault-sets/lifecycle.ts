/**
 * IdP fault switches for group sync, token changes and deactivation of the integration (IDP-IDM-02, -07, -11): each makes the reference IdP or
 * its connector break one rule, the way a buggy connector would.
 */
import type { Connector } from '../connector.js';

export const LIFECYCLE_IDP_FAULTS = {} as const;

/** `base` with this set's connector-level faults among `faults` applied. */
export function applyLifecycleFaults(base: Connector, _faults: ReadonlySet<string>): Connector {
  return base;
}
