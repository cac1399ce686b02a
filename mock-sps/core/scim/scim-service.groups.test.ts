import { expect, test } from 'vitest';
import { GROUP_SCHEMA, USER_SCHEMA } from '#harness/scim';
import { BASE, ORIGIN, patchOp, setupSp } from './test-support.js';

/** An Interact mock with users id-1 (alice), id-2 (bob) and id-3 (carol); the next id is id-4. */
function setup() {
  const support = setupSp();
  for (const name of ['alice', 'bob', 'carol']) support.sp.seedUser({ userName: `${name}@example.com` });
  return support;
}

const group = (displayName: string, ...memberIds: string[]) => ({
  schemas: [GROUP_SCHEMA],
  displayName,
  members: memberIds.map((value) => ({ value })),
});

test('creates a group and lists it in its members’ groups attribute', () => {
  const { send, members } = setup();
  const res = send('POST', '/Groups', group('Engineering', 'id-1', 'id-2'));

  expect(res.status).toBe(201);
  expect(res.headers.location).toBe(`${ORIGIN}${BASE}/Groups/id-4`);
  expect(members('id-4')).toEqual(['id-1', 'id-2']);
  expect(send('GET', '/Users/id-1').json.groups).toEqual([
    { value: 'id-4', $ref: `${ORIGIN}${BASE}/Groups/id-4`, display: 'Engineering', type: 'direct' },
  ]);
  expect(send('GET', '/Users/id-3').json).not.toHaveProperty('groups');
});

test('shows a renamed group under its new name in its members’ groups', () => {
  const { send } = setup();
  send('POST', '/Groups', group('Engineering', 'id-1'));
  send('PATCH', '/Groups/id-4', patchOp({ op: 'replace', path: 'displayName', value: 'R&D' }));

  expect(send('GET', '/Users/id-1').json.groups).toMatchObject([{ value: 'id-4', display: 'R&D' }]);
});

test('adds members with PATCH and treats re-adding an existing member as a no-op', () => {
  const { send, members, groupsOf } = setup();
  send('POST', '/Groups', group('Engineering', 'id-1'));
  const add = patchOp({ op: 'add', path: 'members', value: [{ value: 'id-1' }, { value: 'id-2' }] });

  expect(send('PATCH', '/Groups/id-4', add).status).toBe(200);
  expect(send('PATCH', '/Groups/id-4', add).status).toBe(200);
  expect(members('id-4')).toEqual(['id-1', 'id-2']);
  expect(groupsOf('id-2')).toEqual(['id-4']);
});

test('removes a member selected by members[value eq "…"]', () => {
  const { send, members, groupsOf } = setup();
  send('POST', '/Groups', group('Engineering', 'id-1', 'id-2', 'id-3'));
  const res = send('PATCH', '/Groups/id-4', patchOp({ op: 'remove', path: 'members[value eq "id-2"]' }));

  expect(res.status).toBe(200);
  expect(members('id-4')).toEqual(['id-1', 'id-3']);
  expect(groupsOf('id-2')).toEqual([]);
});

test('removes the members listed in a value array, as Entra ID sends it', () => {
  const { send, members, groupsOf } = setup();
  send('POST', '/Groups', group('Engineering', 'id-1', 'id-2', 'id-3'));
  const res = send(
    'PATCH',
    '/Groups/id-4',
    patchOp({ op: 'Remove', path: 'members', value: [{ value: 'id-1' }, { value: 'id-3' }] }),
  );

  expect(res.status).toBe(200);
  expect(members('id-4')).toEqual(['id-2']);
  expect(groupsOf('id-1')).toEqual([]);
  expect(groupsOf('id-3')).toEqual([]);
});

test('replaces the whole member list with PATCH replace and with PUT', () => {
  const { send, members, groupsOf } = setup();
  send('POST', '/Groups', group('Engineering', 'id-1', 'id-2'));
  send('PATCH', '/Groups/id-4', patchOp({ op: 'replace', path: 'members', value: [{ value: 'id-3' }] }));

  expect(members('id-4')).toEqual(['id-3']);
  expect(groupsOf('id-1')).toEqual([]);

  send('PUT', '/Groups/id-4', group('Engineering', 'id-1'));
  expect(members('id-4')).toEqual(['id-1']);
  expect(groupsOf('id-3')).toEqual([]);
});

test('removes a deleted user from every group it was in', () => {
  const { send, members } = setup();
  send('POST', '/Groups', group('Engineering', 'id-1', 'id-2'));
  send('POST', '/Groups', group('Sales', 'id-2'));

  expect(send('DELETE', '/Users/id-2').status).toBe(204);
  expect(members('id-4')).toEqual(['id-1']);
  expect(members('id-5')).toEqual([]);
  expect(send('GET', '/Groups/id-4').headers.etag).toBe('W/"2"');
});

test('drops a deleted group from its members’ groups attribute', () => {
  const { send, groupsOf } = setup();
  send('POST', '/Groups', group('Engineering', 'id-1'));
  send('POST', '/Groups', group('Sales', 'id-1'));

  expect(send('DELETE', '/Groups/id-4').status).toBe(204);
  expect(groupsOf('id-1')).toEqual(['id-5']);
});

test('removes a deleted group from the groups that contain it', () => {
  const { send, members } = setup();
  send('POST', '/Groups', group('Backend', 'id-1'));
  send('POST', '/Groups', group('Engineering', 'id-4', 'id-2'));

  expect(send('DELETE', '/Groups/id-4').status).toBe(204);
  expect(members('id-5')).toEqual(['id-2']);
});

test('keeps group displayName unique regardless of case', () => {
  const { send, snapshot } = setup();
  send('POST', '/Groups', group('Engineering'));
  const before = snapshot();
  const res = send('POST', '/Groups', group('ENGINEERING'));

  expect(res.status).toBe(409);
  expect(res.json).toMatchObject({ status: '409', scimType: 'uniqueness' });
  expect(snapshot()).toBe(before);
});

test('finds a group by displayName in any case', () => {
  const { send } = setup();
  send('POST', '/Groups', group('Engineering', 'id-1'));
  const res = send('GET', `/Groups?filter=${encodeURIComponent('displayName eq "engineering"')}`);

  expect(res.json).toMatchObject({ totalResults: 1, Resources: [{ id: 'id-4' }] });
});

test('refuses a user body posted to /Groups', () => {
  const { send } = setup();
  const res = send('POST', '/Groups', { schemas: [USER_SCHEMA], userName: 'x' });

  expect(res.status).toBe(400);
  expect(res.json).toMatchObject({ scimType: 'invalidValue' });
});
