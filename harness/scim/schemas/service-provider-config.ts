/**
 * The ServiceProviderConfig schema as RFC 7643 §8.7.2 represents it.
 *
 * Additions to the §8.7.2 JSON, all from §5 and used by the §8.5 example: the
 * `etag` attribute (REQUIRED in §5), `authenticationSchemes.type` (REQUIRED in §5)
 * and `authenticationSchemes.primary` (a default sub-attribute, §2.4).
 * @see RFC 7643 §5, §8.7.2
 */
import { defineAttribute, defineComplex } from './define-attribute.js';
import type { AttributeDefinition, SchemaDefinition } from './types.js';
import { SERVICE_PROVIDER_CONFIG_SCHEMA } from './urns.js';

const readOnly = { mutability: 'readOnly' } as const;
const requiredReadOnly = { required: true, mutability: 'readOnly' } as const;

const supported = (): AttributeDefinition =>
  defineAttribute(
    'supported',
    'boolean',
    'A Boolean value specifying whether or not the operation is supported.',
    requiredReadOnly,
  );

const option = (name: string, description: string, more: AttributeDefinition[] = []): AttributeDefinition =>
  defineComplex(name, description, [supported(), ...more], requiredReadOnly);

/** The ServiceProviderConfig schema definition. @see RFC 7643 §8.7.2 */
export const SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION: SchemaDefinition = {
  id: SERVICE_PROVIDER_CONFIG_SCHEMA,
  name: 'Service Provider Configuration',
  description: "Schema for representing the service provider's configuration",
  attributes: [
    defineAttribute(
      'documentationUri',
      'reference',
      "An HTTP-addressable URL pointing to the service provider's human-consumable help documentation.",
      { referenceTypes: ['external'], ...readOnly },
    ),
    option('patch', 'A complex type that specifies PATCH configuration options.'),
    option('bulk', 'A complex type that specifies bulk configuration options.', [
      defineAttribute(
        'maxOperations',
        'integer',
        'An integer value specifying the maximum number of operations.',
        requiredReadOnly,
      ),
      defineAttribute(
        'maxPayloadSize',
        'integer',
        'An integer value specifying the maximum payload size in bytes.',
        requiredReadOnly,
      ),
    ]),
    option('filter', 'A complex type that specifies FILTER options.', [
      defineAttribute(
        'maxResults',
        'integer',
        'An integer value specifying the maximum number of resources returned in a response.',
        requiredReadOnly,
      ),
    ]),
    option(
      'changePassword',
      'A complex type that specifies configuration options related to changing a password.',
    ),
    option('sort', 'A complex type that specifies sort result options.'),
    // Not in the §8.7.2 JSON; §5 lists it as REQUIRED.
    option('etag', 'A complex type that specifies ETag configuration options.'),
    defineComplex(
      'authenticationSchemes',
      'A complex type that specifies supported authentication scheme properties.',
      [
        // Not in the §8.7.2 JSON; §5 lists it as REQUIRED.
        defineAttribute('type', 'string', 'The authentication scheme.', {
          canonicalValues: ['oauth', 'oauth2', 'oauthbearertoken', 'httpbasic', 'httpdigest'],
          ...requiredReadOnly,
        }),
        defineAttribute(
          'name',
          'string',
          'The common authentication scheme name, e.g., HTTP Basic.',
          requiredReadOnly,
        ),
        defineAttribute(
          'description',
          'string',
          'A description of the authentication scheme.',
          requiredReadOnly,
        ),
        defineAttribute(
          'specUri',
          'reference',
          "An HTTP-addressable URL pointing to the authentication scheme's specification.",
          { referenceTypes: ['external'], ...readOnly },
        ),
        defineAttribute(
          'documentationUri',
          'reference',
          "An HTTP-addressable URL pointing to the authentication scheme's usage documentation.",
          { referenceTypes: ['external'], ...readOnly },
        ),
        // Not in the §8.7.2 JSON; the §8.5 example marks its preferred scheme with it.
        defineAttribute(
          'primary',
          'boolean',
          "A Boolean value indicating the 'primary' or preferred scheme.",
          readOnly,
        ),
      ],
      { multiValued: true, ...requiredReadOnly },
    ),
  ],
};
