/**
 * SCIM schemas as data, attribute resolution and validation.
 * @see RFC 7643
 */

// Schema and message URNs
export {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from './urns.js';

// Schema definitions (RFC 7643 §8.7)
export { COMMON_ATTRIBUTES } from './common-attributes.js';
export { ENTERPRISE_USER_SCHEMA_DEFINITION } from './enterprise-user.js';
export { GROUP_SCHEMA_DEFINITION } from './group.js';
export { RESOURCE_TYPE_SCHEMA_DEFINITION } from './resource-type.js';
export { SCHEMA_SCHEMA_DEFINITION } from './schema-schema.js';
export { SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION } from './service-provider-config.js';
export { USER_SCHEMA_DEFINITION } from './user.js';
export { defineAttribute, defineComplex } from './define-attribute.js';

// Resource types and attribute resolution
export {
  CORE_SCHEMAS,
  GROUP_RESOURCE_TYPE,
  USER_RESOURCE_TYPE,
  groupSchema,
  resourceSchema,
  userSchema,
} from './registry.js';

// Validation
export {
  canonicaliseKeys,
  checkResource,
  SCIM_AJV_OPTIONS,
  SCIM_FORMATS,
  SCIM_VALIDATORS_FILE,
  standardJsonSchemas,
  validateMessage,
  validateResource,
} from './validate.js';
export { PRECOMPILED_DIR, precompiledValidator, schemaKey } from './precompiled.js';
export { isXsdDateTime } from './date-time.js';

export type { AttributeCharacteristics } from './define-attribute.js';
export type { ResourceSchema } from './registry.js';
export type {
  AttrPath,
  AttributeDefinition,
  AttributeType,
  Mutability,
  ResourceTypeDefinition,
  Returned,
  SchemaDefinition,
  Uniqueness,
} from './types.js';
export type {
  MessageKind,
  ValidateMessageOptions,
  ValidateResourceOptions,
  ValidationIssue,
} from './validate.js';
