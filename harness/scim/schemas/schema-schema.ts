/**
 * The schema of Schema resources (those served at /Schemas) as RFC 7643 §8.7.2
 * represents it.
 *
 * Corrections to the §8.7.2 JSON, from §7: `subAttributes.referenceTypes` is
 * multi-valued like its top-level twin, and `type` lists 'binary' among its
 * canonical values (§7 defines the binary type).
 * @see RFC 7643 §7, §8.7.2
 */
import { defineAttribute, defineComplex } from './define-attribute.js';
import type { AttributeDefinition, SchemaDefinition } from './types.js';
import { SCHEMA_SCHEMA } from './urns.js';

const readOnly = { mutability: 'readOnly' } as const;
const exactReadOnly = { caseExact: true, mutability: 'readOnly' } as const;

/** The characteristics of §7 as attributes; `subAttributes` only at the top level. */
function characteristics(withSubAttributes: boolean): AttributeDefinition[] {
  const list = [
    defineAttribute('name', 'string', "The attribute's name.", { required: true, ...exactReadOnly }),
    defineAttribute('type', 'string', "The attribute's data type.", {
      required: true,
      canonicalValues: [
        'string',
        'complex',
        'boolean',
        'decimal',
        'integer',
        'dateTime',
        'reference',
        'binary',
      ],
      ...readOnly,
    }),
    defineAttribute('multiValued', 'boolean', "A Boolean value indicating an attribute's plurality.", {
      required: true,
      ...readOnly,
    }),
    defineAttribute('description', 'string', 'A human-readable description of the attribute.', exactReadOnly),
    defineAttribute(
      'required',
      'boolean',
      'A boolean value indicating whether or not the attribute is required.',
      readOnly,
    ),
    defineAttribute(
      'canonicalValues',
      'string',
      "A collection of canonical values.  When applicable, service providers MUST specify the canonical types, e.g., 'work', 'home'.",
      { multiValued: true, ...exactReadOnly },
    ),
    defineAttribute(
      'caseExact',
      'boolean',
      'A Boolean value indicating whether or not a string attribute is case sensitive.',
      readOnly,
    ),
    defineAttribute('mutability', 'string', 'Indicates whether or not an attribute is modifiable.', {
      canonicalValues: ['readOnly', 'readWrite', 'immutable', 'writeOnly'],
      ...exactReadOnly,
    }),
    defineAttribute(
      'returned',
      'string',
      'Indicates when an attribute is returned in a response (e.g., to a query).',
      {
        canonicalValues: ['always', 'never', 'default', 'request'],
        ...exactReadOnly,
      },
    ),
    defineAttribute('uniqueness', 'string', 'Indicates how unique a value must be.', {
      canonicalValues: ['none', 'server', 'global'],
      ...exactReadOnly,
    }),
    defineAttribute(
      'referenceTypes',
      'string',
      "Used only with an attribute of type 'reference'.  Specifies a SCIM resourceType that a reference attribute " +
        "MAY refer to, e.g., 'User'.",
      { multiValued: true, ...exactReadOnly },
    ),
  ];
  if (!withSubAttributes) return list;
  return [
    ...list,
    defineComplex(
      'subAttributes',
      'Used to define the sub-attributes of a complex attribute.',
      characteristics(false),
      {
        multiValued: true,
        ...readOnly,
      },
    ),
  ];
}

/** The Schema schema definition. @see RFC 7643 §8.7.2 */
export const SCHEMA_SCHEMA_DEFINITION: SchemaDefinition = {
  id: SCHEMA_SCHEMA,
  name: 'Schema',
  description: 'Specifies the schema that describes a SCIM schema',
  attributes: [
    defineAttribute(
      'id',
      'string',
      'The unique URI of the schema.  When applicable, service providers MUST specify the URI.',
      { required: true, ...readOnly },
    ),
    defineAttribute(
      'name',
      'string',
      "The schema's human-readable name.  When applicable, service providers MUST specify the name, e.g., 'User'.",
      { required: true, ...readOnly },
    ),
    defineAttribute('description', 'string', "The schema's human-readable description.", readOnly),
    defineComplex(
      'attributes',
      'A complex attribute that includes the attributes of a schema.',
      characteristics(true),
      {
        multiValued: true,
        required: true,
        ...readOnly,
      },
    ),
  ],
};
