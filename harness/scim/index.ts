// SCIM primitives: schemas, filter and PATCH engines, projection, errors, client.

// Errors and messages
export { ERROR_SCHEMA, ScimError, errorBody, isValidErrorPair, scimErrors } from './errors.js';
export type { ScimErrorBody, ScimType } from './errors.js';

// Attribute access
export { containerOf, findKey, getAttribute, isJsonObject, readPath } from './attribute-access.js';
export type { JsonObject } from './attribute-access.js';

// Indexes of resource ids by key (the IdP's directory, the mock SPs' stores)
export { IdIndex } from './id-index.js';

// Schemas
export * from './schemas/index.js';

// Filters and paths
export * from './filter/index.js';

// PATCH
export * from './patch/index.js';

// Messages
export { listResponse } from './list-response.js';

// Projection
export { checkAttributeCount, parseAttributeList, project } from './projection.js';
export { REQUEST_LIMITS, checkJsonDepth, jsonDepth, overLimit } from './limits.js';
export type { ProjectionOptions } from './projection.js';

// Client
export { SCIM_CONTENT_TYPE, ScimClient, ScimTransportError, probeUsers } from './client.js';
export type { FetchLike, ScimClientOptions, ScimRequestOptions, ScimResponse } from './client.js';
