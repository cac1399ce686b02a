import type { Scenario } from '#harness';

/** The integration's own lifecycle: token changes, deactivation, deleting the app (IDP-IDM-02, -11, SF-13). */
export const idmScenarios: readonly Scenario[] = [];
