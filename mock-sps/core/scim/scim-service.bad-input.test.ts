import { expect, test } from 'vitest';
import { GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA, type JsonObject, type ScimType } from '#harness/scim';
import { expectRefused, patchOp, seedTeam, setupSp, type SpRequest } from './test-support.js';

/** An Interact mock holding users id-1 (alice), id-2 (bob) and group id-3 with alice in it. */
function setup(bodyLimit?: number) {
  const { sp } = setupSp({ bodyLimit });
  seedTeam(sp);
  return sp;
}

const user = (extra: JsonObject = {}) => ({
  schemas: [USER_SCHEMA],
  userName: 'carol@example.com',
  ...extra,
});
const patch = (body: unknown, id = 'id-1'): SpRequest => ({ method: 'PATCH', path: `/Users/${id}`, body });

const cases: [title: string, request: SpRequest, status: number, scimType?: ScimType][] = [
  ['malformed JSON on POST', { method: 'POST', path: '/Users', body: '{"schemas": [' }, 400, 'invalidSyntax'],
  ['malformed JSON on PUT', { method: 'PUT', path: '/Users/id-1', body: "{'a': 1}" }, 400, 'invalidSyntax'],
  ['malformed JSON on PATCH', patch('{"Operations": }'), 400, 'invalidSyntax'],
  ['an empty POST body', { method: 'POST', path: '/Users', body: '' }, 400, 'invalidSyntax'],
  [
    'a text/plain body',
    { method: 'POST', path: '/Users', body: user(), headers: { 'content-type': 'text/plain' } },
    415,
  ],
  ['a body without a content type', { ...patch(patchOp()), headers: { 'content-type': undefined } }, 415],
  ['a JSON array as a user', { method: 'POST', path: '/Users', body: [user()] }, 400, 'invalidSyntax'],
  ['JSON null as a user', { method: 'PUT', path: '/Users/id-1', body: 'null' }, 400, 'invalidSyntax'],
  ['a JSON string as a user', { method: 'POST', path: '/Users', body: '"carol"' }, 400, 'invalidSyntax'],
  [
    'a user without schemas',
    { method: 'POST', path: '/Users', body: { userName: 'carol' } },
    400,
    'invalidValue',
  ],
  [
    'a user with the Group schema',
    { method: 'POST', path: '/Users', body: { ...user(), schemas: [GROUP_SCHEMA] } },
    400,
    'invalidValue',
  ],
  [
    'schemas that is not an array',
    { method: 'PUT', path: '/Users/id-1', body: { ...user(), schemas: USER_SCHEMA } },
    400,
    'invalidValue',
  ],
  [
    'a numeric userName',
    { method: 'POST', path: '/Users', body: user({ userName: 42 }) },
    400,
    'invalidValue',
  ],
  [
    'a string for active',
    { method: 'POST', path: '/Users', body: user({ active: 'yes' }) },
    400,
    'invalidValue',
  ],
  [
    'a string for name',
    { method: 'PUT', path: '/Users/id-1', body: user({ name: 'Carol' }) },
    400,
    'invalidValue',
  ],
  [
    'emails as an object',
    { method: 'POST', path: '/Users', body: user({ emails: { value: 'x' } }) },
    400,
    'invalidValue',
  ],
  [
    'a user without userName',
    { method: 'POST', path: '/Users', body: { schemas: [USER_SCHEMA] } },
    400,
    'invalidValue',
  ],
  [
    'a userName taken in another case',
    { method: 'POST', path: '/Users', body: user({ userName: 'ALICE@example.COM' }) },
    409,
    'uniqueness',
  ],
  [
    'a PUT renaming to a taken userName',
    { method: 'PUT', path: '/Users/id-2', body: user({ userName: 'Alice@example.com' }) },
    409,
    'uniqueness',
  ],
  [
    'a PATCH renaming to a taken userName',
    patch(patchOp({ op: 'replace', path: 'userName', value: 'alice@EXAMPLE.com' }), 'id-2'),
    409,
    'uniqueness',
  ],
  ['GET of an unknown id', { method: 'GET', path: '/Users/nope' }, 404],
  ['PUT of an unknown id', { method: 'PUT', path: '/Users/nope', body: user() }, 404],
  ['PATCH of an unknown id', patch(patchOp({ op: 'replace', path: 'title', value: 'x' }), 'nope'), 404],
  ['DELETE of an unknown id', { method: 'DELETE', path: '/Groups/nope' }, 404],
  ['a PatchOp without Operations', patch({ schemas: [PATCH_OP_SCHEMA] }), 400, 'invalidSyntax'],
  ['a PatchOp with no operations', patch(patchOp()), 400, 'invalidSyntax'],
  ['a PatchOp without its schema', patch({ Operations: [{ op: 'add', value: {} }] }), 400, 'invalidSyntax'],
  ['an unknown op', patch(patchOp({ op: 'move', path: 'title', value: 'x' })), 400, 'invalidSyntax'],
  ['an operation that is not an object', patch(patchOp('replace')), 400, 'invalidSyntax'],
  [
    'a PATCH path that does not parse',
    patch(patchOp({ op: 'replace', path: 'name..x', value: 1 })),
    400,
    'invalidPath',
  ],
  [
    'a PATCH path to no attribute',
    patch(patchOp({ op: 'replace', path: 'shoeSize', value: 1 })),
    400,
    'invalidPath',
  ],
  ['a remove without a path', patch(patchOp({ op: 'remove' })), 400, 'noTarget'],
  [
    'a replace whose filter matches nothing',
    patch(patchOp({ op: 'replace', path: 'emails[type eq "work"].value', value: 'x' })),
    400,
    'noTarget',
  ],
  ['a PATCH of id', patch(patchOp({ op: 'replace', path: 'id', value: 'mine' })), 400, 'mutability'],
  ['a PATCH of meta', patch(patchOp({ op: 'replace', path: 'meta', value: {} })), 400, 'mutability'],
  [
    'a PATCH of meta.created',
    patch(patchOp({ op: 'add', path: 'meta.created', value: '2020-01-01T00:00:00Z' })),
    400,
    'mutability',
  ],
  [
    'a PATCH whose later operation fails (all or nothing)',
    patch(
      patchOp({ op: 'replace', path: 'title', value: 'CTO' }, { op: 'replace', path: 'userName', value: 7 }),
    ),
    400,
    'invalidValue',
  ],
  [
    'a group with a member that does not exist',
    {
      method: 'POST',
      path: '/Groups',
      body: { schemas: [GROUP_SCHEMA], displayName: 'Sales', members: [{ value: 'ghost' }] },
    },
    400,
    'invalidValue',
  ],
  [
    'a PATCH adding a member that does not exist',
    {
      method: 'PATCH',
      path: '/Groups/id-3',
      body: patchOp({ op: 'add', path: 'members', value: [{ value: 'ghost' }] }),
    },
    400,
    'invalidValue',
  ],
];

/** `[[…]]` nested `levels` deep, as JSON text. */
const nestedText = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const manyTerms = (count: number): string =>
  Array.from({ length: count }, (_, i) => `userName eq "u${i}@example.com"`).join(' or ');
const members = (count: number) => Array.from({ length: count }, (_, i) => ({ value: `m-${i}` }));
const names = (count: number) => Array.from({ length: count }, (_, i) => `name${i}`).join(',');

/** Requests over REQUEST_LIMITS: refused before any work, with the limit named, nothing changed. */
const overLimits: [title: string, request: SpRequest, status: number, scimType?: ScimType][] = [
  [
    'a user nested 100,000 levels deep in name.givenName',
    {
      method: 'POST',
      path: '/Users',
      body: `{"schemas":["${USER_SCHEMA}"],"userName":"deep@example.com","name":{"givenName":${nestedText(100_000)}}}`,
    },
    400,
    'invalidSyntax',
  ],
  [
    'a PATCH value nested 10,000 levels deep',
    {
      ...patch(
        `{"schemas":["${PATCH_OP_SCHEMA}"],"Operations":[{"op":"add","path":"title","value":${nestedText(10_000)}}]}`,
      ),
    },
    400,
    'invalidSyntax',
  ],
  [
    'a SearchRequest filter of 10,000 comparisons',
    {
      method: 'POST',
      path: '/Users/.search',
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: manyTerms(10_000) },
    },
    400,
    'invalidFilter',
  ],
  [
    'attributes naming 5,000 attributes',
    { method: 'GET', path: `/Users?attributes=${names(5_000)}` },
    400,
    'invalidValue',
  ],
  [
    'excludedAttributes naming 5,000 attributes on one user',
    { method: 'GET', path: `/Users/id-1?excludedAttributes=${names(5_000)}` },
    400,
    'invalidValue',
  ],
  [
    'a PATCH of 10,000 operations',
    patch(
      patchOp(
        ...Array.from({ length: 10_000 }, (_, i) => ({ op: 'replace', path: 'title', value: `t${i}` })),
      ),
    ),
    400,
    'invalidValue',
  ],
  [
    'a group replace of 10,001 members',
    {
      method: 'PATCH',
      path: '/Groups/id-3',
      body: patchOp({ op: 'replace', path: 'members', value: members(10_001) }),
    },
    400,
    'invalidValue',
  ],
  [
    'a group created with 10,001 members',
    {
      method: 'POST',
      path: '/Groups',
      body: { schemas: [GROUP_SCHEMA], displayName: 'All', members: members(10_001) },
    },
    400,
    'invalidValue',
  ],
];
test.each(overLimits)(
  'refuses %s, naming the limit, and changes nothing',
  (_title, request, status, scimType) => {
    const res = expectRefused(setup(), request, status, scimType);
    expect(res.json.detail).toMatch(/at most \d+/);
  },
);
test.each(cases)('refuses %s and changes nothing', (_title, request, status, scimType) => {
  expectRefused(setup(), request, status, scimType);
});

test('refuses a body over the size limit with 413', () => {
  const sp = setup(200);
  const res = expectRefused(
    sp,
    { method: 'POST', path: '/Users', body: user({ title: 'x'.repeat(300) }) },
    413,
  );

  expect(res.json.detail).toContain('at most 200');
});

test('measures the size limit in bytes, not characters', () => {
  const sp = setup(200);
  // 80 characters but 240 bytes of UTF-8, so the whole body is under 200 characters and over 200 bytes.
  const body = JSON.stringify(user({ title: '€'.repeat(80) }));

  expect(body.length).toBeLessThan(200);
  expectRefused(sp, { method: 'POST', path: '/Users', body }, 413);
});
