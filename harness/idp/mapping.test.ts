import { describe, expect, it } from 'vitest';
import { interactCatalog } from '../../mock-sps/interact/idp.js';
import { Directory } from './directory.js';
import { changedAttributes, mapUser, type AttributeMapping } from './mapping.js';
import { PersonFactory } from '#harness/people';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('mapUser', () => {
  const directory = new Directory();
  const user = directory.createUser(
    new PersonFactory(1).next({ username: 'ada@example.com', email: 'ada@example.com' }),
  );

  it('maps a directory user through the Interact table', () => {
    const resource = mapUser(user, interactCatalog.mappings, { forCreate: true });
    expect(resource).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      userName: 'ada@example.com',
      active: true,
      emails: [{ type: 'work', primary: true, value: 'ada@example.com' }],
      name: { givenName: user.firstname, familyName: user.lastname },
      title: user.jobTitle,
      externalId: user.employeeIdentifier,
      addresses: [
        {
          type: 'work',
          streetAddress: user.addresses![0]!.streetAddress,
          locality: user.addresses![0]!.locality,
        },
      ],
      [ENTERPRISE]: { department: user.department, organization: user.company },
    });
  });

  it('never sends an excluded optional row', () => {
    const resource = mapUser(user, interactCatalog.mappings, {
      forCreate: true,
      excluded: new Set(['title', `${ENTERPRISE}:department`]),
    });
    expect(resource.title).toBeUndefined();
    expect(resource[ENTERPRISE]).toEqual({ organization: user.company });
  });

  it('sends create-only rows at creation only', () => {
    const rows: AttributeMapping[] = [
      { scim: 'userName', source: { property: 'username' }, optional: false },
      { scim: 'nickName', source: { constant: 'Standard' }, optional: false, createOnly: true },
    ];
    expect(mapUser(user, rows, { forCreate: true }).nickName).toBe('Standard');
    expect(mapUser(user, rows, { forCreate: false }).nickName).toBeUndefined();
  });

  it('derives active from suspension', () => {
    const suspended = { ...user, suspended: true };
    expect(mapUser(suspended, interactCatalog.mappings, { forCreate: false }).active).toBe(false);
  });
});

describe('changedAttributes', () => {
  it('lists the top-level attributes whose value changed', () => {
    expect(
      changedAttributes({ title: 'a', name: { givenName: 'x' } }, { title: 'b', name: { givenName: 'x' } }),
    ).toEqual(['title']);
    expect(changedAttributes(undefined, { title: 'b' })).toEqual(['title']);
  });
});

describe('PersonFactory', () => {
  it('gives the same people for the same seed', () => {
    expect(new PersonFactory(42).next()).toEqual(new PersonFactory(42).next());
    expect(new PersonFactory(42).next()).not.toEqual(new PersonFactory(43).next());
  });
});

describe('Directory', () => {
  it('refuses a duplicate username and removes a deleted user from its groups', () => {
    const directory = new Directory();
    const people = new PersonFactory(3);
    const user = directory.createUser(people.next({ username: 'x@example.com' }));
    expect(() => directory.createUser(people.next({ username: 'X@example.com' }))).toThrow(
      /username 'X@example.com' is taken/,
    );
    const group = directory.createGroup('G');
    directory.addMember(group.id, user.id);
    directory.deleteUser(user.id);
    expect(group.members.size).toBe(0);
    expect(() => directory.user(user.id)).toThrow(/No user/);
  });
});
