import { describe, expect, it } from 'vitest';
import { groupSchema, userSchema } from './registry.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './urns.js';
import { canonicaliseKeys, validateResource } from './validate.js';

/** RFC 7643 §8.1 Minimal User Representation. */
const minimalUser = {
  schemas: [USER_SCHEMA],
  id: '2819c223-7f76-453a-919d-413861904646',
  userName: 'bjensen@example.com',
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff590"',
    location: 'https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646',
  },
};

const groupsOfBabs = [
  ['e9e30dba-f08f-4109-8486-d5c6a331660a', 'Tour Guides'],
  ['fc348aa8-3835-40eb-a20b-c726e15c55b5', 'Employees'],
  ['71ddacd2-a8e7-49b8-a5db-ae50d0a5bfd7', 'US Employees'],
].map(([value, display]) => ({ value, $ref: `https://example.com/v2/Groups/${value}`, display }));

/** RFC 7643 §8.2 Full User Representation. */
const fullUser = {
  schemas: [USER_SCHEMA],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: {
    formatted: 'Ms. Barbara J Jensen, III',
    familyName: 'Jensen',
    givenName: 'Barbara',
    middleName: 'Jane',
    honorificPrefix: 'Ms.',
    honorificSuffix: 'III',
  },
  displayName: 'Babs Jensen',
  nickName: 'Babs',
  profileUrl: 'https://login.example.com/bjensen',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [
    {
      type: 'work',
      streetAddress: '100 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'USA',
      formatted: '100 Universal City Plaza\nHollywood, CA 91608 USA',
      primary: true,
    },
    {
      type: 'home',
      streetAddress: '456 Hollywood Blvd',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'USA',
      formatted: '456 Hollywood Blvd\nHollywood, CA 91608 USA',
    },
  ],
  phoneNumbers: [
    { value: '555-555-5555', type: 'work' },
    { value: '555-555-4444', type: 'mobile' },
  ],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  photos: [
    { value: 'https://photos.example.com/profilephoto/72930000000Ccne/F', type: 'photo' },
    { value: 'https://photos.example.com/profilephoto/72930000000Ccne/T', type: 'thumbnail' },
  ],
  userType: 'Employee',
  title: 'Tour Guide',
  preferredLanguage: 'en-US',
  locale: 'en-US',
  timezone: 'America/Los_Angeles',
  active: true,
  password: 't1meMa$heen',
  groups: groupsOfBabs,
  x509Certificates: [
    {
      value:
        'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMxEzARBgNVBAgM\nCkNhbGlmb3JuaWExFDASBgNVBAoMC2V4YW1wbGUuY29tMRQwEgYDVQQDDAtleGFtcGxlLmNvbTAe\nFw0xMTEwMjIwNjI0MzFaFw0xMjEwMDQwNjI0MzFaMH8xCzAJBgNVBAYTAlVTMRMwEQYDVQQIDApD\nYWxpZm9ybmlhMRQwEgYDVQQKDAtleGFtcGxlLmNvbTEhMB8GA1UEAwwYTXMuIEJhcmJhcmEgSiBK\nZW5zZW4gSUlJMSIwIAYJKoZIhvcNAQkBFhNiamVuc2VuQGV4YW1wbGUuY29tMIIBIjANBgkqhkiG\n9w0BAQEFAAOCAQ8AMIIBCgKCAQEA7Kr+Dcds/JQ5GwejJFcBIP682X3xpjis56AK02bc1FLgzdLI\n8auoR+cC9/Vrh5t66HkQIOdA4unHh0AaZ4xL5PhVbXIPMB5vAPKpzz5iPSi8xO8SL7I7SDhcBVJh\nqVqr3HgllEG6UClDdHO7nkLuwXq8HcISKkbT5WFTVfFZzidPl8HZ7DhXkZIRtJwBweq4bvm3hM1O\ns7UQH05ZS6cVDgweKNwdLLrT51ikSQG3DYrl+ft781UQRIqxgwqCfXEuDiinPh0kkvIi5jivVu1Z\n9QiwlYEdRbLJ4zJQBmDrSGTMYn4lRc2HgHO4DqB/bnMVorHB0CC6AV1QoFK4GPe1LwIDAQABo3sw\neTAJBgNVHRMEAjAAMCwGCWCGSAGG+EIBDQQfFh1PcGVuU1NMIEdlbmVyYXRlZCBDZXJ0aWZpY2F0\nZTAdBgNVHQ4EFgQU8pD0U0vsZIsaA16lL8En8bx0F/gwHwYDVR0jBBgwFoAUdGeKitcaF7gnzsNw\nDx708kqaVt0wDQYJKoZIhvcNAQEFBQADgYEAA81SsFnOdYJtNg5Tcq+/ByEDrBgnusx0jloUhByP\nMEVkoMZ3J7j1ZgI8rAbOkNngX8+pKfTiDz1RC4+dx8oU6Za+4NJXUjlL5CvV6BEYb1+QAEJwitTV\nvxB/A67g42/vzgAtoRUeDov1+GFiBZ+GNF/cAYKcMtGcrs2i97ZkJMo=\n',
    },
  ],
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"a330bc54f0671c9"',
    location: 'https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646',
  },
};

/** RFC 7643 §8.3 Enterprise User Extension Representation: §8.2 plus the extension. */
const enterpriseUser = {
  ...fullUser,
  schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
  [ENTERPRISE_USER_SCHEMA]: {
    employeeNumber: '701984',
    costCenter: '4130',
    organization: 'Universal Studios',
    division: 'Theme Park',
    department: 'Tour Operations',
    manager: {
      value: '26118915-6090-4610-87e4-49d8ca9f808d',
      $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d',
      displayName: 'John Smith',
    },
  },
  meta: { ...fullUser.meta, version: 'W/"3694e05e9dff591"' },
};

/** RFC 7643 §8.4 Group Representation. */
const group = {
  schemas: [GROUP_SCHEMA],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  displayName: 'Tour Guides',
  members: [
    ['2819c223-7f76-453a-919d-413861904646', 'Babs Jensen'],
    ['902c246b-6245-4190-8e05-00816be7344a', 'Mandy Pepperidge'],
  ].map(([value, display]) => ({ value, $ref: `https://example.com/v2/Users/${value}`, display })),
  meta: {
    resourceType: 'Group',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff592"',
    location: 'https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a',
  },
};

const messages = (...args: Parameters<typeof validateResource>): string[] =>
  validateResource(...args).map((issue) => issue.message);

describe('validateResource', () => {
  it.each([
    ['§8.1 minimal User', minimalUser],
    ['§8.2 full User', fullUser],
    ['§8.3 enterprise User', enterpriseUser],
  ])('accepts the RFC 7643 %s as a response', (_title, user) => {
    expect(validateResource(user, userSchema, { direction: 'response' })).toEqual([]);
  });

  it('accepts the RFC 7643 §8.4 Group as a response', () => {
    expect(validateResource(group, groupSchema, { direction: 'response' })).toEqual([]);
  });

  it('reports a wrong type with its path and the value found', () => {
    const user = { ...minimalUser, emails: [{ value: 'b@example.com', primary: 'true' }], active: 1 };
    expect(messages(user, userSchema)).toEqual([
      'active must be a boolean (found number 1)',
      'emails[0].primary must be a boolean (found string "true")',
    ]);
  });

  it('reports a missing userName, and a null one', () => {
    expect(messages({ schemas: [USER_SCHEMA] }, userSchema, { direction: 'request' })).toEqual([
      'userName is required',
    ]);
    expect(
      messages({ schemas: [USER_SCHEMA], userName: null }, userSchema, { direction: 'request' }),
    ).toEqual(['userName is required (found null, which leaves an attribute unassigned: RFC 7643 §2.5)']);
  });

  it('accepts null for an optional attribute', () => {
    expect(validateResource({ ...minimalUser, displayName: null, emails: null }, userSchema)).toEqual([]);
  });

  it('requires id and meta in a response only', () => {
    const body = { schemas: [USER_SCHEMA], userName: 'bjensen' };
    expect(messages(body, userSchema, { direction: 'response' })).toEqual([
      'id is required in a response (RFC 7643 §3.1)',
      'meta is required in a response (RFC 7643 §3.1)',
    ]);
    expect(validateResource(body, userSchema, { direction: 'request' })).toEqual([]);
  });

  it('ignores readOnly attributes in a request, whatever their value', () => {
    const body = { schemas: [USER_SCHEMA], userName: 'bjensen', id: 42, meta: 'x', groups: [{ value: 7 }] };
    expect(validateResource(body, userSchema, { direction: 'request' })).toEqual([]);
    expect(messages(body, userSchema, { direction: 'response' })).toEqual([
      'groups[0].value must be a string (found number 7)',
      'id must be a string (found number 42)',
      'meta must be an object (found string "x")',
    ]);
  });

  it('matches attribute names case-insensitively', () => {
    const body = { SCHEMAS: [USER_SCHEMA], USERNAME: 'bjensen', Name: { GIVENNAME: 'Barbara' } };
    expect(validateResource(body, userSchema, { direction: 'request' })).toEqual([]);
  });

  it('reports a name given twice in different cases', () => {
    expect(
      messages({ schemas: [USER_SCHEMA], userName: 'a', USERNAME: 'b' }, userSchema, {
        direction: 'request',
      }),
    ).toEqual([
      'userName is given twice, as "userName" and "USERNAME"; attribute names are case-insensitive (RFC 7643 §2.1)',
    ]);
  });

  it('reports unknown attributes unless told to ignore them', () => {
    const body = { ...minimalUser, nickname2: 'x', name: { givenName: 'B', nick: 'x' } };
    expect(messages(body, userSchema)).toEqual([
      `nickname2 is not an attribute of ${USER_SCHEMA}`,
      'name.nick is not a sub-attribute of name',
    ]);
    expect(validateResource(body, userSchema, { unknownAttributes: 'ignore' })).toEqual([]);
  });

  it('checks extension attributes under their URN, case-insensitively', () => {
    const extension = { employeeNumber: 7, manager: { value: 'm1', level: 2 } };
    const body = {
      ...minimalUser,
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      [ENTERPRISE_USER_SCHEMA.toUpperCase()]: extension,
    };
    expect(messages(body, userSchema)).toEqual([
      `${ENTERPRISE_USER_SCHEMA}:employeeNumber must be a string (found number 7)`,
      `${ENTERPRISE_USER_SCHEMA}:manager.level is not a sub-attribute of ${ENTERPRISE_USER_SCHEMA}:manager`,
    ]);
  });

  it('reports an extension that schemas does not list, and an unknown extension', () => {
    const body = { ...minimalUser, [ENTERPRISE_USER_SCHEMA]: { department: 'Tours' }, 'urn:example:ext': {} };
    expect(messages(body, userSchema)).toEqual([
      `urn:example:ext is not a schema extension of the User resource type (it allows: ${ENTERPRISE_USER_SCHEMA})`,
      `${ENTERPRISE_USER_SCHEMA} is present but schemas does not list it (RFC 7643 §3)`,
    ]);
  });

  it('requires schemas to list the core schema, each URN once', () => {
    expect(messages({ ...minimalUser, schemas: [ENTERPRISE_USER_SCHEMA] }, userSchema)).toEqual([
      `schemas must contain "${USER_SCHEMA}" (found ["${ENTERPRISE_USER_SCHEMA}"]; RFC 7643 §3)`,
    ]);
    expect(
      messages({ ...minimalUser, schemas: [USER_SCHEMA, USER_SCHEMA.toLowerCase()] }, userSchema),
    ).toEqual([`schemas lists "${USER_SCHEMA.toLowerCase()}" more than once (RFC 7643 §3)`]);
    expect(messages({ ...minimalUser, schemas: undefined }, userSchema)).toEqual([
      'schemas is required (RFC 7643 §3)',
    ]);
  });

  it('checks dateTime values as xsd:dateTime', () => {
    const body = { ...minimalUser, meta: { ...minimalUser.meta, created: '23/01/2010' } };
    expect(messages(body, userSchema)).toEqual([
      'meta.created must be an xsd:dateTime with date and time, e.g. "2008-01-23T04:56:22Z" (RFC 7643 §2.3.5; found string "23/01/2010")',
    ]);
  });

  it('reports a body that is not an object', () => {
    expect(messages([], userSchema)).toEqual(['the body must be a JSON object (found an array)']);
  });

  it('requires displayName on a Group', () => {
    expect(messages({ schemas: [GROUP_SCHEMA], members: [] }, groupSchema, { direction: 'request' })).toEqual(
      ['displayName is required'],
    );
  });
});

describe('canonicaliseKeys', () => {
  it('renames keys to the schema spelling and leaves the input alone', () => {
    const input = {
      SCHEMAS: [USER_SCHEMA],
      USERNAME: 'bjensen',
      NAME: { GIVENNAME: 'Barbara' },
      EMAILS: [{ VALUE: 'b@example.com', Primary: true }],
      META: { LASTMODIFIED: '2011-05-13T04:42:34Z' },
      [ENTERPRISE_USER_SCHEMA.toLowerCase()]: { MANAGER: { $REF: '../Users/1' } },
      custom: { KEEP: 1 },
    };
    const snapshot = structuredClone(input);
    expect(canonicaliseKeys(input, userSchema)).toEqual({
      schemas: [USER_SCHEMA],
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
      emails: [{ value: 'b@example.com', primary: true }],
      meta: { lastModified: '2011-05-13T04:42:34Z' },
      [ENTERPRISE_USER_SCHEMA]: { manager: { $ref: '../Users/1' } },
      custom: { KEEP: 1 },
    });
    expect(input).toEqual(snapshot);
  });

  it('keeps the exactly spelled key when a name appears twice', () => {
    expect(canonicaliseKeys({ USERNAME: 'a', userName: 'b' }, userSchema)).toEqual({ userName: 'b' });
    expect(canonicaliseKeys({ USERNAME: 'a', UserName: 'b' }, userSchema)).toEqual({ userName: 'a' });
  });

  it('copies a __proto__ key as data', () => {
    const copy = canonicaliseKeys(
      JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>,
      userSchema,
    );
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
  });
});
