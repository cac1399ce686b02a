import { interactScenarios } from './interact.js';
import { lifecycleScenarios } from './lifecycle.js';

/** The reference IdP provisioning a mock SP: creation, takeover, updates, groups, app rows. */
export const provisioningScenarios = [...lifecycleScenarios, ...interactScenarios];
