import type { PROFITCO_FAULTS } from '../../../mock-sps/profitco/faults.js';
import type { SPARKPOST_FAULTS } from '../../../mock-sps/sparkpost/faults.js';

/** The checks that must catch each Profit.co and SparkPost fault, SP side and connector side. */
export const PROFITCO_SP_CATCHERS: Record<keyof typeof PROFITCO_FAULTS, readonly string[]> = {
  'accept-malformed-token': ['provisioning/profitco-token-format', 'provisioning/profitco-test-connection'],
  'eu-host-unserved': ['provisioning/profitco-regional-base-url'],
  'serves-groups': ['group-sync/profitco-no-groups'],
  'drop-title': ['provisioning/profitco-attributes'],
  'keep-unsupported-attributes': ['provisioning/profitco-attributes'],
  'duplicate-department': ['provisioning/profitco-departments'],
  'place-in-disabled-department': ['provisioning/profitco-departments'],
  'ignore-reactivation': ['provisioning/profitco-lifecycle'],
};
export const SPARKPOST_SP_CATCHERS: Record<keyof typeof SPARKPOST_FAULTS, readonly string[]> = {
  'token-without-sso': ['provisioning/sparkpost-token-prerequisites'],
  'ignore-plan': ['provisioning/sparkpost-token-prerequisites'],
  'enterprise-host-unserved': ['provisioning/sparkpost-regional-base-url'],
  'swap-first-last-name': ['provisioning/sparkpost-attributes'],
  'accepts-group-calls': ['group-sync/sparkpost-no-groups'],
  'suspended-listed-active': ['import/sparkpost-suspended-not-imported'],
};
