// Scenario suites: the engine's checks, the app contract, targets, and the kit app checks build on.

// The app contract and composition (the composition root hands the apps in)
export { defineApp } from './app.js';
export type { App } from './app.js';
export { composeRequirements, composeSuites } from './compose.js';
export { engineSuites } from './suites.js';
export { requirementCoverage } from './requirements.js';
export type { RequirementCoverage } from './requirements.js';

// Targets
export {
  DEFAULT_SCALE,
  LIFECYCLE_SUITES,
  appOf,
  dialectTargets,
  connectorOf,
  idpFaultsOf,
  inDialect,
  isLifecycleSuite,
  mockTarget,
} from './targets.js';
export type { MockSpInstance, MockTarget, MockTargetOptions } from './targets.js';
export { DEFAULT_PREFIX, TargetError, externalScimTarget } from './external-scim-target.js';
export { ExternalSamlSp, externalSamlTarget, referenceIdpMetadata } from './saml-target.js';
export type { ExternalSamlOptions, IdentityCheck, SignedParts } from './saml-target.js';
export { SIGN_CHOICES, jsonPathSteps } from './saml-target.js';

// Kit for checks: the reference IdP against the mock SP, SCIM expectations
export {
  createGroup,
  createUser,
  expectScimError,
  expectStatus,
  mockOf,
  newUserBody,
  onboard,
  provisioning,
  provisioningRequires,
  spUserOf,
} from './support.js';
export type { Provisioning } from './support.js';
export { adminSignIn } from './credentials.js';
export {
  beyond,
  checkRegionalAccounts,
  createdBodies,
  messageOf,
  requestBody,
} from './provisioning/app-checks.js';
export { createBody, updatesSent } from './provisioning/exclusion.js';
export { appDeleteLeavesUsers } from './provisioning/idm.js';

// Kit for checks: groups and import
export { groupRoundTrip } from './group-sync/round-trip.js';
export { noGroupsCheck } from './group-sync/no-groups.js';
export {
  eventsAbout,
  groupRequires,
  linkedGroup,
  member,
  membersOf,
  snapshot,
  spIdOf,
  step,
} from './group-sync/support.js';
export { directoryUsersNamed, importerOf, seedSpUsers, spUserBody } from './import/support.js';

// Kit for checks: single sign-on through the reference IdP
export {
  configureSp,
  lastLogin,
  launchTile,
  spInitiated,
  ssoEnvironment,
  submitSamlForm,
} from './sso/environment.js';
export type { SsoEnvironment } from './sso/environment.js';
export { lastIssued, only, postToAcs, signedResponse } from './sso/app-support.js';
