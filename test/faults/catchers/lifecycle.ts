import type { LIFECYCLE_IDP_FAULTS } from '../../../harness/idp/fault-sets/lifecycle.js';
import type { LIFECYCLE_SP_FAULTS } from '../../../mock-sps/core/lifecycle-faults.js';

/** The checks that must catch each lifecycle fault (group sync, token changes, IdM deactivation). */
export const LIFECYCLE_SP_CATCHERS: Record<keyof typeof LIFECYCLE_SP_FAULTS, readonly string[]> = {};
export const LIFECYCLE_IDP_CATCHERS: Record<keyof typeof LIFECYCLE_IDP_FAULTS, readonly string[]> = {};
