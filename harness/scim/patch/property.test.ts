import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../attribute-access.js';
import { ScimError } from '../errors.js';
import { applyPatch } from './apply.js';
import type { PatchOperation } from './patch-op.js';
import { ENTERPRISE_SCHEMA, USER_SCHEMA, userContext } from './test-schema.js';

const text = fc.string({ maxLength: 12 });
const otherType = fc.constantFrom('home', 'other');

/** An email of a type other than work; the resources keep exactly one work email so filters on it always match. */
const otherEmail = fc.record(
  { value: text, type: otherType, display: text },
  { requiredKeys: ['value', 'type'] },
);
const workEmail = fc.record(
  { value: text, type: fc.constant('work'), primary: fc.boolean() },
  { requiredKeys: ['value', 'type'] },
);
const emails = fc
  .tuple(workEmail, fc.array(otherEmail, { maxLength: 3 }), fc.nat(3))
  .map(([work, others, at]) => [...others.slice(0, at), work, ...others.slice(at)]);
const name = fc.record({ givenName: text, familyName: text, formatted: text }, { requiredKeys: [] });

const user: fc.Arbitrary<JsonObject> = fc
  .record(
    {
      id: fc.uuid(),
      userName: fc.string({ minLength: 1, maxLength: 12 }),
      displayName: text,
      nickName: text,
      title: text,
      active: fc.boolean(),
      name,
      emails,
      addresses: fc.array(fc.record({ type: otherType, locality: text }), { maxLength: 2 }),
      groups: fc.array(fc.record({ value: fc.uuid(), display: text }), { maxLength: 2 }),
      enterprise: fc.record({ employeeNumber: text, department: text }, { requiredKeys: [] }),
    },
    { requiredKeys: ['id', 'userName', 'emails'] },
  )
  .map(({ enterprise, ...attributes }) => {
    const resource: JsonObject = { schemas: [USER_SCHEMA], ...attributes, meta: { resourceType: 'User' } };
    if (enterprise !== undefined && Object.keys(enterprise).length > 0) {
      resource.schemas = [USER_SCHEMA, ENTERPRISE_SCHEMA];
      resource[ENTERPRISE_SCHEMA] = enterprise;
    }
    return resource;
  });

/** Replace operations that always succeed on `user` and leave a work email in place. */
const validReplace: fc.Arbitrary<PatchOperation> = fc.oneof(
  fc.record({
    op: fc.constant('replace' as const),
    path: fc.constantFrom(
      'displayName',
      'nickName',
      'title',
      'name.givenName',
      `${ENTERPRISE_SCHEMA}:department`,
    ),
    value: fc.oneof(text, fc.constant(null)),
  }),
  fc.record({ op: fc.constant('replace' as const), path: fc.constant('active'), value: fc.boolean() }),
  fc.record({ op: fc.constant('replace' as const), path: fc.constant('name'), value: name }),
  fc.record({ op: fc.constant('replace' as const), path: fc.constant('emails'), value: emails }),
  fc.record({
    op: fc.constant('replace' as const),
    path: fc.constantFrom('emails[type eq "work"].display', 'emails[type eq "work"].value'),
    value: text,
  }),
  fc.record({
    op: fc.constant('replace' as const),
    path: fc.constant('emails[type eq "work"].primary'),
    value: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('replace' as const),
    value: fc.record(
      { nickName: text, 'name.familyName': text, [ENTERPRISE_SCHEMA]: fc.record({ department: text }) },
      { requiredKeys: [] },
    ),
  }),
);

/** add and remove operations that always succeed on `user`. */
const validOther: fc.Arbitrary<PatchOperation> = fc.oneof(
  fc.record({
    op: fc.constant('add' as const),
    path: fc.constant('emails'),
    value: fc.array(otherEmail, { maxLength: 2 }),
  }),
  fc.record({
    op: fc.constant('add' as const),
    path: fc.constant('addresses[type eq "home"].streetAddress'),
    value: text,
  }),
  fc.record({
    op: fc.constant('add' as const),
    value: fc.record({ title: text, 'name.formatted': text }, { requiredKeys: [] }),
  }),
  fc.record({
    op: fc.constant('remove' as const),
    path: fc.constantFrom(
      'displayName',
      'name',
      'addresses',
      'emails[type eq "work"].display',
      `${ENTERPRISE_SCHEMA}:employeeNumber`,
    ),
  }),
);

/** Operations each of which fails on any `user`, whatever ran before it. */
const invalid: fc.Arbitrary<PatchOperation> = fc.constantFrom<PatchOperation>(
  { op: 'replace', path: 'id', value: 'x' },
  { op: 'add', value: { meta: { version: 'W/"1"' } } },
  { op: 'remove', path: 'groups' },
  { op: 'remove' },
  { op: 'remove', path: 'userName' },
  { op: 'replace', path: 'active', value: 'True' },
  { op: 'replace', path: 'title', value: ['a', 'b'] },
  { op: 'add', path: 'shoeSize', value: 9 },
  { op: 'replace', path: 'name.middle', value: 'x' },
  { op: 'replace', path: 'emails[type eq "never"].value', value: 'x' },
  { op: 'remove', path: 'emails[type eq "never"]' },
  { op: 'add', path: 'emails', value: [{ value: 1 }] },
  { op: 'merge' as PatchOperation['op'], path: 'title', value: 'x' },
);

describe('applyPatch properties', () => {
  it('applies valid operations without touching the input', () => {
    fc.assert(
      fc.property(
        user,
        fc.array(fc.oneof(validReplace, validOther), { maxLength: 6 }),
        (resource, operations) => {
          const before = JSON.stringify(resource);
          applyPatch(resource, operations, userContext);
          expect(JSON.stringify(resource)).toBe(before);
        },
      ),
    );
  });

  it('throws a ScimError and leaves the input unchanged when any operation is invalid', () => {
    const operations = fc
      .tuple(fc.array(fc.oneof(validReplace, validOther), { maxLength: 6 }), invalid, fc.nat(6))
      .map(([valid, bad, at]) => [...valid.slice(0, at), bad, ...valid.slice(at)]);
    fc.assert(
      fc.property(user, operations, (resource, ops) => {
        const before = JSON.stringify(resource);
        expect(() => applyPatch(resource, ops, userContext)).toThrow(ScimError);
        expect(JSON.stringify(resource)).toBe(before);
      }),
    );
  });

  it('gives the same resource when valid replace operations are applied twice', () => {
    fc.assert(
      fc.property(user, fc.array(validReplace, { minLength: 1, maxLength: 5 }), (resource, operations) => {
        const once = applyPatch(resource, operations, userContext).resource;
        const twice = applyPatch(once, operations, userContext);
        expect(twice.resource).toEqual(once);
        expect(twice.changed).toBe(false);
      }),
    );
  });
});
