import type { IMPORT_IDP_FAULTS } from '../../../harness/idp/fault-sets/import.js';

/** The checks that must catch each import, exclusion and retry fault of the IdP. */
export const IMPORT_IDP_CATCHERS: Record<keyof typeof IMPORT_IDP_FAULTS, readonly string[]> = {
  'import-first-page-only': ['import/lists-all-pages', 'import/background-over-100'],
  'import-marks-all-new': ['import/new-and-imported'],
  'import-background-from-100': ['import/synchronous-up-to-100'],
  'import-all-at-once': ['import/background-over-100'],
  'import-manages-immediately': ['import/managed-only-when-bound'],
  'import-inactive-users': ['import/sparkpost-suspended-not-imported'],
  'send-excluded-attributes': [
    'provisioning/exclude-optional-attributes',
    'provisioning/sparkpost-excluded-attributes',
  ],
  'exclude-required-rows': ['provisioning/exclude-optional-attributes'],
  'no-retry': ['provisioning/retry-429-retry-after', 'provisioning/retry-5xx-backoff'],
  'ignore-retry-after': ['provisioning/retry-429-retry-after'],
  'no-backoff': ['provisioning/retry-5xx-backoff'],
  'retry-create-without-lookup': ['provisioning/no-duplicate-after-timeout'],
};
