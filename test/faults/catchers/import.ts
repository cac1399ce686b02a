import type { IMPORT_SP_FAULTS } from '../../../mock-sps/core/import-faults.js';

/** The checks that must catch each import, exclusion and retry fault, SP side and IdP side. */
export const IMPORT_SP_CATCHERS: Record<keyof typeof IMPORT_SP_FAULTS, readonly string[]> = {
  'wrong-total-results': ['import/lists-all-pages', 'import/background-over-100'],
  'rate-limit-without-retry-after': ['provisioning/retry-429-retry-after'],
};
