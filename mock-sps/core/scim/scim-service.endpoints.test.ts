import { expect, test } from 'vitest';
import { USER_SCHEMA, type JsonObject } from '#harness/scim';
import { expectRefused, patchOp, seedTeam, setupSp } from './test-support.js';

const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const ids = (res: { json: JsonObject }) => (res.json.Resources as JsonObject[]).map((r) => r.id);

test('searches every resource type from the root with POST /.search', () => {
  const { sp, send } = setupSp();
  seedTeam(sp);
  const res = send('POST', '/.search', {
    schemas: [SEARCH_REQUEST],
    filter: 'id pr',
    sortBy: 'id',
    count: 2,
  });
  expect(res.status).toBe(200);
  expect(res.json).toMatchObject({ totalResults: 3, itemsPerPage: 2, startIndex: 1 });
  expect(ids(res)).toEqual(['id-1', 'id-2']);
  expect(
    ids(send('POST', '/.search', { schemas: [SEARCH_REQUEST], filter: 'displayName eq "Engineering"' })),
  ).toEqual(['id-3']);
});

test('answers /Me and POST /Bulk with 501 Not Implemented, after checking the token', () => {
  const { sp } = setupSp();
  for (const method of ['GET', 'PATCH']) expectRefused(sp, { method, path: '/Me' }, 501);
  expectRefused(sp, { method: 'POST', path: '/Bulk', body: { Operations: [] } }, 501);
  expectRefused(sp, { method: 'GET', path: '/Me', headers: { authorization: 'Bearer wrong' } }, 401);
});

test('sorts a multi-valued attribute by its primary value, else its first', () => {
  const { send } = setupSp();
  const user = (userName: string, emails: JsonObject[]) =>
    send('POST', '/Users', { schemas: [USER_SCHEMA], userName, emails });
  user('one', [{ value: 'c@example.com' }, { value: 'a@example.com', primary: true }]);
  user('two', [{ value: 'b@example.com' }]);
  expect(ids(send('GET', '/Users?sortBy=emails.value'))).toEqual(['id-1', 'id-2']);
});

test('answers a write with the attributes the query asks for', () => {
  const { send } = setupSp();
  const created = send('POST', '/Users?attributes=userName', {
    schemas: [USER_SCHEMA],
    userName: 'x',
    title: 'CTO',
  });
  expect(created.status).toBe(201);
  expect(created.headers.location).toMatch(/\/Users\/id-1$/);
  expect(Object.keys(created.json).sort()).toEqual(['id', 'schemas', 'userName']);
  const patched = send(
    'PATCH',
    '/Users/id-1?excludedAttributes=title',
    patchOp({ op: 'replace', path: 'title', value: 'CEO' }),
  );
  expect(patched.json).not.toHaveProperty('title');
  expect(patched.json).toHaveProperty('meta');
});
