import type { Scenario } from '#harness';

/** Apps without SCIM groups (PCO-04, SPK-04): the IdP sends no group call, and the SP refuses one. */
export const noGroupScenarios: readonly Scenario[] = [];
