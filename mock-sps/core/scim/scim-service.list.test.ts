import { expect, test } from 'vitest';
import { USER_SCHEMA, validateMessage, type JsonObject } from '#harness/scim';
import { setupSp } from './test-support.js';

const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

/**
 * An Interact mock holding five users, id-1 … id-5 in insertion order:
 * dave, Alice, carol, Bob, erin; only Alice and Bob have a work email; erin has no title.
 */
function setup() {
  const { sp, send } = setupSp();
  const people: [string, string | undefined, boolean][] = [
    ['dave', 'Manager', false],
    ['Alice', 'Engineer', true],
    ['carol', 'Designer', false],
    ['Bob', 'Engineer', true],
    ['erin', undefined, false],
  ];
  for (const [name, title, work] of people) {
    sp.seedUser({
      userName: `${name}@example.com`,
      externalId: `ext-${name.toLowerCase()}`,
      name: { givenName: name, familyName: 'Example' },
      ...(title ? { title } : {}),
      emails: [
        { value: `${name.toLowerCase()}@${work ? 'work' : 'home'}.example`, type: work ? 'work' : 'home' },
      ],
      password: 'never-shown',
    });
  }
  /** GET /Users with the given query parameters; returns the ListResponse. */
  const list = (params: Record<string, string>) => {
    const res = send('GET', `/Users?${new URLSearchParams(params).toString()}`);
    expect(res.status, res.body).toBe(200);
    expect(validateMessage('ListResponse', res.json)).toEqual([]);
    return res.json;
  };
  return { sp, send, list };
}

const ids = (listResponse: JsonObject) => (listResponse.Resources as JsonObject[]).map((r) => r.id);

test('lists every user when no filter is given', () => {
  const { list } = setup();

  expect(list({})).toMatchObject({ totalResults: 5, startIndex: 1, itemsPerPage: 5 });
});

test.each([
  ['userName eq "ALICE@example.com"', ['id-2']],
  ['USERNAME Eq "bob@EXAMPLE.com"', ['id-4']],
  ['name.givenName sw "c" or title eq "Manager"', ['id-1', 'id-3']],
  ['emails[type eq "work"]', ['id-2', 'id-4']],
  ['title eq "Engineer" and not (userName co "bob")', ['id-2']],
  ['(title pr) and externalId eq "ext-erin"', []],
  ['not (title pr)', ['id-5']],
  ['id eq "id-3"', ['id-3']],
  ['meta.resourceType eq "User" and emails.value ew "home.example"', ['id-1', 'id-3', 'id-5']],
])('answers the filter %s', (filter, expected) => {
  const { list } = setup();
  const response = list({ filter });

  expect(ids(response)).toEqual(expected);
  expect(response.totalResults).toBe(expected.length);
});

test('pages with a 1-based startIndex and count, reporting the total', () => {
  const { list } = setup();

  expect(list({ startIndex: '2', count: '2' })).toMatchObject({
    totalResults: 5,
    startIndex: 2,
    itemsPerPage: 2,
    Resources: [{ id: 'id-2' }, { id: 'id-3' }],
  });
  expect(list({ startIndex: '5', count: '10' })).toMatchObject({
    itemsPerPage: 1,
    Resources: [{ id: 'id-5' }],
  });
  expect(list({ startIndex: '0', count: '1' })).toMatchObject({ startIndex: 1, Resources: [{ id: 'id-1' }] });
  expect(list({ count: '0' })).toMatchObject({ totalResults: 5, itemsPerPage: 0, Resources: [] });
  expect(list({ count: '1000' }).itemsPerPage).toBe(5);
});

test('pages what is left after deletes and creates, in the order the users were created', () => {
  const { list, send } = setup();
  expect(send('DELETE', '/Users/id-2').status).toBe(204);
  expect(send('DELETE', '/Users/id-4').status).toBe(204);

  expect(ids(list({ startIndex: '2', count: '2' }))).toEqual(['id-3', 'id-5']);
  expect(send('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'fay@example.com' }).status).toBe(201);
  expect(
    send('PUT', '/Users/id-1', { schemas: [USER_SCHEMA], userName: 'dave@example.com', title: 'Lead' })
      .status,
  ).toBe(200);

  expect(list({ startIndex: '3', count: '5' })).toMatchObject({
    totalResults: 4,
    itemsPerPage: 2,
    Resources: [{ id: 'id-5' }, { id: 'id-6', userName: 'fay@example.com' }],
  });
  expect(list({ count: '1' })).toMatchObject({ Resources: [{ id: 'id-1', title: 'Lead' }] });
  expect(list({ startIndex: '5' })).toMatchObject({ totalResults: 4, itemsPerPage: 0, Resources: [] });
});

test('pages an unfiltered list as the filtered path does: the same users, page by page', () => {
  const { list, send } = setup();
  send('DELETE', '/Users/id-3');
  const everyone = ids(list({ filter: 'userName pr' }));

  for (const startIndex of [1, 2, 3, 4, 5])
    expect(ids(list({ startIndex: String(startIndex), count: '2' }))).toEqual(
      ids(list({ filter: 'userName pr', startIndex: String(startIndex), count: '2' })),
    );
  expect(everyone).toEqual(['id-1', 'id-2', 'id-4', 'id-5']);
});

test('sorts by an attribute in either order, case-insensitively, missing values last if ascending and first if descending', () => {
  const { list } = setup();

  expect(ids(list({ sortBy: 'userName' }))).toEqual(['id-2', 'id-4', 'id-3', 'id-1', 'id-5']);
  expect(ids(list({ sortBy: 'userName', sortOrder: 'descending' }))).toEqual([
    'id-5',
    'id-1',
    'id-3',
    'id-4',
    'id-2',
  ]);
  expect(ids(list({ sortBy: 'title', sortOrder: 'descending' })).at(0)).toBe('id-5');
  expect(ids(list({ sortBy: 'title' })).at(-1)).toBe('id-5');
});

test('sorts before it pages', () => {
  const { list } = setup();

  expect(ids(list({ sortBy: 'name.givenName', startIndex: '2', count: '2' }))).toEqual(['id-4', 'id-3']);
});

test('returns only the attributes asked for, plus id and schemas', () => {
  const { list, send } = setup();
  const [first] = list({ attributes: 'userName,name.familyName', count: '1' }).Resources as JsonObject[];

  expect(first).toEqual({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: 'id-1',
    userName: 'dave@example.com',
    name: { familyName: 'Example' },
  });
  expect(send('GET', '/Users/id-2?attributes=emails.type').json).toEqual({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: 'id-2',
    emails: [{ type: 'work' }],
  });
});

test('leaves out excluded attributes but never id or schemas', () => {
  const { list, send } = setup();
  const [first] = list({ excludedAttributes: 'id,schemas,meta,name,emails', count: '1' })
    .Resources as JsonObject[];

  expect(Object.keys(first!).sort()).toEqual(['externalId', 'id', 'schemas', 'title', 'userName']);
  expect(send('GET', '/Users/id-1?excludedAttributes=name.givenName').json.name).toEqual({
    familyName: 'Example',
  });
});

test('never returns a password in a list', () => {
  const { send } = setup();
  const res = send('GET', '/Users?attributes=password');

  expect(res.body).not.toContain('never-shown');
  expect(res.body).not.toContain('password');
});

test('answers a POST /Users/.search SearchRequest like the equivalent GET', () => {
  const { send, list } = setup();
  const res = send('POST', '/Users/.search', {
    schemas: [SEARCH_REQUEST],
    filter: 'title eq "Engineer"',
    attributes: ['userName'],
    sortBy: 'userName',
    sortOrder: 'descending',
    startIndex: 1,
    count: 1,
  });

  expect(res.status).toBe(200);
  expect(res.json).toEqual(
    list({
      filter: 'title eq "Engineer"',
      attributes: 'userName',
      sortBy: 'userName',
      sortOrder: 'descending',
      count: '1',
    }),
  );
  expect(res.json).toMatchObject({ totalResults: 2, Resources: [{ userName: 'Bob@example.com' }] });
});
