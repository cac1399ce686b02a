import { expect, test } from 'vitest';
import { ERROR_SCHEMA, GROUP_SCHEMA, type ScimType } from '#harness/scim';
import { expectRefused, patchOp, seedTeam, setupSp, sendTo, type SpRequest } from './test-support.js';

/** An Interact mock holding users id-1 (alice), id-2 (bob) and group id-3 with alice in it. */
function setup() {
  const { sp } = setupSp();
  seedTeam(sp);
  return sp;
}

const cases: [title: string, request: SpRequest, status: number, scimType?: ScimType][] = [
  [
    'a filter that does not parse',
    { method: 'GET', path: '/Users?filter=userName%20eq' },
    400,
    'invalidFilter',
  ],
  [
    'a filter with an unknown operator',
    { method: 'GET', path: '/Users?filter=userName%20is%20%22a%22' },
    400,
    'invalidFilter',
  ],
  ['a non-integer startIndex', { method: 'GET', path: '/Users?startIndex=abc' }, 400, 'invalidValue'],
  ['a fractional count', { method: 'GET', path: '/Users?count=1.5' }, 400, 'invalidValue'],
  ['a hexadecimal startIndex', { method: 'GET', path: '/Users?startIndex=0x10' }, 400, 'invalidValue'],
  ['a count in exponent notation', { method: 'GET', path: '/Users?count=1e3' }, 400, 'invalidValue'],
  ['a blank count', { method: 'GET', path: '/Users?count=%20' }, 400, 'invalidValue'],
  ['a count with a plus sign', { method: 'GET', path: '/Users?count=%2B5' }, 400, 'invalidValue'],
  [
    'an unknown sortOrder',
    { method: 'GET', path: '/Users?sortBy=userName&sortOrder=up' },
    400,
    'invalidValue',
  ],
  [
    'an unparsable attributes list',
    { method: 'GET', path: '/Users/id-1?attributes=%5B' },
    400,
    'invalidPath',
  ],
  ['an unknown endpoint', { method: 'GET', path: '/Devices' }, 404],
  ['a path below a resource', { method: 'GET', path: '/Users/id-1/groups' }, 404],
  ['a prototype key as endpoint', { method: 'GET', path: '/constructor' }, 404],
  ['an undecodable id', { method: 'GET', path: '/Users/%E0%A4%A' }, 404],
  [
    'a SearchRequest that is an array',
    { method: 'POST', path: '/Users/.search', body: [] },
    400,
    'invalidSyntax',
  ],
  [
    'a SearchRequest with a numeric filter',
    { method: 'POST', path: '/Users/.search', body: { filter: 5 } },
    400,
    'invalidValue',
  ],
  [
    'a SearchRequest with attributes that are not strings',
    { method: 'POST', path: '/Users/.search', body: { attributes: [5] } },
    400,
    'invalidValue',
  ],
  [
    'a SearchRequest with a numeric sortBy',
    { method: 'POST', path: '/Users/.search', body: { sortBy: 5 } },
    400,
    'invalidValue',
  ],
  [
    'a SearchRequest with a boolean count',
    { method: 'POST', path: '/Users/.search', body: { count: true } },
    400,
    'invalidValue',
  ],
];

test.each(cases)('refuses %s and changes nothing', (_title, request, status, scimType) => {
  expectRefused(setup(), request, status, scimType);
});

test('says where an invalid filter went wrong', () => {
  const res = expectRefused(
    setup(),
    { method: 'GET', path: '/Users?filter=userName%20eq' },
    400,
    'invalidFilter',
  );

  expect(res.json.detail).toContain('at position 12');
});

test.each([
  ['DELETE', '/Users', 'GET, POST, HEAD'],
  ['PUT', '/Groups', 'GET, POST, HEAD'],
  ['POST', '/Users/id-1', 'GET, PUT, PATCH, DELETE, HEAD'],
  ['GET', '/Users/.search', 'POST'],
  ['PATCH', '/ServiceProviderConfig', 'GET, HEAD'],
  ['BREW', '/Schemas', 'GET, HEAD'],
])('refuses %s %s with 405 and Allow: %s', (method, path, allow) => {
  const res = expectRefused(setup(), { method, path, body: '{}' }, 405);

  expect(res.headers.allow).toBe(allow);
});

test('answers HEAD where GET is not served 405, Allow naming what is, without content', () => {
  const res = sendTo(setup(), { method: 'HEAD', path: '/Users/.search' });
  expect(res.status).toBe(405);
  expect(res.headers.allow).toBe('POST');
  expect(res.body).toBeUndefined();
});

test.each([
  ['/Users', 200],
  ['/Users/id-1', 200],
  ['/ServiceProviderConfig', 200],
  ['/Users/nobody', 404],
])('answers HEAD %s as GET would, without the content (RFC 9110 §9.3.2)', (path, status) => {
  const sp = setup();
  const head = sendTo(sp, { method: 'HEAD', path });
  const get = sendTo(sp, { method: 'GET', path });
  expect(head.status).toBe(status);
  expect(head.status).toBe(get.status);
  expect(head.headers['content-type']).toBe(get.headers['content-type']);
  expect(head.body).toBeUndefined();
});

test.each([
  ['/', 'the site root'],
  ['/api/v1/Users', 'a neighbouring API'],
  ['/api/v2/scim', 'the base path without its version'],
])('answers %s (%s) 404 with a SCIM Error naming the SCIM base path', (path) => {
  const sp = setup();
  const res = sp.handle({ method: 'GET', url: path, headers: {} });
  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toBe('application/scim+json');
  const body = JSON.parse(res.body!) as Record<string, unknown>;
  expect(body).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
  expect(body['detail']).toContain('/api/v2/scim/v2');
});

test.each([
  ['no Authorization header', undefined],
  ['an empty Authorization header', ''],
  ['a wrong token', 'Bearer not-the-token'],
  ['the Basic scheme', 'Basic dGVzdC10b2tlbg=='],
  ['the token without a scheme', 'test-token'],
])('answers 401 with WWW-Authenticate for %s', (_title, authorization) => {
  const sp = setup();
  for (const request of [
    { method: 'GET', path: '/Users' },
    { method: 'DELETE', path: '/Users/id-1' },
    { method: 'GET', path: '/Devices' },
  ]) {
    const res = expectRefused(sp, { ...request, headers: { authorization } }, 401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
  }
});

test('answers garbage requests without throwing or failing with a 5xx', () => {
  const sp = setup();
  const before = JSON.stringify(sp.state());
  const garbage: SpRequest[] = [
    { method: '', path: '/Users' },
    { method: 'GET /Users HTTP/1.1', path: '/Users' },
    { method: '__proto__', path: '/Users' },
    { method: 'GET', path: '/%' },
    { method: 'GET', path: '/Users/%' },
    { method: 'GET', path: '/Users/%ZZ?filter=%' },
    { method: 'GET', path: '/__proto__' },
    { method: 'GET', path: `/Users?filter=${'('.repeat(50_000)}` },
    { method: 'GET', path: `/Users?filter=userName%20eq%20%22${'a'.repeat(1_000_000)}` },
    { method: 'GET', path: `/Users?${'x=1&'.repeat(100_000)}` },
    { method: 'POST', path: '/Users', body: 'null' },
    { method: 'POST', path: '/Users', body: '[[[[]]]]' },
    { method: 'POST', path: '/Users', body: '\u0000' },
    { method: 'PATCH', path: '/Users/id-1', body: 'null' },
    { method: 'PATCH', path: '/Users/id-1', body: patchOp(null, [], 7) },
    {
      method: 'PATCH',
      path: '/Groups/id-3',
      body: patchOp({ op: 'remove', path: 'members[value eq "ghost"]' }),
    },
    {
      method: 'PUT',
      path: '/Groups/id-3',
      body: { schemas: [GROUP_SCHEMA], displayName: 'X', members: 'all' },
    },
    { method: 'POST', path: '/Users/.search', body: { filter: null, attributes: 'x,,', startIndex: {} } },
    { method: 'POST', path: '/Users/.search', body: 'null' },
  ];
  for (const request of garbage) {
    const res = sendTo(sp, request);
    const label = `${request.method} ${request.path.slice(0, 40)}: ${res.body?.slice(0, 200)}`;
    expect(res.status, label).toBeGreaterThanOrEqual(200);
    expect(res.status, label).toBeLessThan(500);
  }
  expect(JSON.stringify(sp.state())).toBe(before);
});
