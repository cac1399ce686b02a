import type { Scenario } from '#harness';
import { noGroupScenarios } from './no-groups.js';

/** Group management (IDP-IDM-07): empty groups, takeover, membership, rename, unbind, delete, disabling. */
export const groupSyncScenarios: readonly Scenario[] = [...noGroupScenarios];
