import type { Scenario } from '#harness/runner';
import { largeGroupScenarios } from './large-group.js';
import { removalScenarios } from './removal.js';
import { syncScenarios } from './sync.js';
import { readBackGroupScenarios } from './read-back.js';
import { readBackMembershipScenarios } from './read-back-membership.js';

/** Group management (IDP-IDM-07): empty groups, takeover, membership, rename, unbind, delete, disabling, large groups (IDP-IDM-14). */
export const groupSyncScenarios: readonly Scenario[] = [
  ...syncScenarios,
  ...largeGroupScenarios,
  ...removalScenarios,
  ...readBackGroupScenarios,
  ...readBackMembershipScenarios,
];
