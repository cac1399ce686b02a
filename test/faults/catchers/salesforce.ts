import type { SALESFORCE_IDP_FAULTS } from '../../../harness/idp/fault-sets/salesforce.js';
import type { SALESFORCE_FAULTS } from '../../../mock-sps/salesforce/faults.js';

/** The checks that must catch each Salesforce fault, SP side and connector side. */
export const SALESFORCE_SP_CATCHERS: Record<keyof typeof SALESFORCE_FAULTS, readonly string[]> = {};
export const SALESFORCE_IDP_CATCHERS: Record<keyof typeof SALESFORCE_IDP_FAULTS, readonly string[]> = {
  'oauth-accept-pasted-token': [],
};
