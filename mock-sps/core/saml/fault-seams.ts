/**
 * The seams a SAML fault of the mock SP wraps (docs/decisions/0012-faults-wrap.md).
 */
import type { SpProfile } from '../profile.js';
import type { AcsSteps } from './acs-steps.js';
import type { IdpSettings } from './idp-settings.js';
import type { SamlSession } from './pages.js';
import type { SloSteps } from './single-logout.js';
import type { AuthnRequestPlan } from './sp-initiated.js';
import type { SamlUser } from './users.js';

/** Whether a session still signs its user in, given the user as the SP holds them now. */
export type SessionRule = (session: SamlSession, user: SamlUser | undefined) => boolean;

export interface SamlFaultApply {
  /** Changed profile data. */
  profile?: (profile: SpProfile) => SpProfile;
  /** The ACS with some of its named steps replaced (the SAML checks' from harness/saml's `vulnerable`). */
  acs?: (strict: AcsSteps) => AcsSteps;
  /** What the SP keeps of the IdP settings its admin entered (INT-02, SPK-01), given what it held before. */
  idpSettings?: (entered: IdpSettings, previous: IdpSettings | undefined) => IdpSettings;
  /** How the SP builds and sends its AuthnRequest. */
  authnRequest?: (strict: AuthnRequestPlan) => AuthnRequestPlan;
  /** How the SP reads Single Logout messages and which sessions one ends. */
  slo?: (strict: SloSteps) => SloSteps;
  /** Whether a session outlives a change to its user (deactivation, deletion). */
  session?: (strict: SessionRule) => SessionRule;
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
