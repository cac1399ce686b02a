/**
 * A resource type bound to its schemas, with a precomputed, case-insensitive
 * attribute lookup for the filter, PATCH and validation code.
 * @see RFC 7643 §2.1, §3, §6
 */
import { COMMON_ATTRIBUTES } from './common-attributes.js';
import { ENTERPRISE_USER_SCHEMA_DEFINITION } from './enterprise-user.js';
import { GROUP_SCHEMA_DEFINITION } from './group.js';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from './resource-type.js';
import type { AttrPath, AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './types.js';
import { USER_SCHEMA_DEFINITION } from './user.js';

export { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE };

/** A resource type with its core schema and extensions resolved. @see RFC 7643 §6 */
export interface ResourceSchema {
  resourceType: ResourceTypeDefinition;
  core: SchemaDefinition;
  extensions: SchemaDefinition[];
  /** The core schema URN (FilterContext.coreSchema). */
  coreSchema: string;
  /**
   * Definition of the attribute the path names (the sub-attribute when path.subAttr is set);
   * case-insensitive names and URNs; a path whose uri is an extension URN resolves within that
   * extension; an unqualified name is looked up in the core schema, then the common attributes
   * (id, externalId, meta). undefined when unknown.
   */
  resolve(path: AttrPath): AttributeDefinition | undefined;
  /** Every schema URN this resource may carry in `schemas`. */
  schemaUrns: string[];
}

interface Entry {
  definition: AttributeDefinition;
  /** Sub-attributes under their exact and lower-cased names. */
  subAttributes: Map<string, AttributeDefinition>;
}

/** Attributes under their exact and lower-cased names, so an exact-case lookup allocates nothing. */
type Scope = Map<string, Entry>;

function addToScope(scope: Scope, attributes: readonly AttributeDefinition[]): Scope {
  for (const definition of attributes) {
    const lower = definition.name.toLowerCase();
    // The first definition wins: a schema's own `id` shadows the common one.
    if (scope.has(lower)) continue;
    const subAttributes = new Map<string, AttributeDefinition>();
    for (const sub of definition.subAttributes ?? []) {
      subAttributes.set(sub.name, sub);
      subAttributes.set(sub.name.toLowerCase(), sub);
    }
    const entry = { definition, subAttributes };
    scope.set(definition.name, entry);
    scope.set(lower, entry);
  }
  return scope;
}

function findSchema(
  schemas: readonly SchemaDefinition[],
  urn: string,
  type: ResourceTypeDefinition,
): SchemaDefinition {
  const lower = urn.toLowerCase();
  const found = schemas.find((schema) => schema.id.toLowerCase() === lower);
  if (found) return found;
  throw new TypeError(
    `resource type '${type.name}' names schema '${urn}', which is not among the schemas given ` +
      `(${schemas.map((schema) => schema.id).join(', ') || 'none'}); pass its SchemaDefinition too`,
  );
}

/** Binds a resource type to its schema definitions. @see RFC 7643 §6 */
export function resourceSchema(
  type: ResourceTypeDefinition,
  schemas: readonly SchemaDefinition[],
): ResourceSchema {
  const core = findSchema(schemas, type.schema, type);
  const extensions = type.schemaExtensions.map((extension) => findSchema(schemas, extension.schema, type));

  const unqualified = addToScope(addToScope(new Map(), core.attributes), COMMON_ATTRIBUTES);
  const scopes = new Map<string, Scope>();
  scopes.set(core.id, unqualified);
  scopes.set(core.id.toLowerCase(), unqualified);
  for (const extension of extensions) {
    const scope = addToScope(new Map(), extension.attributes);
    scopes.set(extension.id, scope);
    scopes.set(extension.id.toLowerCase(), scope);
  }

  return {
    resourceType: type,
    core,
    extensions,
    coreSchema: core.id,
    schemaUrns: [core.id, ...extensions.map((extension) => extension.id)],
    resolve(path: AttrPath): AttributeDefinition | undefined {
      const scope =
        path.uri === undefined ? unqualified : (scopes.get(path.uri) ?? scopes.get(path.uri.toLowerCase()));
      const entry = scope?.get(path.attr) ?? scope?.get(path.attr.toLowerCase());
      if (entry === undefined || path.subAttr === undefined) return entry?.definition;
      return entry.subAttributes.get(path.subAttr) ?? entry.subAttributes.get(path.subAttr.toLowerCase());
    },
  };
}

/** The schemas of RFC 7643 §4: User, Group and the Enterprise User extension. @see RFC 7643 §8.7.1 */
export const CORE_SCHEMAS: readonly SchemaDefinition[] = [
  USER_SCHEMA_DEFINITION,
  GROUP_SCHEMA_DEFINITION,
  ENTERPRISE_USER_SCHEMA_DEFINITION,
];

/** The User resource type with the Enterprise User extension. @see RFC 7643 §4.1, §4.3 */
export const userSchema: ResourceSchema = resourceSchema(USER_RESOURCE_TYPE, CORE_SCHEMAS);

/** The Group resource type. @see RFC 7643 §4.2 */
export const groupSchema: ResourceSchema = resourceSchema(GROUP_RESOURCE_TYPE, CORE_SCHEMAS);
