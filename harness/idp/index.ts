// The reference IdP: directory, applications, provisioner, connectors, events.

export { Application } from './application.js';
export type { IdmIntegration, ManagedUser } from './application.js';
export { catalog } from './catalog/index.js';
export type { CatalogEntry } from './catalog/types.js';
export { ConnectorError } from './connector.js';
export type { Connector, ConnectorContext, GroupLink, UserLink } from './connector.js';
export { Directory } from './directory.js';
export type {
  DirectoryAddress,
  DirectoryGroup,
  DirectoryPhone,
  DirectoryUser,
  DirectoryUserFields,
} from './directory.js';
export { INSIGHTS_EVENT_TYPES, InsightsLog } from './events.js';
export type { InsightsEvent, InsightsEventType } from './events.js';
export { IDP_FAULTS, isIdpFault, withConnectorFaults } from './faults.js';
export type { IdpFault } from './faults.js';
export { changedAttributes, mapUser } from './mapping.js';
export type { AttributeMapping, MappingSource } from './mapping.js';
export { referenceConnector } from './reference-connector.js';
export { IdpError, ReferenceIdp } from './reference-idp.js';
export type { ReferenceIdpOptions } from './reference-idp.js';
export { DEFAULT_SEED, PersonFactory } from './test-data.js';
