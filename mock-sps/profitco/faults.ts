/**
 * SP fault switches of this app's SCIM quirks: each makes the mock break one documented
 * rule, so the check that judges the rule is proven able to fail.
 */
export const PROFITCO_FAULTS = {} as const;
