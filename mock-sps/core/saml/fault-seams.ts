/**
 * The seams a SAML fault of the mock SP wraps (docs/decisions/0012-faults-wrap.md).
 */
import type { SpProfile } from '../profile.js';
import type { AcsSteps } from './acs-steps.js';
import type { IdpSettings } from './idp-settings.js';
import type { AuthnRequestPlan } from './sp-initiated.js';

export interface SamlFaultApply {
  /** Changed profile data. */
  profile?: (profile: SpProfile) => SpProfile;
  /** The ACS with some of its named steps replaced (the SAML checks' from harness/saml's `vulnerable`). */
  acs?: (strict: AcsSteps) => AcsSteps;
  /** What the SP keeps of the IdP settings its admin entered (INT-02, SPK-01), given what it held before. */
  idpSettings?: (entered: IdpSettings, previous: IdpSettings | undefined) => IdpSettings;
  /** How the SP builds and sends its AuthnRequest. */
  authnRequest?: (strict: AuthnRequestPlan) => AuthnRequestPlan;
}

/**
 * `strict` passed through one seam of each fault in turn, so each wraps what the ones before it
 * left; two faults that replace the same step leave the later one's.
 * @see docs/decisions/0012-faults-wrap.md
 */
export function throughSeam<T>(
  faults: readonly { readonly apply: SamlFaultApply }[],
  seam: (apply: SamlFaultApply) => ((strict: T) => T) | undefined,
  strict: T,
): T {
  return faults.reduce((value, fault) => seam(fault.apply)?.(value) ?? value, strict);
}
