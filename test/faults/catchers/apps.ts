import type { APPS_IDP_FAULTS } from '../../../harness/idp/fault-sets/apps.js';

/** The checks that must catch each Profit.co and SparkPost connector fault. */
export const APPS_IDP_CATCHERS: Record<keyof typeof APPS_IDP_FAULTS, readonly string[]> = {
  'us-host-pinned': ['provisioning/profitco-regional-base-url', 'provisioning/sparkpost-regional-base-url'],
  'test-connection-deletes': ['provisioning/profitco-test-connection'],
  'group-calls-without-support': ['group-sync/profitco-no-groups', 'group-sync/sparkpost-no-groups'],
  'send-unsupported-attributes': ['provisioning/profitco-attributes', 'provisioning/sparkpost-attributes'],
  'department-outside-extension': ['provisioning/profitco-departments'],
  'reactivate-by-create': ['provisioning/profitco-lifecycle'],
};
