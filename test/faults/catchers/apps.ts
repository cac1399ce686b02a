import type { APPS_IDP_FAULTS } from '../../../harness/idp/fault-sets/apps.js';
import type { PROFITCO_FAULTS } from '../../../mock-sps/profitco/faults.js';
import type { SPARKPOST_FAULTS } from '../../../mock-sps/sparkpost/faults.js';

/** The checks that must catch each Profit.co and SparkPost fault, SP side and connector side. */
export const PROFITCO_SP_CATCHERS: Record<keyof typeof PROFITCO_FAULTS, readonly string[]> = {};
export const SPARKPOST_SP_CATCHERS: Record<keyof typeof SPARKPOST_FAULTS, readonly string[]> = {};
export const APPS_IDP_CATCHERS: Record<keyof typeof APPS_IDP_FAULTS, readonly string[]> = {};
