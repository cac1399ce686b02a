import type { Scenario } from '#harness/runner';
import { removalScenarios } from './removal.js';
import { syncScenarios } from './sync.js';
import { readBackGroupScenarios } from './read-back.js';
import { readBackMembershipScenarios } from './read-back-membership.js';

/** Group management (IDP-IDM-07): empty groups, takeover, membership, rename, unbind, delete, disabling. */
export const groupSyncScenarios: readonly Scenario[] = [
  ...syncScenarios,
  ...removalScenarios,
  ...readBackGroupScenarios,
  ...readBackMembershipScenarios,
];
