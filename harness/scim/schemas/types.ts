/**
 * Attribute and schema definitions as RFC 7643 §7 describes them, so the schemas
 * themselves are plain data that the filter, PATCH and validation code read.
 * @see RFC 7643 §2.2, §7
 */

export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'binary' | 'complex';

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute of a schema. @see RFC 7643 §7 */
export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description?: string;
  required: boolean;
  /** String comparison is case-sensitive only when true. @see RFC 7643 §2.2 */
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
}

/** A schema resource, as served at /Schemas. @see RFC 7643 §7 */
export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
}

/** A resource type, as served at /ResourceTypes. @see RFC 7643 §6 */
export interface ResourceTypeDefinition {
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
}

/**
 * A reference to an attribute as it appears in filters and PATCH paths:
 * `urn:…:User:name.givenName` is `{ uri: 'urn:…:User', attr: 'name', subAttr: 'givenName' }`.
 * @see RFC 7644 §3.4.2.2 (ABNF attrPath)
 */
export interface AttrPath {
  /** The schema URN prefix when the path is fully qualified. */
  uri?: string;
  attr: string;
  subAttr?: string;
}
