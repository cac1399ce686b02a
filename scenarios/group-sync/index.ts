import type { Scenario } from '#harness';

/** Group management (IDP-IDM-07): empty groups, takeover, membership, rename, unbind, delete, disabling. */
export const groupSyncScenarios: readonly Scenario[] = [];
