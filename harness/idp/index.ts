// The reference IdP: directory, applications, provisioner, connectors, events, SSO.

export { Application } from './application.js';
export type { IdmIntegration, ManagedUser } from './application.js';
export type { CatalogEntry } from './catalog-entry.js';
export { ConnectorError } from './connector.js';
export type { Connector, ConnectorContext, GroupLink, UserLink } from './connector.js';
export { createConnectorContext, withContext } from './connector-context.js';
export type { ConnectorContextOptions } from './connector-context.js';
export { resilient, resilientClient } from './resilient.js';
export { Directory } from './directory.js';
export type { DirectoryGroup, DirectoryUser, DirectoryUserFields } from './directory.js';
export { INSIGHTS_EVENT_TYPES, InsightsLog } from './events.js';
export type { IdpNotification, InsightsEvent, InsightsEventType } from './events.js';
// Faults: records that wrap the connector and the named steps (docs/decisions/0012)
export {
  IDP_CORE_FAULTS,
  applyIdpFaults,
  callingGroups,
  createBlindly,
  defineIdpFaults,
  pinnedToHost,
  provisioningWith,
  remapped,
  resolveIdpFaults,
  sendingUnsupportedRows,
} from './faults/index.js';
export type { AppliedIdpFaults, IdpFault, IdpFaultApply, IdpFaultRecord } from './faults/index.js';
export { IDP_POLICIES, IDP_STEPS } from './idp-steps.js';
export type { ApplicationSteps, IdpPolicies, IdpSteps } from './idp-steps.js';
export { changedAttributes, mapUser } from './mapping.js';
export type { AttributeMapping, MappingSource } from './mapping.js';
export { referenceConnector } from './reference-connector.js';
// IdP dialects as data, and the connector that speaks one (IDP-IDM-13, docs/decisions/0014)
export { dialectConnector } from './dialect-connector.js';
export type { DialectConnectorOptions } from './dialect-connector.js';
export { dialectFetch, escrowSchedule, quarantined } from './dialect-retry.js';
export type { FailureCount } from './dialect-retry.js';
export { ASSUMED_ITEMS, DIALECTS, assumedItems, dialectSources, isDialectId } from './dialects/index.js';
export type { AssumedId, AssumedItem, DialectId, DialectProfile, DialectSource } from './dialects/index.js';
export { IDP_CERTIFICATE, IdpError, ReferenceIdp } from './reference-idp.js';
export type {
  CreateApplicationOptions,
  IdmActivation,
  IdmChanges,
  ReferenceIdpOptions,
} from './reference-idp.js';
export { FAILED_RETRY, retryDelayMs } from './provisioner.js';
export type { OwedWork, RetryOutcome } from './provisioner.js';
export { authorizingFetch, pastedToken } from './token-source.js';
export type { TokenSource } from './token-source.js';
// OAuth consent and grants (SF-01)
export { OAuthError, loginOrigin, oauthClientFor, oauthConsent } from './oauth.js';
export type { OAuthClientSettings, OAuthConsentOptions } from './oauth.js';
export { OAuthGrant } from './oauth-grant.js';
export type { OAuthGrantOptions, OAuthSteps } from './oauth-grant.js';
export { withRetries } from './retry.js';
export type { RetryOptions, RetrySteps } from './retry.js';
// Manual import, attribute exclusion and retries (IDP-IDM-08, -09, -12)
export { IMPORT_PAGE_SIZE, ManualImport, directoryFields, manualImport } from './import.js';
export { IMPORT_POLICY, SYNCHRONOUS_IMPORT_LIMIT, directoryMatch } from './import-steps.js';
export type { ImportPage, ImportPolicy, ImportSteps } from './import-steps.js';
export type {
  ImportCandidate,
  ImportListing,
  ImportRun,
  ImportedUser,
  ManualImportOptions,
} from './import.js';
export type { ExportMappingRow } from './application.js';
export { mappedValue } from './mapping.js';
export { RETRY_POLICY, RETRY_STEPS, retryAfterMs } from './retry.js';
export type { RetryPolicy } from './retry.js';

// SSO: each application's configuration and the assertion it produces
export { ApplicationSso } from './sso.js';
export type { AssertionContent, IssuedResponse } from './sso.js';
export { SIGN_IN_STEPS, SSO_STEPS } from './sso-steps.js';
export type { SignInSteps, SsoSteps } from './sso-steps.js';
export { SSO_PROPERTIES, applySsoChanges, assertValidSlug, slugFromName } from './sso-settings.js';
export type {
  AcsUrlInput,
  RegisteredAcs,
  ResolvedAttributeRow,
  SsoAttributeRow,
  SsoCatalogDefaults,
  SsoChanges,
  SsoProperty,
  SsoRules,
  SsoSettings,
  SsoSource,
} from './sso-settings.js';

// SSO web side: SSO URLs, metadata, login, user console (IdP-initiated)
export * from './web/index.js';

// A connector in any language, over HTTP (protocol sso-harness-connector/1)
export { bridgeConnector, isBridgeConnector } from './bridge/bridge-connector.js';
export type { BridgeConnector, BridgeConnectorOptions } from './bridge/bridge-connector.js';
export { BRIDGE_PROTOCOL, answerProblems, bridgeSchema, eventProblems } from './bridge/protocol.js';
export type { BridgeAnswer, BridgeEvent, BridgeEventType } from './bridge/protocol.js';
