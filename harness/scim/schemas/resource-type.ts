/**
 * The ResourceType schema as RFC 7643 §8.7.2 represents it, and the User and
 * Group resource types of §8.6.
 *
 * Corrections to the §8.7.2 JSON, from §6 and the §8.6 examples:
 * `schemaExtensions` is multi-valued (the examples send an array) and optional
 * (§6 says OPTIONAL; the Group example has none).
 * @see RFC 7643 §6, §8.6, §8.7.2
 */
import { defineAttribute, defineComplex } from './define-attribute.js';
import type { ResourceTypeDefinition, SchemaDefinition } from './types.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, RESOURCE_TYPE_SCHEMA, USER_SCHEMA } from './urns.js';

const readOnly = { mutability: 'readOnly' } as const;
const requiredReadOnly = { required: true, mutability: 'readOnly' } as const;

/** The ResourceType schema definition. @see RFC 7643 §8.7.2 */
export const RESOURCE_TYPE_SCHEMA_DEFINITION: SchemaDefinition = {
  id: RESOURCE_TYPE_SCHEMA,
  name: 'ResourceType',
  description: 'Specifies the schema that describes a SCIM resource type',
  attributes: [
    defineAttribute(
      'id',
      'string',
      "The resource type's server unique id.  May be the same as the 'name' attribute.",
      readOnly,
    ),
    defineAttribute(
      'name',
      'string',
      "The resource type name.  When applicable, service providers MUST specify the name, e.g., 'User'.",
      requiredReadOnly,
    ),
    defineAttribute(
      'description',
      'string',
      "The resource type's human-readable description.  When applicable, service providers MUST specify the description.",
      readOnly,
    ),
    defineAttribute(
      'endpoint',
      'reference',
      "The resource type's HTTP-addressable endpoint relative to the Base URL, e.g., '/Users'.",
      { referenceTypes: ['uri'], ...requiredReadOnly },
    ),
    defineAttribute('schema', 'reference', "The resource type's primary/base schema URI.", {
      referenceTypes: ['uri'],
      caseExact: true,
      ...requiredReadOnly,
    }),
    defineComplex(
      'schemaExtensions',
      "A list of URIs of the resource type's schema extensions.",
      [
        defineAttribute('schema', 'reference', 'The URI of a schema extension.', {
          referenceTypes: ['uri'],
          caseExact: true,
          ...requiredReadOnly,
        }),
        defineAttribute(
          'required',
          'boolean',
          'A Boolean value that specifies whether or not the schema extension is required for the resource type.  ' +
            'If true, a resource of this type MUST include this schema extension and also include any attributes ' +
            'declared as required in this schema extension.  If false, a resource of this type MAY omit this schema ' +
            'extension.',
          requiredReadOnly,
        ),
      ],
      { multiValued: true, ...readOnly },
    ),
  ],
};

/** The User resource type, with the Enterprise User extension optional. @see RFC 7643 §8.6 */
export const USER_RESOURCE_TYPE: ResourceTypeDefinition = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: USER_SCHEMA,
  schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
};

/** The Group resource type. @see RFC 7643 §8.6 */
export const GROUP_RESOURCE_TYPE: ResourceTypeDefinition = {
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: GROUP_SCHEMA,
  schemaExtensions: [],
};
