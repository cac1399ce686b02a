import { describe, expect, test } from 'vitest';
import {
  USER_SCHEMA,
  userSchema,
  validateMessage,
  validateResource,
  type JsonObject,
  type MessageKind,
} from '#harness/scim';
import { BASE, ORIGIN, patchOp, setupSp } from './test-support.js';

const alice = { schemas: [USER_SCHEMA], userName: 'alice@example.com', name: { givenName: 'Alice' } };

describe('SCIM service resources', () => {
  test('creates a user: 201, Location equal to meta.location, ETag W/"1" and a full meta', () => {
    const { send } = setupSp();
    const res = send('POST', '/Users', alice);

    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/scim+json');
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.headers.location).toBe(`${ORIGIN}${BASE}/Users/id-1`);
    expect(res.json).toMatchObject({
      id: 'id-1',
      userName: 'alice@example.com',
      meta: {
        resourceType: 'User',
        created: '2024-05-01T12:00:00.000Z',
        lastModified: '2024-05-01T12:00:00.000Z',
        location: res.headers.location,
        version: 'W/"1"',
      },
    });
    expect(validateResource(res.json, userSchema, { unknownAttributes: 'error' })).toEqual([]);
  });

  test('reads a user back by id with its ETag', () => {
    const { send } = setupSp();
    const created = send('POST', '/Users', alice).json;
    const res = send('GET', '/Users/id-1');

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.json).toEqual(created);
  });

  test('accepts a plain application/json request and still answers application/scim+json', () => {
    const { send } = setupSp();
    const res = send('POST', '/Users', alice, { 'content-type': 'application/json; charset=utf-8' });

    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/scim+json');
    expect(send('GET', '/Users/nope').headers['content-type']).toBe('application/scim+json');
  });

  test('replaces a user on PUT, dropping attributes left out and bumping the version', () => {
    const { send, tick } = setupSp();
    send('POST', '/Users', { ...alice, title: 'Engineer' });
    tick();
    const res = send('PUT', '/Users/id-1', {
      schemas: [USER_SCHEMA],
      userName: 'alice@example.com',
      active: false,
    });

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('W/"2"');
    expect(res.json).toMatchObject({
      active: false,
      meta: {
        created: '2024-05-01T12:00:00.000Z',
        lastModified: '2024-05-01T12:01:00.000Z',
        version: 'W/"2"',
      },
    });
    expect(res.json).not.toHaveProperty('title');
    expect(res.json).not.toHaveProperty('name');
    expect(send('GET', '/Users/id-1').json).toEqual(res.json);
  });

  test('applies PATCH add, replace and remove, with and without a path, op names in any case', () => {
    const { send } = setupSp();
    send('POST', '/Users', { ...alice, title: 'Engineer' });
    const res = send(
      'PATCH',
      '/Users/id-1',
      patchOp(
        { op: 'Add', path: 'emails', value: [{ value: 'alice@work.example', type: 'work' }] },
        { op: 'replace', path: 'name.givenName', value: 'Alicia' },
        { op: 'REMOVE', path: 'title' },
        { op: 'replace', value: { displayName: 'Alicia S' } },
        { op: 'replace', path: 'emails[type eq "work"].value', value: 'alicia@work.example' },
      ),
    );

    expect(res.status).toBe(200);
    expect(res.headers.etag).toBe('W/"2"');
    expect(res.json).toMatchObject({
      name: { givenName: 'Alicia' },
      displayName: 'Alicia S',
      emails: [{ value: 'alicia@work.example', type: 'work' }],
      meta: { version: 'W/"2"' },
    });
    expect(res.json).not.toHaveProperty('title');
    expect(send('GET', '/Users/id-1').json).toEqual(res.json);
  });

  test('refuses a stale If-Match with 412 and changes nothing', () => {
    const { send, snapshot } = setupSp();
    send('POST', '/Users', alice);
    send('PATCH', '/Users/id-1', patchOp({ op: 'replace', path: 'title', value: 'v2' }));
    const before = snapshot();

    const put = send('PUT', '/Users/id-1', alice, { 'if-match': 'W/"1"' });
    const patch = send('PATCH', '/Users/id-1', patchOp({ op: 'replace', path: 'title', value: 'x' }), {
      'if-match': 'W/"1"',
    });

    expect(put.status).toBe(412);
    expect(patch.status).toBe(412);
    expect(patch.json).toMatchObject({ status: '412' });
    expect(snapshot()).toBe(before);
  });

  test('accepts If-Match with the current version or *', () => {
    const { send } = setupSp();
    send('POST', '/Users', alice);
    const title = (value: string) => patchOp({ op: 'replace', path: 'title', value });

    expect(send('PATCH', '/Users/id-1', title('a'), { 'if-match': 'W/"1"' }).status).toBe(200);
    expect(send('PATCH', '/Users/id-1', title('b'), { 'if-match': '*' }).status).toBe(200);
    expect(send('PUT', '/Users/id-1', alice, { 'if-match': 'W/"9", W/"3"' }).headers.etag).toBe('W/"4"');
  });

  test('deletes a user with 204 and then answers 404 for it', () => {
    const { send } = setupSp();
    send('POST', '/Users', alice);
    const res = send('DELETE', '/Users/id-1');

    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect(send('GET', '/Users/id-1').status).toBe(404);
    expect(send('DELETE', '/Users/id-1').status).toBe(404);
  });

  test('never returns a password, not even when asked for it', () => {
    const { sp, send } = setupSp();
    const created = send('POST', '/Users', { ...alice, password: 's3cret!' });

    expect(created.body).not.toContain('s3cret!');
    expect(send('GET', '/Users/id-1?attributes=password,userName').json).not.toHaveProperty('password');
    expect(JSON.stringify(sp.state())).not.toContain('s3cret!');
  });
});

describe('SCIM service discovery', () => {
  const documents: [path: string, kind: MessageKind][] = [
    ['/ServiceProviderConfig', 'ServiceProviderConfig'],
    ['/ResourceTypes', 'ListResponse'],
    ['/ResourceTypes/User', 'ResourceType'],
    ['/ResourceTypes/Group', 'ResourceType'],
    ['/Schemas', 'ListResponse'],
    [`/Schemas/${USER_SCHEMA}`, 'Schema'],
    ['/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group', 'Schema'],
  ];

  test.each(documents)('serves %s without a token as a valid %s', (path, kind) => {
    const { send } = setupSp();
    const res = send('GET', path, undefined, { authorization: '' });

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/scim+json');
    expect(validateMessage(kind, res.json)).toEqual([]);
    const resourceKind =
      path === '/Schemas' ? 'Schema' : path === '/ResourceTypes' ? 'ResourceType' : undefined;
    for (const resource of resourceKind ? (res.json.Resources as unknown[]) : []) {
      expect(validateMessage(resourceKind!, resource)).toEqual([]);
    }
  });

  test('advertises what the Interact profile supports', () => {
    const { send } = setupSp();
    const config = send('GET', '/ServiceProviderConfig').json;

    expect(config).toMatchObject({
      patch: { supported: true },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: true },
      etag: { supported: true },
      changePassword: { supported: false },
    });
    const types = send('GET', '/ResourceTypes').json.Resources as JsonObject[];
    expect(types.map((type) => type.endpoint)).toEqual(['/Users', '/Groups']);
  });

  test('answers 404 for an unknown ResourceType or Schema', () => {
    const { send } = setupSp();

    expect(send('GET', '/ResourceTypes/Device').status).toBe(404);
    expect(send('GET', '/Schemas/urn:example:nothing').status).toBe(404);
  });
});
