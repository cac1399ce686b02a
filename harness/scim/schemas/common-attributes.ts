/**
 * The attributes every resource carries besides those of its schemas: id,
 * externalId and meta. RFC 7643 §3.1 defines them in prose only; this is that
 * prose as data, so they resolve and validate like schema attributes.
 * @see RFC 7643 §3.1
 */
import { defineAttribute, defineComplex } from './define-attribute.js';
import type { AttributeDefinition } from './types.js';

const readOnly = { mutability: 'readOnly' } as const;

/** id, externalId and meta as attribute definitions. @see RFC 7643 §3.1 */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  defineAttribute(
    'id',
    'string',
    'A unique identifier for a SCIM resource as defined by the service provider. ' +
      'Each representation of the resource MUST include a non-empty "id" value.',
    { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' },
  ),
  defineAttribute(
    'externalId',
    'string',
    'A String that is an identifier for the resource as defined by the provisioning client.',
    { caseExact: true },
  ),
  defineComplex(
    'meta',
    'A complex attribute containing resource metadata. All sub-attributes are assigned by the service provider.',
    [
      defineAttribute('resourceType', 'string', 'The name of the resource type of the resource.', {
        caseExact: true,
        ...readOnly,
      }),
      defineAttribute(
        'created',
        'dateTime',
        'The "DateTime" that the resource was added to the service provider.',
        readOnly,
      ),
      defineAttribute(
        'lastModified',
        'dateTime',
        'The most recent DateTime that the details of this resource were updated.',
        readOnly,
      ),
      defineAttribute('location', 'reference', 'The URI of the resource being returned.', {
        referenceTypes: ['uri'],
        ...readOnly,
      }),
      // An entity tag, compared character for character (RFC 7232 §2.3.2).
      defineAttribute('version', 'string', 'The version of the resource being returned (its ETag).', {
        caseExact: true,
        ...readOnly,
      }),
    ],
    readOnly,
  ),
];
