/**
 * Profit.co has no SCIM groups (PCO-04): the IdP sends no group call and the SP refuses /Groups.
 */
import type { Scenario } from '#harness/runner';
import { noGroupsCheck } from '#scenarios';

export const profitcoGroupChecks: readonly Scenario[] = [noGroupsCheck('profitco', 'Profit.co', 'PCO-04')];
