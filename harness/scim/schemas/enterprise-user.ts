/**
 * The Enterprise User extension schema as RFC 7643 §8.7.1 represents it.
 * @see RFC 7643 §4.3, §8.7.1
 */
import { defineAttribute, defineComplex } from './define-attribute.js';
import type { SchemaDefinition } from './types.js';
import { ENTERPRISE_USER_SCHEMA } from './urns.js';

/** The Enterprise User extension definition. @see RFC 7643 §8.7.1 */
export const ENTERPRISE_USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    defineAttribute(
      'employeeNumber',
      'string',
      'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association ' +
        'with an organization.',
    ),
    defineAttribute('costCenter', 'string', 'Identifies the name of a cost center.'),
    defineAttribute('organization', 'string', 'Identifies the name of an organization.'),
    defineAttribute('division', 'string', 'Identifies the name of a division.'),
    defineAttribute('department', 'string', 'Identifies the name of a department.'),
    defineComplex(
      'manager',
      "The User's manager.  A complex type that optionally allows service providers to represent organizational " +
        "hierarchy by referencing the 'id' attribute of another User.",
      [
        // §8.7.1 gives required false for value and $ref although their descriptions say REQUIRED.
        defineAttribute(
          'value',
          'string',
          "The id of the SCIM resource representing the User's manager.  REQUIRED.",
        ),
        defineAttribute(
          '$ref',
          'reference',
          "The URI of the SCIM resource representing the User's manager.  REQUIRED.",
          {
            referenceTypes: ['User'],
          },
        ),
        defineAttribute(
          'displayName',
          'string',
          "The displayName of the User's manager.  OPTIONAL and READ-ONLY.",
          {
            mutability: 'readOnly',
          },
        ),
      ],
    ),
  ],
};
