import type { Scenario } from '#harness';

/** Optional-attribute exclusion (IDP-IDM-09, SPK-06). */
export const exclusionScenarios: readonly Scenario[] = [];
