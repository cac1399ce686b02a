import type { Scenario } from '#harness';

/** Profit.co's SCIM quirks (PCO-02…PCO-07). */
export const profitcoScenarios: readonly Scenario[] = [];
