import { exclusionScenarios } from './exclusion.js';
import { idmScenarios } from './idm.js';
import { interactScenarios } from './interact.js';
import { lifecycleScenarios } from './lifecycle.js';
import { profitcoScenarios } from './profitco.js';
import { retryScenarios } from './retries.js';
import { salesforceScenarios } from './salesforce.js';
import { sparkpostScenarios } from './sparkpost.js';

/** The reference IdP provisioning a mock SP: creation, takeover, updates, groups, app rows. */
export const provisioningScenarios = [
  ...lifecycleScenarios,
  ...idmScenarios,
  ...exclusionScenarios,
  ...retryScenarios,
  ...interactScenarios,
  ...salesforceScenarios,
  ...profitcoScenarios,
  ...sparkpostScenarios,
];
