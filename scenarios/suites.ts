/**
 * The engine's checks by suite: the ones that apply to any SP (gated by what each target can
 * do). The apps' own checks join them at the composition root (compose.ts).
 */
import type { Scenario, SuiteId } from '#harness/runner';
import { deactivationScenarios } from './deactivation/index.js';
import { groupSyncScenarios } from './group-sync/index.js';
import { importScenarios } from './import/index.js';
import { provisioningScenarios } from './provisioning/index.js';
import { resilienceScenarios } from './resilience/index.js';
import { samlSecurityScenarios } from './saml-security/index.js';
import { scimProtocolScenarios } from './scim-protocol/index.js';
import { ssoScenarios } from './sso/index.js';

export const engineSuites: Readonly<Record<SuiteId, readonly Scenario[]>> = {
  'scim-protocol': scimProtocolScenarios,
  provisioning: provisioningScenarios,
  'group-sync': groupSyncScenarios,
  deactivation: deactivationScenarios,
  import: importScenarios,
  sso: ssoScenarios,
  'saml-security': samlSecurityScenarios,
  resilience: resilienceScenarios,
};
