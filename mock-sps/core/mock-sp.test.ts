import { describe, expect, test } from 'vitest';
import { USER_SCHEMA } from '#harness/scim';
import type { ScimFault } from '../registry.js';
import { interactProfile } from '../interact/profile.js';
import { salesforceProfile } from '../salesforce/profile.js';
import { INSPECTION_PATH, MockSp } from './mock-sp.js';
import type { SpProfile } from './profile.js';
import { BASE, ORIGIN, bearer, patchOp, setupSp } from './scim/test-support.js';

const local = { timezone: 'Europe/London', bio: 'Writes tests', DOB: '1990-01-01', initials: 'AS' };
const alice = { schemas: [USER_SCHEMA], userName: 'alice@example.com', ...local };

describe('Interact profile quirks', () => {
  test('stores addresses.locality as addresses.formatted on create, PUT and PATCH (INT-04)', () => {
    const { sp, send } = setupSp();
    const created = send('POST', '/Users', { ...alice, addresses: [{ type: 'work', locality: 'Leeds' }] });

    expect(created.json.addresses).toEqual([{ type: 'work', formatted: 'Leeds' }]);
    expect(sp.state().users[0]!.resource.addresses).toEqual([{ type: 'work', formatted: 'Leeds' }]);

    const put = send('PUT', '/Users/id-1', { ...alice, addresses: [{ type: 'home', locality: 'York' }] });
    expect(put.json.addresses).toEqual([{ type: 'home', formatted: 'York' }]);

    const add = patchOp({ op: 'add', path: 'addresses', value: [{ type: 'work', locality: 'Hull' }] });
    expect(send('PATCH', '/Users/id-1', add).json.addresses).toEqual([
      { type: 'home', formatted: 'York' },
      { type: 'work', formatted: 'Hull' },
    ]);
  });

  test('keeps local attributes in the SP record, not in the SCIM resource (INT-05)', () => {
    const { sp, send } = setupSp();
    const created = send('POST', '/Users', alice);
    const [stored] = sp.state().users;

    expect(stored!.local).toEqual(local);
    for (const name of Object.keys(local)) {
      expect(created.json).not.toHaveProperty(name);
      expect(stored!.resource).not.toHaveProperty(name);
      expect(send('GET', '/Users/id-1').json).not.toHaveProperty(name);
    }
  });

  test('keeps local attributes through a PUT and a PATCH that do not name them (INT-05)', () => {
    const { sp, send } = setupSp();
    send('POST', '/Users', alice);

    expect(send('PUT', '/Users/id-1', { schemas: [USER_SCHEMA], userName: 'alice@example.com' }).status).toBe(
      200,
    );
    expect(send('PATCH', '/Users/id-1', patchOp({ op: 'replace', path: 'title', value: 'CTO' })).status).toBe(
      200,
    );
    expect(sp.state().users[0]).toMatchObject({ resource: { title: 'CTO' }, local });
  });

  test('updates a local attribute that an update does name (INT-05)', () => {
    const { sp, send } = setupSp();
    send('POST', '/Users', alice);
    send('PUT', '/Users/id-1', {
      schemas: [USER_SCHEMA],
      userName: 'alice@example.com',
      bio: 'Reviews tests',
    });

    expect(sp.state().users[0]!.local).toEqual({ ...local, bio: 'Reviews tests' });
  });

  test('clears a local attribute that a PATCH removes (INT-05)', () => {
    const { sp, send } = setupSp();
    send('POST', '/Users', alice);
    expect(send('PATCH', '/Users/id-1', patchOp({ op: 'remove', path: 'timezone' })).status).toBe(200);

    const { timezone: _removed, ...rest } = local;
    expect(sp.state().users[0]!.local).toEqual(rest);
  });

  test('reads a trailing slash on a collection as the collection', () => {
    const { send } = setupSp();
    send('POST', '/Users', alice);
    expect(send('GET', '/Users/').json).toMatchObject({ totalResults: 1 });
  });

  test('rotates the token: the old one gets 401, the new one works (INT-07)', () => {
    const { sp, send } = setupSp();
    const fresh = sp.rotateToken();

    expect(fresh).not.toBe('test-token');
    expect(sp.token).toBe(fresh);
    const refused = send('GET', '/Users');
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(send('GET', '/Users', undefined, bearer(fresh)).status).toBe(200);
  });

  test('answers 401 while the integration is inactive, and serves again once active (INT-01)', () => {
    const { sp, send } = setupSp();
    sp.setIntegrationActive(false);
    const refused = send('GET', '/Users');

    expect(refused.status).toBe(401);
    expect(refused.json.detail).toContain('not active');
    expect(send('GET', '/ServiceProviderConfig').status).toBe(200);
    sp.setIntegrationActive(true);
    expect(send('GET', '/Users').status).toBe(200);
  });

  test('logs method, path, decoded query, status and body of every SCIM request (INT-01)', () => {
    const { sp, send } = setupSp();
    send('POST', '/Users', alice);
    send('GET', `/Users?filter=${encodeURIComponent('userName eq "alice@example.com"')}&count=5`);
    send('DELETE', '/Users/id-1', undefined, bearer('wrong'));

    expect(sp.requests()).toEqual([
      {
        at: '2024-05-01T12:00:00.000Z',
        method: 'POST',
        path: '/Users',
        query: {},
        status: 201,
        body: JSON.stringify(alice),
      },
      {
        at: '2024-05-01T12:00:00.000Z',
        method: 'GET',
        path: '/Users',
        query: { filter: 'userName eq "alice@example.com"', count: '5' },
        status: 200,
      },
    ]);
    // Refused before authentication: counted with a short summary, not logged.
    expect(sp.refusedRequests()).toEqual({
      count: 1,
      latest: [{ at: '2024-05-01T12:00:00.000Z', method: 'DELETE', path: '/Users/id-1', status: 401 }],
    });
  });

  test('masks passwords in logged bodies and cuts long ones, saying how long they were', () => {
    const { sp, send } = setupSp();
    send('POST', '/Users', { ...alice, password: 'Hunter2!secret' });
    send('PATCH', '/Users/nobody', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'password', value: 'Hunter3!secret' }],
    });
    const long = { ...alice, userName: 'bob@example.com', title: 'x'.repeat(10_000) };
    send('POST', '/Users', long);

    const [created, patched, cut] = sp.requests();
    expect(created!.body).not.toContain('Hunter2');
    expect(JSON.parse(created!.body!)).toMatchObject({ userName: alice.userName, password: '***' });
    expect(patched!.body).not.toContain('Hunter3');
    expect(cut!.body!.length).toBeLessThan(4300);
    expect(cut!.body).toMatch(/\[cut: \d+ bytes in all/);
    expect(cut!.bodyBytes).toBe(Buffer.byteLength(JSON.stringify(long)));
  });
});

describe('MockSp', () => {
  test('answers on the profile host and base path by default', () => {
    const sp = new MockSp(interactProfile);

    expect(sp.id).toBe('interact');
    expect(sp.origin).toBe(ORIGIN);
    expect(sp.scimBaseUrl).toBe(`${ORIGIN}${BASE}`);
    expect(sp.token).toMatch(/^[\w-]{32}$/);
    expect(new MockSp(interactProfile).token).not.toBe(sp.token);
    expect(new MockSp(interactProfile, { origin: 'http://127.0.0.1:8080/' }).scimBaseUrl).toBe(
      `http://127.0.0.1:8080${BASE}`,
    );
  });

  test('accepts an absolute URL as well as a path', () => {
    const { sp } = setupSp();
    const res = sp.handle({
      method: 'GET',
      url: `${ORIGIN}${BASE}/Users`,
      headers: { authorization: 'Bearer test-token' },
    });

    expect(res.status).toBe(200);
  });

  test('answers 404 outside the SCIM base path and 400 for a URL that does not parse', () => {
    const { sp } = setupSp();

    expect(sp.handle({ method: 'GET', url: '/api/v2/Users', headers: {} }).status).toBe(404);
    expect(sp.handle({ method: 'GET', url: '//', headers: {} }).status).toBe(400);
  });

  test('serves state and the request log on the read-only inspection API', () => {
    const { sp, send } = setupSp();
    sp.seedUser({ userName: 'alice@example.com' }, { timezone: 'UTC' });
    send('GET', '/Users/id-1');

    expect(send('GET', `${INSPECTION_PATH}/state`).json).toEqual(JSON.parse(JSON.stringify(sp.state())));
    expect(send('GET', `${INSPECTION_PATH}/requests`).json).toEqual(
      JSON.parse(JSON.stringify(sp.requests())),
    );
    const post = send('POST', `${INSPECTION_PATH}/state`, {});
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(send('GET', `${INSPECTION_PATH}/nothing`).status).toBe(404);
  });

  test('answers the inspection API only with its own token, neither the SCIM token nor none', () => {
    const { sp, send } = setupSp();
    sp.seedUser({ userName: 'alice@example.com' });
    for (const authorization of [
      undefined,
      `Bearer ${sp.token}`,
      `Bearer ${sp.inspectionToken}x`,
      sp.inspectionToken,
    ]) {
      const refused = send('GET', `${INSPECTION_PATH}/state`, undefined, { authorization });
      expect(refused.status, String(authorization)).toBe(401);
      expect(refused.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(refused.json.detail).toContain('inspectionToken');
      expect(refused.body).not.toContain('alice');
    }
    expect(sp.inspectionToken).toMatch(/^[\w-]{32}$/);
    expect(sp.inspectionToken).not.toBe(sp.token);
    expect(new MockSp(interactProfile, { inspectionToken: 'chosen' }).inspectionToken).toBe('chosen');
  });

  test('never returns a password or a never-returned attribute over the inspection API', () => {
    const { sp, send } = setupSp();
    const id = sp.seedUser({ userName: 'alice@example.com', password: 'Hunter2!secret' });
    sp.setLocalAttributes(id, { password: 'local-secret' });
    expect(sp.state().users[0]!.local.password).toBe('local-secret');

    const inspected = send('GET', `${INSPECTION_PATH}/state`);
    expect(inspected.status).toBe(200);
    expect(inspected.body).not.toMatch(/Hunter2|local-secret/);
    expect((inspected.json.users as { id: string }[])[0]!.id).toBe(id);
  });

  test('seeds users and groups and edits local attributes as an SP admin would', () => {
    const { sp } = setupSp();
    const userId = sp.seedUser({ userName: 'alice@example.com', timezone: 'UTC' });
    const groupId = sp.seedGroup({ displayName: 'Engineering', members: [{ value: userId }] });
    sp.setLocalAttributes(userId, { bio: 'Seeded' });

    expect(sp.state()).toMatchObject({
      users: [
        {
          id: userId,
          resource: { userName: 'alice@example.com', groups: [{ value: groupId }] },
          local: { timezone: 'UTC', bio: 'Seeded' },
        },
      ],
      groups: [{ id: groupId, resource: { displayName: 'Engineering', members: [{ value: userId }] } }],
    });
    expect(() => sp.setLocalAttributes('nope', {})).toThrow(TypeError);
  });

  test('returns state copies that callers cannot use to change the SP', () => {
    const { sp } = setupSp();
    sp.seedUser({ userName: 'alice@example.com' });
    const state = sp.state();
    state.users[0]!.resource.userName = 'mallory@example.com';

    expect(sp.state().users[0]!.resource.userName).toBe('alice@example.com');
  });

  test('has no SCIM surface for a profile without SCIM', () => {
    const profile: SpProfile = { id: 'saml-only', name: 'SAML Only', requirementPrefix: 'SO' };
    const sp = new MockSp(profile);

    expect(sp.scimBaseUrl).toBeUndefined();
    expect(sp.state()).toEqual({ users: [], groups: [] });
    expect(sp.requests()).toEqual([]);
    expect(sp.handle({ method: 'GET', url: `${BASE}/Users`, headers: {} }).status).toBe(404);
    expect(() => sp.seedUser({ userName: 'x' })).toThrow(TypeError);
    expect(() => sp.seedGroup({ displayName: 'x' })).toThrow(TypeError);
  });

  test('takes the core’s faults and its app’s by id, in catalogue order, and names the known ones for any other', () => {
    const sp = new MockSp(interactProfile, { faults: ['no-request-body-log', 'accept-any-token'] });

    expect(sp.faults.map((fault) => fault.id)).toEqual(['accept-any-token', 'no-request-body-log']);
    expect(() => new MockSp(interactProfile, { faults: ['nope' as ScimFault] })).toThrow(
      /Unknown SCIM fault 'nope'; known: .*accept-any-token.*no-request-body-log/,
    );
    expect(() => new MockSp(interactProfile, { faults: ['allow-plus-in-username'] })).toThrow(TypeError);
  });

  test('refuses a fault record of another app', () => {
    const [salesforceFault] = salesforceProfile.faults;

    expect(() => new MockSp(interactProfile, { faults: [salesforceFault] })).toThrow(/fault of salesforce/);
  });
});
