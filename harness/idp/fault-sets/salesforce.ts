/**
 * IdP fault switches for Salesforce's connector rules (SF-01…SF-13): each makes the reference IdP or
 * its connector break one rule, the way a buggy connector would.
 */
import type { Connector } from '../connector.js';

export const SALESFORCE_IDP_FAULTS = {
  'oauth-accept-pasted-token':
    'activates an OAuth-authorised app (Salesforce) with a pasted token instead of the consent flow (SF-01)',
} as const;

/** `base` with this set's connector-level faults among `faults` applied. */
export function applySalesforceFaults(base: Connector, _faults: ReadonlySet<string>): Connector {
  return base;
}
