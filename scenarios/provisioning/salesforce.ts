import type { Scenario } from '#harness';

/** Salesforce's SCIM quirks (SF-01…SF-13). */
export const salesforceScenarios: readonly Scenario[] = [];
