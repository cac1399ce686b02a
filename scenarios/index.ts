// Scenario suites, targets, and the requirement catalogue they cite.

import type { Scenario, SuiteId } from '#harness';
import { deactivationScenarios } from './deactivation/index.js';
import { groupSyncScenarios } from './group-sync/index.js';
import { importScenarios } from './import/index.js';
import { provisioningScenarios } from './provisioning/index.js';
import { samlSecurityScenarios } from './saml-security/index.js';
import { scimProtocolScenarios } from './scim-protocol/index.js';
import { ssoScenarios } from './sso/index.js';

/** Every scenario, by suite. */
export const suites: Readonly<Record<SuiteId, readonly Scenario[]>> = {
  'scim-protocol': scimProtocolScenarios,
  provisioning: provisioningScenarios,
  'group-sync': groupSyncScenarios,
  deactivation: deactivationScenarios,
  import: importScenarios,
  sso: ssoScenarios,
  'saml-security': samlSecurityScenarios,
};

export const allScenarios: readonly Scenario[] = Object.values(suites).flat();

// Targets
export { TargetError, externalScimTarget, mockTarget } from './targets.js';
export { ExternalSamlSp, externalSamlTarget, referenceIdpMetadata } from './saml-target.js';
export type { ExternalSamlOptions, IdentityCheck } from './saml-target.js';
export type { MockTargetOptions } from './targets.js';

// Requirements
export { REQUIREMENTS, requirementCoverage } from './requirements.js';
export type { RequirementCoverage } from './requirements.js';
