import { describe, expect, test } from 'vitest';
import type { JsonObject } from '#harness/scim';
import { MembershipIndex, ResourceStore, type StoredResource } from './store.js';

function userStore(): ResourceStore {
  return new ResourceStore([
    { attribute: 'userName', caseExact: false, unique: true },
    { attribute: 'externalId', caseExact: true, unique: false },
  ]);
}

function entry(id: string, resource: JsonObject, version = 1): StoredResource {
  return { id, resource: { id, ...resource }, version, local: {} };
}

describe('ResourceStore', () => {
  test('finds a stored resource by id and by each indexed attribute', () => {
    const store = userStore();
    store.put(entry('u1', { userName: 'alice@example.com', externalId: 'ext-1' }));
    store.put(entry('u2', { userName: 'bob@example.com', externalId: 'ext-1' }));

    expect(store.size).toBe(2);
    expect(store.get('u1')?.resource.userName).toBe('alice@example.com');
    expect(store.lookup('userName', 'alice@example.com')).toEqual(['u1']);
    expect(store.lookup('externalId', 'ext-1')).toEqual(['u1', 'u2']);
    expect([...store.values()].map((e) => e.id)).toEqual(['u1', 'u2']);
  });

  test('folds case for a caseExact false index and keeps it for a caseExact one', () => {
    const store = userStore();
    store.put(entry('u1', { userName: 'Alice@Example.com', externalId: 'Ext-A' }));

    expect(store.lookup('userName', 'ALICE@EXAMPLE.COM')).toEqual(['u1']);
    expect(store.lookup('USERNAME', 'alice@example.com')).toEqual(['u1']);
    expect(store.lookup('externalId', 'Ext-A')).toEqual(['u1']);
    expect(store.lookup('externalId', 'ext-a')).toEqual([]);
  });

  test('re-indexes a replaced resource under its new values only', () => {
    const store = userStore();
    store.put(entry('u1', { userName: 'alice@example.com', externalId: 'ext-1' }));
    store.put(entry('u1', { userName: 'alice.smith@example.com' }, 2));

    expect(store.size).toBe(1);
    expect(store.get('u1')?.version).toBe(2);
    expect(store.lookup('userName', 'alice@example.com')).toEqual([]);
    expect(store.lookup('userName', 'alice.smith@example.com')).toEqual(['u1']);
    expect(store.lookup('externalId', 'ext-1')).toEqual([]);
  });

  test('drops a deleted resource from every index and returns it', () => {
    const store = userStore();
    store.put(entry('u1', { userName: 'alice@example.com', externalId: 'ext-1' }));

    expect(store.delete('u1')?.id).toBe('u1');
    expect(store.delete('u1')).toBeUndefined();
    expect(store.get('u1')).toBeUndefined();
    expect(store.size).toBe(0);
    expect(store.lookup('userName', 'alice@example.com')).toEqual([]);
    expect(store.lookup('externalId', 'ext-1')).toEqual([]);
    expect(store.conflict({ userName: 'alice@example.com' })).toBeUndefined();
  });

  test('empties the store and its indexes on clear', () => {
    const store = userStore();
    store.put(entry('u1', { userName: 'alice@example.com', externalId: 'ext-1' }));
    store.clear();

    expect(store.size).toBe(0);
    expect(store.lookup('userName', 'alice@example.com')).toEqual([]);
    expect(store.lookup('externalId', 'ext-1')).toEqual([]);
  });

  test('reports a unique value another resource holds, in any case', () => {
    const store = userStore();
    store.put(entry('u1', { userName: 'alice@example.com' }));

    expect(store.conflict({ userName: 'ALICE@example.com' })).toEqual({
      attribute: 'userName',
      value: 'ALICE@example.com',
      id: 'u1',
    });
  });

  test('does not report a resource as conflicting with itself or on a non-unique index', () => {
    const store = userStore();
    store.put(entry('u1', { userName: 'alice@example.com', externalId: 'ext-1' }));

    expect(store.conflict({ userName: 'Alice@example.com' }, 'u1')).toBeUndefined();
    expect(store.conflict({ userName: 'carol@example.com', externalId: 'ext-1' })).toBeUndefined();
    expect(store.conflict({ displayName: 'anything' })).toBeUndefined();
  });

  test('skips values that are not strings when indexing', () => {
    const store = userStore();
    store.put(entry('u1', { userName: 42, externalId: null }));

    expect(store.lookup('userName', '42')).toEqual([]);
    expect(store.get('u1')).toBeDefined();
  });

  test('pages in insertion order, a replaced resource keeping its place', () => {
    const store = userStore();
    for (const n of [1, 2, 3, 4, 5]) store.put(entry(`u${n}`, { userName: `user${n}@example.com` }));
    store.put(entry('u2', { userName: 'renamed@example.com' }, 2));

    expect(store.page(0, 2).map((e) => e.id)).toEqual(['u1', 'u2']);
    expect(store.page(1, 1)[0]?.resource.userName).toBe('renamed@example.com');
    expect(store.page(3, 10).map((e) => e.id)).toEqual(['u4', 'u5']);
    expect(store.page(5, 10)).toEqual([]);
    expect(store.page(0, 0)).toEqual([]);
  });

  test('pages what values() holds after deletes, re-creates and a clear', () => {
    const store = userStore();
    for (const n of [1, 2, 3, 4, 5]) store.put(entry(`u${n}`, { userName: `user${n}@example.com` }));
    const pageOf = (offset: number, count: number) => store.page(offset, count).map((e) => e.id);
    const sliceOf = (offset: number, count: number) =>
      [...store.values()].slice(offset, offset + count).map((e) => e.id);
    store.delete('u2');
    store.delete('u4');

    expect(pageOf(0, 10)).toEqual(['u1', 'u3', 'u5']);
    expect(pageOf(1, 1)).toEqual(['u3']);
    store.put(entry('u2', { userName: 'user2@example.com' }));
    store.put(entry('u6', { userName: 'user6@example.com' }));
    store.delete('u1');

    expect(pageOf(0, 10)).toEqual(['u3', 'u5', 'u2', 'u6']);
    for (const [offset, count] of [
      [0, 2],
      [2, 2],
      [3, 5],
    ] as const)
      expect(pageOf(offset, count)).toEqual(sliceOf(offset, count));
    store.clear();
    store.put(entry('u7', { userName: 'user7@example.com' }));

    expect(pageOf(0, 10)).toEqual(['u7']);
  });

  test('returns the ids of a shared value in the order they were indexed, after removals too', () => {
    const store = userStore();
    for (const id of ['u1', 'u2', 'u3'])
      store.put(entry(id, { userName: `${id}@example.com`, externalId: 'x' }));
    store.put(entry('u1', { userName: 'u1@example.com', externalId: 'x' }, 2));

    expect(store.lookup('externalId', 'x')).toEqual(['u2', 'u3', 'u1']);
    store.delete('u3');
    store.put(entry('u2', { userName: 'u2@example.com', externalId: 'y' }, 2));

    expect(store.lookup('externalId', 'x')).toEqual(['u1']);
    store.put(entry('u4', { userName: 'u4@example.com', externalId: 'x' }));

    expect(store.lookup('externalId', 'x')).toEqual(['u1', 'u4']);
    expect(store.lookup('externalId', 'y')).toEqual(['u2']);
  });

  test('tells indexed attributes apart and refuses a lookup on another one', () => {
    const store = userStore();

    expect(store.isIndexed('username')).toBe(true);
    expect(store.isIndexed('displayName')).toBe(false);
    expect(() => store.lookup('displayName', 'x')).toThrow(TypeError);
  });
});

describe('MembershipIndex', () => {
  test('maps each member to the groups it is in', () => {
    const index = new MembershipIndex();
    index.setMembers('g1', [], ['u1', 'u2']);
    index.setMembers('g2', [], ['u1']);

    expect(index.groupsOf('u1')).toEqual(['g1', 'g2']);
    expect(index.groupsOf('u2')).toEqual(['g1']);
    expect(index.groupsOf('u3')).toEqual([]);
  });

  test('moves members when a group membership is replaced', () => {
    const index = new MembershipIndex();
    index.setMembers('g1', [], ['u1', 'u2']);
    index.setMembers('g1', ['u1', 'u2'], ['u2', 'u3']);

    expect(index.groupsOf('u1')).toEqual([]);
    expect(index.groupsOf('u2')).toEqual(['g1']);
    expect(index.groupsOf('u3')).toEqual(['g1']);
  });

  test('lists the groups of a member in the order it joined them, a re-sent group moving last', () => {
    const index = new MembershipIndex();
    for (const group of ['g1', 'g2', 'g3']) index.setMembers(group, [], ['u1']);
    index.setMembers('g1', ['u1'], ['u1']);

    expect(index.groupsOf('u1')).toEqual(['g2', 'g3', 'g1']);
    index.setMembers('g2', ['u1'], []);
    index.setMembers('g3', ['u1'], []);

    expect(index.groupsOf('u1')).toEqual(['g1']);
  });

  test('forgets a deleted group and everything on clear', () => {
    const index = new MembershipIndex();
    index.setMembers('g1', [], ['u1']);
    index.setMembers('g2', [], ['u1']);
    index.setMembers('g1', ['u1'], []);

    expect(index.groupsOf('u1')).toEqual(['g2']);
    index.clear();
    expect(index.groupsOf('u1')).toEqual([]);
  });
});
