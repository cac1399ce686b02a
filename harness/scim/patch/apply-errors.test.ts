import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../attribute-access.js';
import type { ScimType } from '../errors.js';
import { expectScimError, scimErrorOf } from '../test-support.js';
import { applyPatch } from './apply.js';
import type { PatchContext } from './apply.js';
import type { PatchOperation } from './patch-op.js';
import {
  BABS_ID,
  ENTERPRISE_SCHEMA,
  exampleGroup,
  exampleUser,
  groupContext,
  immutableUserContext,
  member,
  userContext,
} from './test-schema.js';

interface Failure {
  title: string;
  operations: PatchOperation[];
  scimType: ScimType;
  message: RegExp;
  resource?: () => JsonObject;
  ctx?: PatchContext;
}

const groupWithBabs = (): JsonObject => ({ ...exampleGroup(), members: [member(BABS_ID, 'Babs Jensen')] });

const failures: Failure[] = [
  // noTarget, RFC 7644 §3.5.2.2, §3.5.2.3, §3.12
  {
    title: 'a remove without path',
    operations: [{ op: 'remove' }],
    scimType: 'noTarget',
    message: /Missing required attribute 'path' for 'remove' op of operation 1/,
  },
  {
    title: 'a replace whose value filter matches nothing',
    operations: [{ op: 'replace', path: 'emails[type eq "other"].value', value: 'x@example.com' }],
    scimType: 'noTarget',
    message: /No value of 'emails' matches 'emails\[type eq "other"\]\.value'/,
  },
  {
    title: 'a remove whose value filter matches nothing',
    operations: [{ op: 'remove', path: 'members[value eq "nobody"]' }],
    scimType: 'noTarget',
    message: /No value of 'members' matches/,
    resource: groupWithBabs,
    ctx: groupContext,
  },
  {
    title: 'an add whose filter matches nothing and is not made of equalities',
    operations: [{ op: 'add', path: 'emails[type ne "work" or value co "zzz"].display', value: 'x' }],
    scimType: 'noTarget',
    message: /'eq'/,
    resource: () => ({ ...exampleUser(), emails: [{ value: 'a@example.com', type: 'work' }] }),
  },
  {
    title: 'a sub-attribute path on a multi-valued attribute without values',
    operations: [{ op: 'replace', path: 'phoneNumbers.display', value: 'x' }],
    scimType: 'noTarget',
    message: /No values in 'phoneNumbers'/,
  },
  // invalidPath
  {
    title: 'an unknown attribute',
    operations: [{ op: 'replace', path: 'nickname2', value: 'x' }],
    scimType: 'invalidPath',
    message: /Unknown attribute 'nickname2'/,
  },
  {
    title: 'an unknown sub-attribute',
    operations: [{ op: 'replace', path: 'name.middle', value: 'x' }],
    scimType: 'invalidPath',
    message: /use one of: formatted, familyName, givenName/,
  },
  {
    title: 'a value filter on a single-valued attribute',
    operations: [{ op: 'replace', path: 'name[givenName eq "B"].familyName', value: 'x' }],
    scimType: 'invalidPath',
    message: /Value filter on single-valued attribute 'name'/,
  },
  {
    title: 'a value filter naming an unknown sub-attribute',
    operations: [{ op: 'remove', path: 'emails[kind eq "work"]' }],
    scimType: 'invalidPath',
    message: /Unknown sub-attribute 'kind' of 'emails'/,
  },
  {
    title: 'a value filter comparing a boolean with a string',
    operations: [{ op: 'remove', path: 'emails[primary eq "true"]' }],
    scimType: 'invalidPath',
    message: /Unusable value filter/,
  },
  {
    title: 'an unknown key in a value map',
    operations: [{ op: 'add', value: { nickName: 'B', shoeSize: 9 } }],
    scimType: 'invalidPath',
    message: /'shoeSize'/,
  },
  {
    title: 'an unknown attribute inside a schema URN key',
    operations: [{ op: 'add', value: { [ENTERPRISE_SCHEMA]: { costCentre: '1' } } }],
    scimType: 'invalidPath',
    message: /costCentre/,
  },
  // mutability, RFC 7643 §2.2, RFC 7644 §3.5.2.2
  {
    title: 'a replace of the readOnly id',
    operations: [{ op: 'replace', path: 'id', value: 'new' }],
    scimType: 'mutability',
    message: /readOnly attribute 'id'/,
  },
  {
    title: 'an add of readOnly meta without a path',
    operations: [{ op: 'add', value: { meta: { version: 'W/"1"' } } }],
    scimType: 'mutability',
    message: /'meta'/,
  },
  {
    title: "a remove of the user's readOnly groups",
    operations: [{ op: 'remove', path: 'groups' }],
    scimType: 'mutability',
    message: /'groups'/,
  },
  {
    title: 'a readOnly sub-attribute inside a value',
    operations: [
      { op: 'add', path: `${ENTERPRISE_SCHEMA}:manager`, value: { value: 'm1', displayName: 'M' } },
    ],
    scimType: 'mutability',
    message: /readOnly sub-attribute 'manager.displayName'/,
  },
  {
    title: 'a remove of the required userName',
    operations: [{ op: 'remove', path: 'userName' }],
    scimType: 'mutability',
    message: /required attribute 'userName'/,
  },
  {
    title: 'a change to the immutable value of a member',
    operations: [{ op: 'replace', path: `members[value eq "${BABS_ID}"].value`, value: 'other' }],
    scimType: 'mutability',
    message: /immutable sub-attribute 'members.value'/,
    resource: groupWithBabs,
    ctx: groupContext,
  },
  {
    title: 'a change to an immutable attribute that has a value',
    operations: [{ op: 'replace', path: `${ENTERPRISE_SCHEMA}:employeeNumber`, value: '2' }],
    scimType: 'mutability',
    message: /immutable attribute 'employeeNumber'/,
    resource: () => ({ ...exampleUser(), [ENTERPRISE_SCHEMA]: { employeeNumber: '1' } }),
    ctx: immutableUserContext,
  },
  // invalidValue, RFC 7643 §2.3, §2.4
  {
    title: 'the string "True" for a boolean',
    operations: [{ op: 'replace', path: 'active', value: 'True' }],
    scimType: 'invalidValue',
    message: /'active' expects true or false but found the string "True"/,
  },
  {
    title: 'an array for a single-valued attribute',
    operations: [{ op: 'replace', value: { title: ['Tour Guide'] } }],
    scimType: 'invalidValue',
    message: /'title' takes one value here but found an array of 1/,
  },
  {
    title: 'a number for a string sub-attribute',
    operations: [{ op: 'add', path: 'emails', value: [{ value: 42, type: 'work' }] }],
    scimType: 'invalidValue',
    message: /'emails.value' expects a string but found the number 42/,
  },
  {
    title: 'an unknown sub-attribute inside a complex value',
    operations: [{ op: 'replace', path: 'name', value: { nickname: 'B' } }],
    scimType: 'invalidValue',
    message: /Unknown sub-attribute 'nickname' in the value of 'name'/,
  },
  {
    title: 'two primary values in one operation',
    operations: [
      {
        op: 'replace',
        path: 'emails',
        value: [
          { value: 'a@example.com', primary: true },
          { value: 'b@example.com', primary: true },
        ],
      },
    ],
    scimType: 'invalidValue',
    message: /2 values of 'emails' have "primary": true/,
  },
  {
    title: 'a value map that is not an object',
    operations: [{ op: 'replace', value: 'Babs' }],
    scimType: 'invalidValue',
    message: /must be an object of attributes/,
  },
  {
    title: 'an add with value null',
    operations: [{ op: 'add', path: 'title', value: null }],
    scimType: 'invalidValue',
    message: /null/,
  },
];

describe('applyPatch failures', () => {
  it.each(failures)('rejects $title with $scimType', ({ operations, scimType, message, resource, ctx }) => {
    const input = (resource ?? exampleUser)();
    const before = JSON.stringify(input);
    expectScimError(() => applyPatch(input, operations, ctx ?? userContext), 400, scimType, message);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('names the failing operation and leaves earlier successful operations unapplied', () => {
    const input = exampleUser();
    const before = JSON.stringify(input);
    const error = scimErrorOf(() =>
      applyPatch(
        input,
        [
          { op: 'replace', path: 'displayName', value: 'Changed' },
          { op: 'remove', path: 'emails' },
          { op: 'replace', path: 'id', value: 'x' },
        ],
        userContext,
      ),
    );
    expect(error.message).toContain("for 'replace' op of operation 3 in PatchOp request body");
    expect(JSON.stringify(input)).toBe(before);
  });

  it('sets an immutable attribute while it is unassigned, and accepts the same value again', () => {
    const op: PatchOperation = { op: 'add', path: `${ENTERPRISE_SCHEMA}:employeeNumber`, value: '701984' };
    const first = applyPatch(exampleUser(), [op], immutableUserContext);
    expect(first.changed).toBe(true);
    expect(applyPatch(first.resource, [op], immutableUserContext).changed).toBe(false);
  });

  it('throws TypeError when called with something other than a resource', () => {
    expect(() => applyPatch(null as unknown as JsonObject, [], userContext)).toThrow(TypeError);
  });
});
