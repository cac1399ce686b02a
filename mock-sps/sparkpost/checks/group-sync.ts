/**
 * SparkPost has no SCIM groups (SPK-04): the IdP sends no group call and the SP refuses /Groups.
 */
import type { Scenario } from '#harness/runner';
import { noGroupsCheck } from '#scenarios';

export const sparkpostGroupChecks: readonly Scenario[] = [noGroupsCheck('sparkpost', 'SparkPost', 'SPK-04')];
