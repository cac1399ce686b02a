import { exclusionScenarios } from './exclusion.js';
import { idmScenarios } from './idm.js';
import { lifecycleScenarios } from './lifecycle.js';
import { retryScenarios } from './retries.js';
import { readBackProvisioningScenarios } from './read-back.js';
import { readBackChangeScenarios } from './read-back-changes.js';
import { readBackProfileScenarios } from './read-back-profile.js';

/** The reference IdP provisioning a mock SP: creation, takeover, updates, groups, the integration's lifecycle. */
export const provisioningScenarios = [
  ...lifecycleScenarios,
  ...idmScenarios,
  ...exclusionScenarios,
  ...retryScenarios,
  ...readBackProvisioningScenarios,
  ...readBackChangeScenarios,
  ...readBackProfileScenarios,
];
