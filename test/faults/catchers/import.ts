import type { IMPORT_IDP_FAULTS } from '../../../harness/idp/fault-sets/import.js';
import type { IMPORT_SP_FAULTS } from '../../../mock-sps/core/import-faults.js';

/** The checks that must catch each import, exclusion and retry fault of the IdP. */
export const IMPORT_SP_CATCHERS: Record<keyof typeof IMPORT_SP_FAULTS, readonly string[]> = {};
export const IMPORT_IDP_CATCHERS: Record<keyof typeof IMPORT_IDP_FAULTS, readonly string[]> = {};
