// sso-harness: the package's public entry for test authors, connector developers and SP vendors.
// It is a composition root: the apps are registered here (mock-sps/apps.ts) and handed down.

// Apps: every emulated application, and the mock SP profiles they bring
export { APPS, apps, mockSps } from '#registry';
export type { AppId, IdpFault, ScimFault } from '#registry';
export type { App } from '#scenarios';

// Mock SPs (start one, read its state)
export { MockSp, expressApp, inProcessFetch, startMockSp } from '#mock-sps';
export type { MockSpOptions, MockSpState, RunningMockSp, SamlFault, SpFault, SpProfile } from '#mock-sps';

// Faults: every fault switch of every area, with what it breaks and the checks that catch it
export { FAULT_RECORDS, IDP_FAULT_RECORDS, SAML_FAULT_RECORDS, SCIM_FAULT_RECORDS } from '#registry';
export type { FaultRecord } from '#harness/faults';

// Reference IdP and connectors
export {
  BRIDGE_PROTOCOL,
  ConnectorError,
  ReferenceIdp,
  bridgeSchema,
  authorizingFetch,
  changedAttributes,
  createConnectorContext,
  mapUser,
  referenceConnector,
  resilient,
  resilientClient,
  withContext,
  withRetries,
} from '#harness/idp';
export { PersonFactory } from '#harness/people';
export type {
  AttributeMapping,
  BridgeAnswer,
  BridgeEvent,
  BridgeEventType,
  CatalogEntry,
  Connector,
  ConnectorContext,
  ConnectorContextOptions,
  DirectoryGroup,
  DirectoryUser,
  GroupLink,
  RetryPolicy,
  RetrySteps,
  TokenSource,
  UserLink,
} from '#harness/idp';

// Scenarios, requirements and running them
export { REQUIREMENTS, allScenarios, mockTarget, suites } from '#registry';
export { externalScimTarget } from '#scenarios';
export { defineScenario, runScenarios } from '#harness/runner';
export type { Requirement } from '#harness/requirements';

// Reports
export { reporters, validateReport, writeReports } from '#reports';
export type { CheckResult, RunReport } from '#reports';
