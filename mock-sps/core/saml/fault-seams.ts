/**
 * The seams a SAML fault of the mock SP wraps (docs/decisions/0012-faults-wrap.md).
 */
import type { SpProfile } from '../profile.js';

export interface SamlFaultApply {
  /** Changed profile data. */
  profile?: (profile: SpProfile) => SpProfile;
}
