import type { Scenario } from '#harness';

/** SparkPost's SCIM quirks (SPK-02…SPK-06). */
export const sparkpostScenarios: readonly Scenario[] = [];
