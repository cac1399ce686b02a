import { authScenarios } from './auth-errors.js';
import { createScenarios } from './create.js';
import { discoveryScenarios } from './discovery.js';
import { readListScenarios } from './read-list.js';
import { writeScenarios } from './write.js';
import { characteristicScenarios } from './characteristics.js';
import { returnedScenarios } from './characteristics-returned.js';
import { idpValueScenarios } from './idp-values.js';
import { patchCaseScenarios } from './patch-case.js';
import { patchResponseScenarios } from './patch-response.js';
import { patchValueScenarios } from './patch-values.js';

/** Black-box RFC 7643/7644 checks: they use the SCIM surface only, so they run against any base URL. */
export const scimProtocolScenarios = [
  ...discoveryScenarios,
  ...createScenarios,
  ...readListScenarios,
  ...writeScenarios,
  ...authScenarios,
  ...patchCaseScenarios,
  ...patchValueScenarios,
  ...patchResponseScenarios,
  ...characteristicScenarios,
  ...returnedScenarios,
  ...idpValueScenarios,
];
