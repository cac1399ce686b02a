import { authScenarios } from './auth-errors.js';
import { concurrentCreateScenarios } from './concurrent-create.js';
import { createScenarios } from './create.js';
import { discoveryScenarios } from './discovery.js';
import { metaScenarios } from './meta.js';
import { endpointScenarios } from './endpoints.js';
import { pagingScenarios } from './paging.js';
import { projectionScenarios } from './projection.js';
import { readListScenarios } from './read-list.js';
import { notFoundScenarios } from './not-found.js';
import { filterInvalidScenarios } from './filters-invalid.js';
import { filterLogicScenarios } from './filters-logic.js';
import { filterStringScenarios } from './filters-strings.js';
import { filterTypeScenarios } from './filters-types.js';
import { sortingScenarios } from './sorting.js';
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
  ...concurrentCreateScenarios,
  ...readListScenarios,
  ...writeScenarios,
  ...notFoundScenarios,
  ...authScenarios,
  ...filterLogicScenarios,
  ...filterStringScenarios,
  ...filterTypeScenarios,
  ...filterInvalidScenarios,
  ...pagingScenarios,
  ...sortingScenarios,
  ...projectionScenarios,
  ...endpointScenarios,
  ...metaScenarios,
  ...patchCaseScenarios,
  ...patchValueScenarios,
  ...patchResponseScenarios,
  ...characteristicScenarios,
  ...returnedScenarios,
  ...idpValueScenarios,
];
