/**
 * The core Group schema as RFC 7643 §8.7.1 represents it, with two corrections
 * taken from the prose: `displayName` is required (§4.2 says REQUIRED, the §8.7.1
 * JSON says false), and `members.display` is present (a default sub-attribute of
 * multi-valued attributes, §2.4, used by the §8.4 example).
 * @see RFC 7643 §4.2, §8.7.1
 */
import { defineAttribute, defineComplex } from './define-attribute.js';
import type { SchemaDefinition } from './types.js';
import { GROUP_SCHEMA } from './urns.js';

// §4.2: "sub-attributes of members are 'immutable'".
const immutable = { mutability: 'immutable' } as const;

/** The Group schema definition. @see RFC 7643 §8.7.1 */
export const GROUP_SCHEMA_DEFINITION: SchemaDefinition = {
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    defineAttribute('displayName', 'string', 'A human-readable name for the Group.  REQUIRED.', {
      required: true,
    }),
    defineComplex(
      'members',
      'A list of members of the Group.',
      [
        defineAttribute('value', 'string', 'Identifier of the member of this Group.', immutable),
        defineAttribute(
          '$ref',
          'reference',
          'The URI corresponding to a SCIM resource that is a member of this Group.',
          {
            referenceTypes: ['User', 'Group'],
            ...immutable,
          },
        ),
        defineAttribute(
          'display',
          'string',
          'A human-readable name, primarily used for display purposes.',
          immutable,
        ),
        defineAttribute(
          'type',
          'string',
          "A label indicating the type of resource, e.g., 'User' or 'Group'.",
          {
            canonicalValues: ['User', 'Group'],
            ...immutable,
          },
        ),
      ],
      { multiValued: true },
    ),
  ],
};
