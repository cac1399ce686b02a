import { describe, expect, it } from 'vitest';
import {
  GROUP_RESOURCE_TYPE,
  USER_RESOURCE_TYPE,
  groupSchema,
  resourceSchema,
  userSchema,
} from './registry.js';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './urns.js';

describe('resourceSchema', () => {
  it('resolves a core attribute and a sub-attribute', () => {
    expect(userSchema.resolve({ attr: 'userName' })).toMatchObject({
      name: 'userName',
      uniqueness: 'server',
    });
    expect(userSchema.resolve({ attr: 'name', subAttr: 'givenName' })).toMatchObject({
      name: 'givenName',
      type: 'string',
    });
  });

  it('resolves names and URNs case-insensitively', () => {
    expect(userSchema.resolve({ attr: 'NAME', subAttr: 'GIVENNAME' })?.name).toBe('givenName');
    expect(userSchema.resolve({ attr: 'emails', subAttr: 'VALUE' })?.name).toBe('value');
    expect(userSchema.resolve({ uri: USER_SCHEMA.toUpperCase(), attr: 'username' })?.name).toBe('userName');
  });

  it('resolves a URN-qualified core path', () => {
    expect(userSchema.resolve({ uri: USER_SCHEMA, attr: 'name', subAttr: 'familyName' })?.name).toBe(
      'familyName',
    );
  });

  it('resolves a URN-qualified enterprise path within the extension', () => {
    expect(userSchema.resolve({ uri: ENTERPRISE_USER_SCHEMA, attr: 'employeeNumber' })?.name).toBe(
      'employeeNumber',
    );
    expect(
      userSchema.resolve({ uri: ENTERPRISE_USER_SCHEMA, attr: 'manager', subAttr: 'displayName' }),
    ).toMatchObject({ name: 'displayName', mutability: 'readOnly' });
    // The extension's attributes are not core attributes, and the core's are not the extension's.
    expect(userSchema.resolve({ attr: 'employeeNumber' })).toBeUndefined();
    expect(userSchema.resolve({ uri: ENTERPRISE_USER_SCHEMA, attr: 'userName' })).toBeUndefined();
  });

  it('resolves the common attributes id, externalId and meta', () => {
    expect(userSchema.resolve({ attr: 'id' })).toMatchObject({ caseExact: true, returned: 'always' });
    expect(userSchema.resolve({ attr: 'externalId' })).toMatchObject({ caseExact: true });
    expect(userSchema.resolve({ attr: 'meta', subAttr: 'lastModified' })).toMatchObject({ type: 'dateTime' });
    expect(groupSchema.resolve({ uri: GROUP_SCHEMA, attr: 'META', subAttr: 'created' })?.name).toBe(
      'created',
    );
  });

  it('resolves $ref sub-attributes', () => {
    expect(groupSchema.resolve({ attr: 'members', subAttr: '$ref' })).toMatchObject({
      type: 'reference',
      referenceTypes: ['User', 'Group'],
    });
  });

  it('returns undefined for unknown attributes, sub-attributes and URNs', () => {
    expect(userSchema.resolve({ attr: 'nickname2' })).toBeUndefined();
    expect(userSchema.resolve({ attr: 'name', subAttr: 'nope' })).toBeUndefined();
    expect(userSchema.resolve({ attr: 'userName', subAttr: 'value' })).toBeUndefined();
    expect(userSchema.resolve({ uri: 'urn:example:unknown', attr: 'userName' })).toBeUndefined();
    expect(groupSchema.resolve({ attr: 'userName' })).toBeUndefined();
  });

  it('lists the core and extension URNs a resource may carry', () => {
    expect(userSchema.coreSchema).toBe(USER_SCHEMA);
    expect(userSchema.schemaUrns).toEqual([USER_SCHEMA, ENTERPRISE_USER_SCHEMA]);
    expect(groupSchema.schemaUrns).toEqual([GROUP_SCHEMA]);
  });

  it('throws a TypeError naming a schema that was not passed', () => {
    expect(() => resourceSchema(USER_RESOURCE_TYPE, [])).toThrow(TypeError);
    expect(() => resourceSchema(GROUP_RESOURCE_TYPE, [])).toThrow(
      /urn:ietf:params:scim:schemas:core:2.0:Group/,
    );
  });
});
