/**
 * IdP fault switches for Profit.co's and SparkPost's connector rules (PCO-*, SPK-*): each makes the reference IdP or
 * its connector break one rule, the way a buggy connector would.
 */
import type { Connector } from '../connector.js';

export const APPS_IDP_FAULTS = {} as const;

/** `base` with this set's connector-level faults among `faults` applied. */
export function applyAppsFaults(base: Connector, _faults: ReadonlySet<string>): Connector {
  return base;
}
