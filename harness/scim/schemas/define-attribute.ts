/**
 * Builders for attribute definitions that fill in the characteristics RFC 7643
 * gives when a schema leaves them out, so the schema data lists only what differs.
 * @see RFC 7643 §2.2, §7
 */
import type { AttributeDefinition, AttributeType } from './types.js';

/** The characteristics an attribute may override. */
export type AttributeCharacteristics = Partial<
  Omit<AttributeDefinition, 'name' | 'type' | 'description' | 'subAttributes'>
>;

/**
 * A simple (non-complex) attribute: single-valued, optional, case-insensitive,
 * readWrite, returned by default, not unique unless `characteristics` says otherwise.
 * @see RFC 7643 §2.2
 */
export function defineAttribute(
  name: string,
  type: Exclude<AttributeType, 'complex'>,
  description: string,
  characteristics: AttributeCharacteristics = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...characteristics,
  };
}

/** A complex attribute with the same defaults as `defineAttribute`. @see RFC 7643 §2.3.8 */
export function defineComplex(
  name: string,
  description: string,
  subAttributes: AttributeDefinition[],
  characteristics: AttributeCharacteristics = {},
): AttributeDefinition {
  return { ...defineAttribute(name, 'string', description, characteristics), type: 'complex', subAttributes };
}
