import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../attribute-access.js';
import { applyPatch } from './apply.js';
import type { PatchContext } from './apply.js';
import { PATCH_OP_SCHEMA, parsePatchRequest } from './patch-op.js';
import type { PatchOperation } from './patch-op.js';
import {
  BABS_ID,
  ENTERPRISE_SCHEMA,
  babs,
  exampleGroup,
  exampleUser,
  groupContext,
  james,
  userContext,
} from './test-schema.js';

function patch(resource: JsonObject, ctx: PatchContext, ...operations: PatchOperation[]): JsonObject {
  return applyPatch(resource, operations, ctx).resource;
}

describe('applyPatch', () => {
  it('applies an Entra ID request with capitalised ops end to end', () => {
    const operations = parsePatchRequest({
      schemas: [PATCH_OP_SCHEMA],
      Operations: [
        { op: 'Replace', path: 'active', value: false },
        { op: 'Add', path: `${ENTERPRISE_SCHEMA}:employeeNumber`, value: '701984' },
        { op: 'Replace', path: 'name.givenName', value: 'Barb' },
        { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+1 555 0100' },
        { op: 'Add', path: 'addresses[type eq "other"].streetAddress', value: '1 Main St' },
        { op: 'Add', path: 'addresses[type eq "other"].locality', value: 'Burbank' },
      ],
    });
    const { resource } = applyPatch(exampleUser(), operations, userContext);
    expect(resource).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_SCHEMA],
      active: false,
      name: { givenName: 'Barb', familyName: 'Jensen' },
      phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
      [ENTERPRISE_SCHEMA]: { employeeNumber: '701984' },
    });
    expect((resource.addresses as unknown[]).slice(2)).toEqual([
      { type: 'other', streetAddress: '1 Main St', locality: 'Burbank' },
    ]);
  });

  it('adds an existing member again without change (IDP-IDM-13)', () => {
    const group = { ...exampleGroup(), members: [babs] };
    expect(applyPatch(group, [{ op: 'add', path: 'members', value: [babs] }], groupContext).changed).toBe(
      false,
    );
    const renamed = applyPatch(
      group,
      [{ op: 'add', path: 'members', value: [{ value: BABS_ID }] }],
      groupContext,
    );
    expect(renamed).toEqual({ resource: group, changed: false });
  });

  it('removes the members listed in an Entra ID remove with a value', () => {
    const group = { ...exampleGroup(), members: [babs, james] };
    const op: PatchOperation = {
      op: 'remove',
      path: 'members',
      value: [{ value: BABS_ID }, { value: 'gone' }],
    };
    expect(patch(group, groupContext, op).members).toEqual([james]);
  });

  it('adds and removes members of a 25,000-member group by id, each once, in linear time', () => {
    const ids = Array.from({ length: 25_000 }, (_, n) => `Member-${n}`);
    const group = { ...exampleGroup(), members: ids.map((value) => ({ value })) };
    const started = performance.now();
    const added = patch(group, groupContext, {
      op: 'add',
      path: 'members',
      // Present ones (another case, another display) change nothing; new ones come once.
      value: [
        { value: 'member-7', display: 'Seven' },
        { value: 'New-1' },
        { value: 'NEW-1' },
        ...ids.map((value) => ({ value })),
      ],
    });
    const removed = patch(added, groupContext, {
      op: 'remove',
      path: 'members',
      value: [...ids.slice(0, 24_999).map((value) => ({ value: value.toUpperCase() })), { value: 'absent' }],
    });
    // Comparing each value with every member would take minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(added.members).toHaveLength(25_001);
    expect((added.members as JsonObject[]).at(-1)).toEqual({ value: 'New-1' });
    expect(removed.members).toEqual([{ value: 'Member-24999' }, { value: 'New-1' }]);
  });

  it('matches attribute names case-insensitively and keeps the existing key case', () => {
    // The same user, stored by a service provider that capitalises its keys.
    const renamed: Record<string, [string, unknown]> = {
      userName: ['UserName', 'old'],
      name: ['Name', { GivenName: 'B' }],
    };
    const user = Object.fromEntries(
      Object.entries(exampleUser()).map(([key, value]) => renamed[key] ?? [key, value]),
    );
    const result = patch(
      user,
      userContext,
      { op: 'replace', path: 'USERNAME', value: 'new' },
      { op: 'replace', path: 'name.givenname', value: 'Barbara' },
      { op: 'add', path: 'EMAILS[TYPE eq "home"].Display', value: 'Home' },
    );
    expect(result).toMatchObject({ UserName: 'new', Name: { GivenName: 'Barbara' } });
    expect(result).not.toHaveProperty('userName');
    expect((result.emails as JsonObject[])[1]).toEqual({
      value: 'babs@jensen.org',
      type: 'home',
      display: 'Home',
    });
  });

  it('accepts dotted and URN-qualified names and a URN key holding an object without a path', () => {
    const result = patch(exampleUser(), userContext, {
      op: 'add',
      value: {
        'name.givenName': 'Barb',
        [`${ENTERPRISE_SCHEMA}:department`]: 'Tour Operations',
        [ENTERPRISE_SCHEMA]: {
          employeeNumber: '701984',
          manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
        },
      },
    });
    expect(result).toMatchObject({
      name: { givenName: 'Barb', familyName: 'Jensen' },
      [ENTERPRISE_SCHEMA]: {
        department: 'Tour Operations',
        employeeNumber: '701984',
        manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
      },
    });
  });

  it('merges sub-attributes when replacing a complex attribute', () => {
    const result = patch(exampleUser(), userContext, {
      op: 'replace',
      path: 'name',
      value: { givenName: 'Babs' },
    });
    expect(result.name).toEqual({
      formatted: 'Ms. Barbara J Jensen, III',
      familyName: 'Jensen',
      givenName: 'Babs',
    });
  });

  it('clears the other primary values when one value becomes primary', () => {
    const added = patch(exampleUser(), userContext, {
      op: 'add',
      path: 'emails',
      value: { value: 'b@example.org', type: 'other', primary: true },
    });
    expect((added.emails as JsonObject[]).map((email) => email.primary)).toEqual([false, undefined, true]);
    const replaced = patch(exampleUser(), userContext, {
      op: 'replace',
      path: 'emails[type eq "home"].primary',
      value: true,
    });
    expect((replaced.emails as JsonObject[]).map((email) => email.primary)).toEqual([false, true]);
  });

  it('creates the value a filter of equalities describes when add matches nothing', () => {
    const result = patch(exampleUser(), userContext, {
      op: 'add',
      path: 'addresses[type eq "other" and locality eq "Burbank"].streetAddress',
      value: '1 Main St',
    });
    expect((result.addresses as unknown[])[2]).toEqual({
      type: 'other',
      locality: 'Burbank',
      streetAddress: '1 Main St',
    });
  });

  it('removes a sub-attribute of the values a filter selects', () => {
    const result = patch(exampleUser(), userContext, {
      op: 'remove',
      path: 'emails[type eq "work"].display',
    });
    expect((result.emails as unknown[])[0]).toEqual({
      value: 'bjensen@example.com',
      type: 'work',
      primary: true,
    });
  });

  it('unassigns a multi-valued attribute whose last value is removed', () => {
    const user = { ...exampleUser(), emails: [{ value: 'a@example.com', type: 'work' }] };
    expect(patch(user, userContext, { op: 'remove', path: 'emails[type eq "work"]' })).not.toHaveProperty(
      'emails',
    );
  });

  it('unassigns an attribute replaced with null', () => {
    expect(
      patch(exampleUser(), userContext, { op: 'replace', path: 'displayName', value: null }),
    ).not.toHaveProperty('displayName');
  });

  it('reports no change for removing an absent attribute or replacing a value with itself', () => {
    expect(applyPatch(exampleUser(), [{ op: 'remove', path: 'title' }], userContext).changed).toBe(false);
    expect(
      applyPatch(exampleUser(), [{ op: 'replace', path: 'displayName', value: 'Babs Jensen' }], userContext)
        .changed,
    ).toBe(false);
  });

  it('drops an extension and its schemas entry once its last attribute is removed', () => {
    const user = {
      ...exampleUser(),
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE_SCHEMA],
      [ENTERPRISE_SCHEMA]: { department: 'Tour Operations' },
    };
    const result = patch(user, userContext, { op: 'remove', path: `${ENTERPRISE_SCHEMA}:department` });
    expect(result).not.toHaveProperty([ENTERPRISE_SCHEMA]);
    expect(result.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
  });

  it('does not share values with the operations it applied', () => {
    const value = [{ value: 'a@example.com', type: 'other' }];
    const result = patch(exampleUser(), userContext, { op: 'add', path: 'emails', value });
    (result.emails as JsonObject[])[2]!.type = 'changed';
    expect(value[0]!.type).toBe('other');
  });
});
