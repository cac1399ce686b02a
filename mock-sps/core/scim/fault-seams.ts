/**
 * The seams a SCIM fault wraps (docs/decisions/0012-faults-wrap.md).
 */
import type { SpProfile } from '../profile.js';

export interface ScimFaultApply {
  /** Changed profile data. */
  profile?: (profile: SpProfile) => SpProfile;
}
