import { describe, expect, it } from 'vitest';
import { normaliseTranscript, type WireEntry } from './index.js';

const AROUND = Date.parse('2025-11-26T10:00:00.000Z');
const USER_ID = '2819c223-7f76-453a-919d-413861904646';
const GROUP_ID = 'e9e30dba-f08f-4109-8486-d5c6a331660a';
const JSON_TYPE = { 'content-type': 'application/scim+json' };

/** An exchange with nothing but what a test sets. */
function exchange(entry: Partial<WireEntry> & Pick<WireEntry, 'method' | 'path'>): WireEntry {
  return { requestHeaders: {}, status: 200, responseHeaders: {}, ...entry };
}

const normalise = (entries: WireEntry[], secrets: string[] = []): string =>
  normaliseTranscript(entries, { around: AROUND, secrets });

describe('normaliseTranscript', () => {
  it('renders one block per exchange: request line, kept headers, body, status, kept headers, body', () => {
    const text = normalise([
      exchange({
        method: 'POST',
        path: '/Users',
        requestHeaders: { ...JSON_TYPE, authorization: 'Bearer s3cr3t' },
        requestBody: '{"userName":"ada","active":true}',
        status: 201,
        responseHeaders: JSON_TYPE,
        responseBody: '{"userName":"ada"}',
      }),
      exchange({ method: 'DELETE', path: '/Users/x', status: 204 }),
    ]);
    expect(text).toBe(
      [
        '### 1',
        'POST /Users',
        'content-type: application/scim+json',
        'authorization: Bearer {token}',
        '{',
        '  "userName": "ada",',
        '  "active": true',
        '}',
        '--> 201',
        'content-type: application/scim+json',
        '{',
        '  "userName": "ada"',
        '}',
        '',
        '### 2',
        'DELETE /Users/x',
        '--> 204',
        '',
      ].join('\n'),
    );
  });

  it('pretty-prints JSON bodies with keys in the order sent', () => {
    const body = '{"zeta":1,"alpha":{"b":[1,{"c":null}],"a":[]},"empty":{}}';
    const text = normalise([exchange({ method: 'POST', path: '/Users', requestBody: body })]);
    expect(text).toContain(JSON.stringify(JSON.parse(body), null, 2));
  });

  it('shows a body that is not JSON as text', () => {
    const text = normalise([
      exchange({ method: 'GET', path: '/Users', status: 502, responseBody: '<h1>Bad gateway</h1>\n' }),
    ]);
    expect(text).toContain('--> 502\n<h1>Bad gateway</h1>\n');
  });

  it('keeps only the headers that change behaviour, in a fixed order', () => {
    const text = normalise([
      exchange({
        method: 'PUT',
        path: '/Users/x',
        requestHeaders: {
          'if-none-match': '*',
          'user-agent': 'node',
          host: '127.0.0.1:5555',
          accept: 'application/scim+json',
          'content-length': '12',
          'if-match': '"abc"',
          'content-type': 'application/json',
          connection: 'keep-alive',
        },
        responseHeaders: {
          date: 'Wed, 26 Nov 2025 10:00:00 GMT',
          'retry-after': '30',
          'x-request-id': 'r-1',
          'content-type': 'application/scim+json',
          'content-length': '0',
        },
      }),
    ]);
    expect(text.split('\n').slice(1, 9)).toEqual([
      'PUT /Users/x',
      'content-type: application/json',
      'accept: application/scim+json',
      'if-match: "{version-1}"',
      'if-none-match: *',
      '--> 200',
      'content-type: application/scim+json',
      'retry-after: 30',
    ]);
  });

  it('masks the credentials of an Authorization header and keeps its scheme as sent', () => {
    const auth = (authorization: string): string =>
      normalise([exchange({ method: 'GET', path: '/Users', requestHeaders: { authorization } })]).split(
        '\n',
      )[2]!;
    expect(auth('Bearer eyJhbGciOi.x.y')).toBe('authorization: Bearer {token}');
    expect(auth('bearer abc')).toBe('authorization: bearer {token}');
    expect(auth('Basic YWRhOnB3')).toBe('authorization: Basic {credentials}');
    expect(auth('Token abc')).toBe('authorization: Token {credentials}');
    expect(auth('abc')).toBe('authorization: {credentials}');
  });

  it('names ids the SP assigned wherever they occur, earlier and later, by resource type', () => {
    const text = normalise([
      exchange({
        method: 'PATCH',
        path: `/Groups/${GROUP_ID}`,
        requestBody: JSON.stringify({
          Operations: [
            { op: 'add', path: 'members', value: [{ value: USER_ID, $ref: `../Users/${USER_ID}` }] },
          ],
        }),
      }),
      exchange({
        method: 'GET',
        path: `/Groups?filter=members.value%20eq%20%22${USER_ID}%22`,
        responseBody: JSON.stringify({
          Resources: [
            { id: GROUP_ID, meta: { resourceType: 'Group' } },
            { id: USER_ID, meta: { resourceType: 'User' } },
          ],
        }),
      }),
    ]);
    expect(text).toContain('PATCH /Groups/{group-1}');
    expect(text).toContain('"value": "{user-1}"');
    expect(text).toContain('"$ref": "../Users/{user-1}"');
    expect(text).toContain('GET /Groups?filter=members.value eq "{user-1}"');
    expect(text).not.toContain(USER_ID);
    expect(text).not.toContain(GROUP_ID);
  });

  it('takes the kind of an id from meta.resourceType, else from the path, else names it {id-N}', () => {
    const text = normalise([
      exchange({
        method: 'POST',
        path: '/Roles',
        responseBody: '{"id":"role-aaaa-1111","meta":{"resourceType":"EnterpriseRole"}}',
      }),
      exchange({ method: 'POST', path: '/Users', responseBody: '{"id":"user-bbbb-2222"}' }),
      exchange({ method: 'POST', path: '/Groups', responseBody: '{"id":"group-cccc-3333"}' }),
      exchange({ method: 'POST', path: '/Devices', responseBody: '{"id":"thing-dddd-4444"}' }),
      exchange({ method: 'POST', path: '/Users', responseBody: '{"id":"user-eeee-5555"}' }),
    ]);
    const ids = text.match(/"id": "[^"]+"/g);
    expect(ids).toEqual([
      '"id": "{enterprise-role-1}"',
      '"id": "{user-1}"',
      '"id": "{group-1}"',
      '"id": "{id-1}"',
      '"id": "{user-2}"',
    ]);
  });

  it('learns ids and the base URL from Location headers and meta.location', () => {
    const location = `http://127.0.0.1:54321/scim/v2/Users/${USER_ID}`;
    const text = normalise([
      exchange({ method: 'POST', path: '/Users', status: 201, responseHeaders: { location } }),
      exchange({
        method: 'GET',
        path: `/Users/${USER_ID}`,
        responseBody: JSON.stringify({ meta: { location } }),
      }),
    ]);
    expect(text).toContain('location: {base-url}/Users/{user-1}');
    expect(text).toContain('GET /Users/{user-1}');
    expect(text).toContain('"location": "{base-url}/Users/{user-1}"');
    expect(text).not.toContain('54321');
  });

  it('names a base URL given in options wherever it occurs', () => {
    const text = normaliseTranscript(
      [
        exchange({
          method: 'GET',
          path: '/ServiceProviderConfig',
          responseBody: '{"documentationUri":"http://localhost:4000/scim/docs"}',
        }),
      ],
      { around: AROUND, baseUrl: 'http://localhost:4000/scim/' },
    );
    expect(text).toContain('"documentationUri": "{base-url}/docs"');
  });

  it('names a short id only where it stands alone', () => {
    const text = normalise([
      exchange({
        method: 'POST',
        path: '/Groups',
        status: 201,
        responseBody: '{"id":"7","displayName":"Team 7"}',
      }),
      exchange({ method: 'GET', path: '/Groups/7?startIndex=7&count=7' }),
      exchange({ method: 'GET', path: '/Groups?filter=id%20eq%20%227%22' }),
    ]);
    expect(text).toContain('"id": "{group-1}"');
    expect(text).toContain('"displayName": "Team 7"');
    expect(text).toContain('GET /Groups/{group-1}?startIndex=7&count=7');
    expect(text).toContain('GET /Groups?filter=id eq "{group-1}"');
  });

  it('replaces ISO 8601 date-times and HTTP dates', () => {
    const text = normalise([
      exchange({
        method: 'GET',
        path: '/Users?filter=meta.lastModified%20gt%20%222025-11-20T08:00:00Z%22',
        status: 429,
        responseHeaders: { 'retry-after': 'Wed, 26 Nov 2025 10:00:30 GMT' },
        responseBody:
          '{"created":"2025-11-26T10:00:00.123Z","lastModified":"2025-11-26T11:00:00+01:00","birthday":"1990-01-01"}',
      }),
    ]);
    expect(text).toContain('meta.lastModified gt "{timestamp}"');
    expect(text).toContain('retry-after: {http-date}');
    expect(text).toContain('"created": "{timestamp}"');
    expect(text).toContain('"lastModified": "{timestamp}"');
    expect(text).toContain('"birthday": "1990-01-01"');
  });

  it('numbers ETag versions by first appearance, the same version under the same name', () => {
    const text = normalise([
      exchange({
        method: 'GET',
        path: '/Users/a',
        responseHeaders: { etag: 'W/"a1b2"' },
        responseBody: '{"meta":{"version":"W/\\"a1b2\\""}}',
      }),
      exchange({
        method: 'PUT',
        path: '/Users/a',
        requestHeaders: { 'if-match': 'W/"a1b2"' },
        responseHeaders: { etag: 'W/"c3d4"' },
      }),
      exchange({ method: 'GET', path: '/Users/a', requestHeaders: { 'if-none-match': 'W/"c3d4", "e5f6"' } }),
    ]);
    expect(text).toContain('etag: W/"{version-1}"');
    expect(text).toContain('"version": "W/\\"{version-1}\\""');
    expect(text).toContain('if-match: W/"{version-1}"');
    expect(text).toContain('etag: W/"{version-2}"');
    expect(text).toContain('if-none-match: W/"{version-2}", "{version-3}"');
  });

  it('numbers UUIDs the SP did not assign by first appearance, in any letter case', () => {
    const external = 'c0a80101-0000-4000-8000-00000000abcd';
    const other = '00000000-0000-7000-8000-000000000001';
    const text = normalise([
      exchange({
        method: 'POST',
        path: '/Users',
        requestBody: JSON.stringify({ externalId: external, x: other }),
      }),
      exchange({ method: 'GET', path: `/Users?filter=externalId%20eq%20%22${external.toUpperCase()}%22` }),
    ]);
    expect(text).toContain('"externalId": "{uuid-1}"');
    expect(text).toContain('"x": "{uuid-2}"');
    expect(text).toContain('externalId eq "{uuid-1}"');
  });

  it('replaces time-derived suffixes within a week of the run by {time}, unnumbered, and leaves the others', () => {
    const base36 = (AROUND - 60_000).toString(36);
    const old = (AROUND - 10 * 24 * 3_600_000).toString(36);
    const body = {
      userName: `jumpcloud.test.${base36}@example.com`,
      again: `x-${base36}`,
      upper: `X-${base36.toUpperCase()}@EXAMPLE.COM`,
      ms: `t${AROUND + 5}`,
      seconds: String(Math.floor(AROUND / 1000)),
      number: AROUND,
      old: `jumpcloud.test.${old}@example.com`,
      word: 'username',
      count: 1234567890,
    };
    const text = normalise([exchange({ method: 'POST', path: '/Users', requestBody: JSON.stringify(body) })]);
    expect(text).toContain('"userName": "jumpcloud.test.{time}@example.com"');
    expect(text).toContain('"again": "x-{time}"');
    expect(text).toContain('"upper": "X-{time}@EXAMPLE.COM"');
    expect(text).toContain('"ms": "t{time}"');
    expect(text).toContain('"seconds": "{time}"');
    expect(text).toContain('"number": {time}');
    expect(text).toContain(`"old": "jumpcloud.test.${old}@example.com"`);
    expect(text).toContain('"word": "username"');
    expect(text).toContain('"count": 1234567890');
  });

  it('masks the values of secret keys, and a PATCH value that sets a password', () => {
    const body = {
      password: 'hunter2',
      Password: 42,
      nested: { client_secret: 'cs', access_token: 'at', refresh_token: 'rt', token: { kind: 'x' } },
      empty: { password: '', token: null },
      Operations: [
        { op: 'replace', path: 'password', value: 'p1' },
        { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:password', value: 'p2' },
        { op: 'replace', path: 'title', value: 'kept' },
      ],
    };
    const text = normalise([
      exchange({ method: 'PATCH', path: '/Users/a', requestBody: JSON.stringify(body) }),
    ]);
    expect(text).not.toMatch(/hunter2|42|"cs"|"at"|"rt"|"x"|p1|p2/);
    expect(text.match(/\{secret\}/g)).toHaveLength(8);
    expect(text).toContain('"password": ""');
    expect(text).toContain('"token": null');
    expect(text).toContain('"value": "kept"');
  });

  it('masks secret fields of a form body', () => {
    const text = normalise([
      exchange({
        method: 'POST',
        path: '/token',
        requestBody: 'grant_type=password&password=pw&client_secret=cs',
      }),
    ]);
    expect(text).toContain('grant_type=password&password={secret}&client_secret={secret}');
  });

  it('masks the literal secrets it is given wherever they occur', () => {
    const secret = 'tok_9f8e7d';
    const text = normalise(
      [
        exchange({
          method: 'GET',
          path: `/Users?access=${secret}`,
          requestHeaders: { accept: `x/${secret}` },
          responseBody: `echo ${secret}`,
        }),
      ],
      [secret, ''],
    );
    expect(text).not.toContain(secret);
    expect(text.match(/\{secret\}/g)).toHaveLength(3);
  });

  it('shows a dropped connection without its answer', () => {
    const text = normalise([
      exchange({
        method: 'GET',
        path: '/Users',
        dropped: true,
        status: 200,
        responseBody: '{"ignored":true}',
      }),
      exchange({ method: 'GET', path: '/Groups', status: undefined }),
    ]);
    expect(text).toBe(
      '### 1\nGET /Users\n--> (connection dropped)\n\n### 2\nGET /Groups\n--> (connection dropped)\n',
    );
  });

  it('shows escaped query characters bare unless the escape changes the meaning', () => {
    const text = normalise([
      exchange({ method: 'GET', path: '/Groups?filter=displayName%20eq%20%22R%26D%20%C3%A9%22%0A' }),
    ]);
    expect(text).toContain('GET /Groups?filter=displayName eq "R%26D é"%0A');
  });

  it('gives the same bytes for the same input', () => {
    const entries = [
      exchange({
        method: 'POST',
        path: '/Users',
        requestBody: JSON.stringify({ externalId: 'c0a80101-0000-4000-8000-00000000abcd', t: AROUND }),
        responseBody: JSON.stringify({ id: USER_ID, meta: { version: 'W/"1"' } }),
      }),
    ];
    expect(normalise(entries)).toBe(normalise(entries));
  });

  it('says so when there were no exchanges', () => {
    expect(normalise([])).toBe('(no exchanges)\n');
  });

  it('refuses an around that is not a time', () => {
    expect(() => normaliseTranscript([], { around: Number.NaN })).toThrow(TypeError);
  });
});
