import { beforeAll, expect, test } from 'vitest';
import { parseFilter } from '#harness/scim';
import { indexedCandidates } from './list-query.js';
import { setupSp } from './test-support.js';

/** Seeding 100,000 users takes about 2 s on a 2-core machine. */
const USERS = 100_000;

const { sp, send } = setupSp();
const users = sp.scim!.users;
const groups = sp.scim!.groups!;

beforeAll(() => {
  // User n (1-based) has id id-n, userName user{n}@example.com and externalId ext-{n}.
  for (let n = 1; n <= USERS; n++) sp.seedUser({ userName: `user${n}@example.com`, externalId: `ext-${n}` });
  sp.seedGroup({ displayName: 'Engineering' });
  sp.seedGroup({ displayName: 'Sales', externalId: 'ext-1' });
});

const userCandidates = (filter: string) => indexedCandidates(parseFilter(filter), users.store, users.schema);
const groupCandidates = (filter: string) =>
  indexedCandidates(parseFilter(filter), groups.store, groups.schema);

test('holds every seeded user', () => {
  expect(users.store.size).toBe(USERS);
});

test('answers a userName eq list among 100,000 users', () => {
  const res = send('GET', `/Users?filter=${encodeURIComponent('userName eq "USER77777@example.com"')}`);

  expect(res.json).toMatchObject({
    totalResults: 1,
    Resources: [{ id: 'id-77777', externalId: 'ext-77777' }],
  });
});

test.each([
  ['userName eq "user42@example.com"', ['id-42']],
  ['userName eq "USER42@EXAMPLE.COM"', ['id-42']],
  ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "user42@example.com"', ['id-42']],
  ['externalId eq "ext-99999"', ['id-99999']],
  ['externalId eq "EXT-99999"', []],
  ['id eq "id-100000"', ['id-100000']],
  ['ID eq "id-100001"', []],
  ['userName eq "nobody@example.com"', []],
  ['title eq "Engineer" and userName eq "user7@example.com"', ['id-7']],
  ['externalId eq "ext-8" and (title pr or active eq true)', ['id-8']],
  // An or of indexed terms: the union, in the store's order (a scan's), each id once.
  ['userName eq "user42@example.com" or externalId eq "ext-1"', ['id-1', 'id-42']],
  ['id eq "id-9" or (userName eq "user3@example.com" or userName eq "USER9@example.com")', ['id-3', 'id-9']],
])('narrows %s to the matching ids through the index', (filter, expected) => {
  expect(userCandidates(filter)).toEqual(expected);
});

test('narrows a group displayName or externalId eq through the group index', () => {
  expect(groupCandidates('displayName eq "engineering"')).toEqual([`id-${USERS + 1}`]);
  expect(groupCandidates('externalId eq "ext-1"')).toEqual([`id-${USERS + 2}`]);
});

test.each([
  'userName co "user42"',
  'userName sw "user42@"',
  'userName ne "user42@example.com"',
  'userName eq "user42@example.com" or title pr',
  'not (userName eq "user42@example.com")',
  'userName pr',
  'title eq "Engineer"',
  'displayName eq "user42"',
  'name.givenName eq "user42"',
  'emails[value eq "user42@example.com"]',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "42"',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "id-42"',
])('leaves %s to a scan', (filter) => {
  expect(userCandidates(filter)).toBeUndefined();
});

test('answers an or of 1,000 userName terms, as an IdP batching lookups sends, through the index', () => {
  const wanted = Array.from({ length: 1000 }, (_, i) => ((i * 97) % USERS) + 1);
  const filter = wanted.map((n) => `userName eq "user${n}@example.com"`).join(' or ');
  const res = send('POST', '/Users/.search', {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
    filter,
    count: 1000,
  });
  const ids = (res.json.Resources as { id: string }[]).map((resource) => resource.id);
  expect(res.json.totalResults).toBe(new Set(wanted).size);
  // The first page (Interact's filter.maxResults) of the matches in the store's order.
  const inOrder = [...new Set(wanted)].sort((a, b) => a - b).map((n) => `id-${n}`);
  expect(ids.length).toBeGreaterThan(0);
  expect(ids).toEqual(inOrder.slice(0, ids.length));
});
