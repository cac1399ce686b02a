/**
 * The fault switches each app's quirk hooks add to the core ones (mock-sps/core/faults.ts).
 */
import { IMPORT_SP_FAULTS } from './core/import-faults.js';
import { LIFECYCLE_SP_FAULTS } from './core/lifecycle-faults.js';
import { PROFITCO_FAULTS } from './profitco/faults.js';
import { SALESFORCE_FAULTS } from './salesforce/faults.js';
import { SPARKPOST_FAULTS } from './sparkpost/faults.js';

export const APP_SCIM_FAULTS = {
  ...LIFECYCLE_SP_FAULTS,
  ...IMPORT_SP_FAULTS,
  ...SALESFORCE_FAULTS,
  ...PROFITCO_FAULTS,
  ...SPARKPOST_FAULTS,
} as const;
