// sso-harness: the package's public entry for test authors and connector developers.

// Mock SPs (start one, read its state, use its msw handlers)
export { MockSp, SCIM_FAULTS, inProcessFetch, mockSps, startMockSp } from '#mock-sps';
export type { MockSpOptions, MockSpState, RunningMockSp, ScimFault, SpId, SpProfile } from '#mock-sps';

// Reference IdP and connectors
export { ReferenceIdp, catalog, referenceConnector, PersonFactory } from '#harness';
export type { Connector, ConnectorContext } from '#harness';

// Scenarios and running them
export { allScenarios, externalScimTarget, mockTarget, suites } from '#scenarios';
export { defineScenario, runScenarios } from '#harness';

// Reports
export { reporters, validateReport, writeReports } from '#reports';
export type { CheckResult, RunReport } from '#reports';
