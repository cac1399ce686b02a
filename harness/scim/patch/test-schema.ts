/**
 * A small inline User / Group attribute table for the PATCH engine's tests, independent of
 * the full RFC 7643 schema data in harness/scim/schemas/.
 * @see RFC 7643 §4.1, §4.2, §4.3
 */
import type { AttributeDefinition } from '../schemas/types.js';
import { attr, contextOf, type AttributeOptions } from '../test-support.js';
import type { PatchContext } from './apply.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function complex(
  name: string,
  subAttributes: AttributeDefinition[],
  options: AttributeOptions = {},
): AttributeDefinition {
  return attr(name, 'complex', { ...options, subAttributes });
}

const multi = (
  name: string,
  subAttributes: AttributeDefinition[],
  options: AttributeOptions = {},
): AttributeDefinition => complex(name, subAttributes, { ...options, multiValued: true });

const kindValue = (): AttributeDefinition[] => [
  attr('value'),
  attr('display'),
  attr('type'),
  attr('primary', 'boolean'),
];

const meta = complex(
  'meta',
  [
    attr('resourceType'),
    attr('created', 'dateTime'),
    attr('lastModified', 'dateTime'),
    attr('location'),
    attr('version'),
  ],
  { mutability: 'readOnly' },
);
const id = attr('id', 'string', {
  mutability: 'readOnly',
  caseExact: true,
  returned: 'always',
  uniqueness: 'server',
});
const externalId = attr('externalId', 'string', { caseExact: true });

const userAttributes: AttributeDefinition[] = [
  id,
  externalId,
  meta,
  attr('userName', 'string', { required: true, uniqueness: 'server' }),
  complex('name', [attr('formatted'), attr('familyName'), attr('givenName')]),
  attr('displayName'),
  attr('nickName'),
  attr('title'),
  attr('active', 'boolean'),
  multi('emails', kindValue()),
  multi('phoneNumbers', kindValue()),
  multi('addresses', [
    attr('type'),
    attr('streetAddress'),
    attr('locality'),
    attr('region'),
    attr('postalCode'),
    attr('country'),
    attr('formatted'),
    attr('primary', 'boolean'),
  ]),
  multi(
    'groups',
    [attr('value'), attr('$ref', 'reference'), attr('display'), attr('type')].map((sub) => ({
      ...sub,
      mutability: 'readOnly' as const,
    })),
    { mutability: 'readOnly' },
  ),
];

const enterpriseAttributes: AttributeDefinition[] = [
  attr('employeeNumber'),
  attr('department'),
  complex('manager', [
    attr('value'),
    attr('$ref', 'reference'),
    attr('displayName', 'string', { mutability: 'readOnly' }),
  ]),
];

const groupAttributes: AttributeDefinition[] = [
  id,
  externalId,
  meta,
  attr('displayName', 'string', { required: true }),
  // RFC 7643 §4.2 / §8.7.1: members' value, $ref and type are immutable; display is not listed there.
  multi('members', [
    attr('value', 'string', { mutability: 'immutable' }),
    attr('$ref', 'reference', { mutability: 'immutable' }),
    attr('display'),
    attr('type', 'string', { mutability: 'immutable' }),
  ]),
];

/** User with the enterprise extension. */
export const userContext: PatchContext = contextOf(USER_SCHEMA, {
  [USER_SCHEMA]: userAttributes,
  [ENTERPRISE_SCHEMA]: enterpriseAttributes,
});

/** Group. */
export const groupContext: PatchContext = contextOf(GROUP_SCHEMA, { [GROUP_SCHEMA]: groupAttributes });

/**
 * User whose enterprise employeeNumber is immutable: RFC 7643 has no immutable top-level User
 * attribute, and the tests need one to show "set once, never changed".
 */
export const immutableUserContext: PatchContext = contextOf(USER_SCHEMA, {
  [USER_SCHEMA]: userAttributes,
  [ENTERPRISE_SCHEMA]: enterpriseAttributes.map((def) =>
    def.name === 'employeeNumber' ? { ...def, mutability: 'immutable' as const } : def,
  ),
});

export const BABS_ID = '2819c223-7f76-453a-919d-413861904646';
export const JAMES_ID = '08e1d05d-121c-4561-8b96-473d93df9210';

/** A Group member entry as RFC 7644 §3.5.2's examples write them. */
export function member(id: string, display: string): Record<string, string> {
  return { display, $ref: `https://example.com/v2/Users/${id}`, value: id };
}

/** The member entries of Barbara Jensen and James Smith. */
export const babs = member(BABS_ID, 'Babs Jensen');
export const james = member(JAMES_ID, 'James Smith');

/** The Group of RFC 7644 §3.5.2's examples, with James Smith as its member. */
export function exampleGroup(): Record<string, unknown> {
  return {
    schemas: [GROUP_SCHEMA],
    id: 'acbf3ae7-8463-4692-b4fd-9b4da3f908ce',
    displayName: 'Tour Guides',
    members: [member(JAMES_ID, 'James Smith')],
    meta: { resourceType: 'Group', version: 'W/"3694e05e9dff592"' },
  };
}

/** Barbara Jensen, after RFC 7643 §8.2, trimmed to the attributes of this table. */
export function exampleUser(): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    id: BABS_ID,
    externalId: '701984',
    userName: 'bjensen@example.com',
    name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
    displayName: 'Babs Jensen',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true, display: 'Work mail' },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    addresses: [
      {
        type: 'work',
        streetAddress: '100 Universal City Plaza',
        locality: 'Hollywood',
        region: 'CA',
        primary: true,
      },
      { type: 'home', streetAddress: '456 Hollywood Blvd', locality: 'Hollywood', region: 'CA' },
    ],
    groups: [{ value: 'e9e30dba-f08f-4109-8486-d5c6a331660a', display: 'Tour Guides' }],
    meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', version: 'W/"a330bc54f0671c9"' },
  };
}
