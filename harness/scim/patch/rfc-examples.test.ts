import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../attribute-access.js';
import { applyPatch } from './apply.js';
import type { PatchContext } from './apply.js';
import type { PatchOperation } from './patch-op.js';
import {
  BABS_ID,
  babs,
  exampleGroup,
  exampleUser,
  groupContext,
  james,
  member,
  userContext,
} from './test-schema.js';

interface RfcExample {
  title: string;
  resource: () => JsonObject;
  ctx: PatchContext;
  operations: PatchOperation[];
  expected: (before: JsonObject) => JsonObject;
}

const rfcExamples: RfcExample[] = [
  {
    title: '§3.5.2.1 adds a member to a group',
    resource: exampleGroup,
    ctx: groupContext,
    operations: [{ op: 'add', path: 'members', value: [babs] }],
    expected: (before) => ({ ...before, members: [james, babs] }),
  },
  {
    title: '§3.5.2.1 adds emails and nickname without a path',
    resource: () => ({ ...exampleUser(), emails: [{ value: 'bjensen@example.com', type: 'work' }] }),
    ctx: userContext,
    operations: [
      { op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } },
    ],
    expected: (before) => ({
      ...before,
      emails: [
        { value: 'bjensen@example.com', type: 'work' },
        { value: 'babs@jensen.org', type: 'home' },
      ],
      nickName: 'Babs',
    }),
  },
  {
    title: '§3.5.2.2 removes all members',
    resource: () => ({ ...exampleGroup(), members: [babs, james] }),
    ctx: groupContext,
    operations: [{ op: 'remove', path: 'members' }],
    expected: ({ members: _members, ...rest }) => rest,
  },
  {
    title: '§3.5.2.2 removes one member by value filter',
    resource: () => ({ ...exampleGroup(), members: [babs, james] }),
    ctx: groupContext,
    operations: [{ op: 'remove', path: `members[value eq "${BABS_ID}"]` }],
    expected: (before) => ({ ...before, members: [james] }),
  },
  {
    title: '§3.5.2.2 removes all members, then adds a new list',
    resource: () => ({ ...exampleGroup(), members: [member('x1', 'Old')] }),
    ctx: groupContext,
    operations: [
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: [babs, james] },
    ],
    expected: (before) => ({ ...before, members: [babs, james] }),
  },
  {
    title: '§3.5.2.2 removes a member by filter, then adds another',
    resource: () => ({ ...exampleGroup(), members: [babs] }),
    ctx: groupContext,
    operations: [
      { op: 'remove', path: `members[value eq "${BABS_ID}"]` },
      { op: 'add', path: 'members', value: [james] },
    ],
    expected: (before) => ({ ...before, members: [james] }),
  },
  {
    title: '§3.5.2.2 removes the emails a compound filter selects',
    resource: exampleUser,
    ctx: userContext,
    operations: [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }],
    expected: (before) => ({ ...before, emails: [{ value: 'babs@jensen.org', type: 'home' }] }),
  },
  {
    title: '§3.5.2.3 replaces all members',
    resource: () => ({ ...exampleGroup(), members: [member('x1', 'Old')] }),
    ctx: groupContext,
    operations: [{ op: 'replace', path: 'members', value: [babs, james] }],
    expected: (before) => ({ ...before, members: [babs, james] }),
  },
  {
    title: '§3.5.2.3 replaces the work address',
    resource: exampleUser,
    ctx: userContext,
    operations: [
      {
        op: 'replace',
        path: 'addresses[type eq "work"]',
        value: {
          type: 'work',
          streetAddress: '911 Universal City Plaza',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'US',
          formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
          primary: true,
        },
      },
    ],
    expected: (before) => ({
      ...before,
      addresses: [
        {
          type: 'work',
          streetAddress: '911 Universal City Plaza',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'US',
          formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
          primary: true,
        },
        (before.addresses as unknown[])[1],
      ],
    }),
  },
  {
    title: '§3.5.2.3 replaces the street address of the work address',
    resource: exampleUser,
    ctx: userContext,
    operations: [
      { op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' },
    ],
    expected: (before) => ({
      ...before,
      addresses: [
        { ...(before.addresses as JsonObject[])[0], streetAddress: '1010 Broadway Ave' },
        (before.addresses as unknown[])[1],
      ],
    }),
  },
  {
    title: '§3.5.2.3 replaces emails and nickname without a path',
    resource: exampleUser,
    ctx: userContext,
    operations: [
      {
        op: 'replace',
        value: {
          emails: [
            { value: 'bjensen@example.com', type: 'work', primary: true },
            { value: 'babs@jensen.org', type: 'home' },
          ],
          nickname: 'Babs',
        },
      },
    ],
    expected: (before) => ({
      ...before,
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: true },
        { value: 'babs@jensen.org', type: 'home' },
      ],
      nickName: 'Babs',
    }),
  },
];

describe('applyPatch on the RFC 7644 §3.5.2 examples', () => {
  it.each(rfcExamples)('RFC 7644 $title', ({ resource, ctx, operations, expected }) => {
    const before = resource();
    const result = applyPatch(before, operations, ctx);
    expect(result.resource).toEqual(expected(before));
    expect(result.changed).toBe(true);
  });
});
