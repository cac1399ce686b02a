import { expect, test } from 'vitest';
import { USER_SCHEMA, type JsonObject } from '#harness/scim';
import type { ScimFault } from '../../registry.js';
import { INTERACT_SP_FAULTS } from '../../interact/faults.js';
import { LIST_FAULTS, PATCH_FAULTS, WIRE_FAULTS, WRITE_FAULTS } from '../faults/index.js';
import { patchOp, seedTeam, setupSp } from './test-support.js';

/** The core's faults of the SCIM protocol, and Interact's storage faults (which go through the core's seams). */
const FAULTS = [...WIRE_FAULTS, ...LIST_FAULTS, ...WRITE_FAULTS, ...PATCH_FAULTS, ...INTERACT_SP_FAULTS];
type CoreScimFault = (typeof FAULTS)[number]['id'];

/**
 * An Interact mock with `faults`, holding users id-1 (alice Smith, timezone set locally),
 * id-2 (bob) and group id-3 with alice.
 */
function setup(...faults: ScimFault[]) {
  const { sp, send, members } = setupSp({ faults });
  seedTeam(sp, { givenName: 'Alice', familyName: 'Smith' }, { timezone: 'Europe/Paris' });
  return { sp, send, members: () => members('id-3') };
}

type Setup = ReturnType<typeof setup>;
const carol = { schemas: [USER_SCHEMA], userName: 'carol@example.com' };
const ids = (res: { json: JsonObject }) => (res.json.Resources as JsonObject[]).map((r) => r.id);

/** For each switch: the strict SP and the faulty one, put through the same requests. */
/** The core's faults (the lifecycle and import ones have their own tests); each app's in its own folder's tests. */
const effects: Record<CoreScimFault, (strict: Setup, faulty: Setup) => void> = {
  'case-sensitive-username-filter': (strict, faulty) => {
    const filter = `/Users?filter=${encodeURIComponent('userName eq "ALICE@example.com"')}`;
    expect(ids(strict.send('GET', filter))).toEqual(['id-1']);
    expect(ids(faulty.send('GET', filter))).toEqual([]);
    expect(ids(faulty.send('GET', filter.replace('ALICE', 'alice')))).toEqual(['id-1']);
  },
  'zero-based-start-index': (strict, faulty) => {
    expect(ids(strict.send('GET', '/Users?startIndex=1&count=1'))).toEqual(['id-1']);
    expect(ids(faulty.send('GET', '/Users?startIndex=1&count=1'))).toEqual(['id-2']);
  },
  'numeric-error-status': (strict, faulty) => {
    expect(strict.send('GET', '/Users/nope').json.status).toBe('404');
    expect(faulty.send('GET', '/Users/nope').json.status).toBe(404);
  },
  'create-returns-200': (strict, faulty) => {
    expect(strict.send('POST', '/Users', carol).status).toBe(201);
    const res = faulty.send('POST', '/Users', carol);
    expect(res.status).toBe(200);
    expect(res.json.id).toBe('id-4');
  },
  'missing-location': (strict, faulty) => {
    expect(strict.send('POST', '/Users', carol).headers.location).toMatch(/\/Users\/id-4$/);
    const res = faulty.send('POST', '/Users', carol);
    expect(res.status).toBe(201);
    expect(res.headers).not.toHaveProperty('location');
  },
  'ignore-member-remove-filter': (strict, faulty) => {
    const remove = patchOp({ op: 'remove', path: 'members[value eq "id-1"]' });
    strict.send('PATCH', '/Groups/id-3', remove);
    expect(strict.members()).toEqual([]);
    expect(faulty.send('PATCH', '/Groups/id-3', remove).status).toBe(200);
    expect(faulty.members()).toEqual(['id-1']);
  },
  'non-atomic-patch': (strict, faulty) => {
    const body = patchOp(
      { op: 'replace', path: 'title', value: 'CTO' },
      { op: 'replace', path: 'nope', value: 1 },
    );
    for (const { send } of [strict, faulty]) expect(send('PATCH', '/Users/id-1', body).status).toBe(400);
    expect(strict.send('GET', '/Users/id-1').json).not.toHaveProperty('title');
    expect(faulty.send('GET', '/Users/id-1').json.title).toBe('CTO');
  },
  'deactivated-user-404': (strict, faulty) => {
    const deactivate = patchOp({ op: 'replace', path: 'active', value: false });
    for (const { send } of [strict, faulty])
      expect(send('PATCH', '/Users/id-2', deactivate).status).toBe(200);
    expect(strict.send('GET', '/Users/id-2').status).toBe(200);
    expect(faulty.send('GET', '/Users/id-2').status).toBe(404);
    expect(ids(faulty.send('GET', '/Users'))).toEqual(['id-1']);
  },
  'invalid-filter-returns-all': (strict, faulty) => {
    expect(strict.send('GET', '/Users?filter=userName%20eq').status).toBe(400);
    const res = faulty.send('GET', '/Users?filter=userName%20eq');
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(['id-1', 'id-2']);
  },
  'accept-any-token': (strict, faulty) => {
    for (const authorization of [undefined, 'Bearer wrong']) {
      expect(strict.send('GET', '/Users', undefined, { authorization }).status).toBe(401);
      expect(faulty.send('GET', '/Users', undefined, { authorization }).status).toBe(200);
    }
  },
  'no-uniqueness-check': (strict, faulty) => {
    const dup = { ...carol, userName: 'ALICE@example.com' };
    expect(strict.send('POST', '/Users', dup).status).toBe(409);
    expect(faulty.send('POST', '/Users', dup).status).toBe(201);
    expect(faulty.sp.state().users.map((u) => u.resource.userName)).toEqual([
      'alice@example.com',
      'bob@example.com',
      'ALICE@example.com',
    ]);
  },
  'ignore-if-match': (strict, faulty) => {
    const title = patchOp({ op: 'replace', path: 'title', value: 'CTO' });
    expect(strict.send('PATCH', '/Users/id-1', title, { 'if-match': 'W/"7"' }).status).toBe(412);
    const res = faulty.send('PATCH', '/Users/id-1', title, { 'if-match': 'W/"7"' });
    expect(res.status).toBe(200);
    expect(res.json.title).toBe('CTO');
  },
  'member-add-duplicates': (strict, faulty) => {
    const add = patchOp({ op: 'add', path: 'members', value: [{ value: 'id-1' }] });
    strict.send('PATCH', '/Groups/id-3', add);
    expect(strict.members()).toEqual(['id-1']);
    faulty.send('PATCH', '/Groups/id-3', add);
    expect(faulty.members()).toEqual(['id-1', 'id-1']);
  },
  'case-sensitive-patch-op': (strict, faulty) => {
    const title = patchOp({ op: 'Replace', path: 'title', value: 'CTO' });
    expect(strict.send('PATCH', '/Users/id-1', title).status).toBe(200);
    expect(faulty.send('PATCH', '/Users/id-1', title).json).toMatchObject({
      status: '400',
      scimType: 'invalidSyntax',
    });
    expect(
      faulty.send('PATCH', '/Users/id-1', patchOp({ op: 'replace', path: 'title', value: 'CTO' })).status,
    ).toBe(200);
  },
  'json-content-type': (strict, faulty) => {
    expect(strict.send('GET', '/Users/id-1').headers['content-type']).toBe('application/scim+json');
    expect(faulty.send('GET', '/Users/id-1').headers['content-type']).toBe('application/json');
    expect(faulty.send('GET', '/Users/nope').headers['content-type']).toBe('application/json');
  },
  'ignore-attributes-param': (strict, faulty) => {
    expect(strict.send('GET', '/Users/id-1?attributes=userName').json).not.toHaveProperty('meta');
    expect(faulty.send('GET', '/Users/id-1?attributes=userName').json).toHaveProperty('meta');
    const [listed] = faulty.send('GET', '/Users?attributes=userName').json.Resources as JsonObject[];
    expect(listed).toHaveProperty('meta');
  },
  'delete-returns-200': (strict, faulty) => {
    const gone = strict.send('DELETE', '/Users/id-2');
    expect(gone.status).toBe(204);
    expect(gone.body).toBeUndefined();
    const res = faulty.send('DELETE', '/Users/id-2');
    expect(res.status).toBe(200);
    expect(res.body).toBeTruthy();
    expect(faulty.send('GET', '/Users/id-2').status).toBe(404);
  },
  'no-discovery': (strict, faulty) => {
    for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/Schemas', '/ResourceTypes/User']) {
      expect(strict.send('GET', path).status).toBe(200);
      expect(faulty.send('GET', path).status).toBe(404);
    }
  },
  'reject-plain-json': (strict, faulty) => {
    const plain = { 'content-type': 'application/json' };
    expect(strict.send('POST', '/Users', carol, plain).status).toBe(201);
    expect(faulty.send('POST', '/Users', carol, plain).status).toBe(415);
    expect(faulty.send('POST', '/Users', carol).status).toBe(201);
  },
  'missing-meta': (strict, faulty) => {
    expect(strict.send('POST', '/Users', carol).json).toHaveProperty('meta');
    expect(faulty.send('POST', '/Users', carol).json).not.toHaveProperty('meta');
    expect(faulty.send('GET', '/Users/id-1').json).not.toHaveProperty('meta');
  },
  'no-required-check': (strict, faulty) => {
    const nameless = { schemas: [USER_SCHEMA], displayName: 'No Name' };
    expect(strict.send('POST', '/Users', nameless).json).toMatchObject({
      status: '400',
      scimType: 'invalidValue',
    });
    expect(faulty.send('POST', '/Users', nameless).status).toBe(201);
    expect(faulty.send('POST', '/Users', { ...nameless, active: 'yes' }).status).toBe(400);
  },
  'no-auth-challenge': (strict, faulty) => {
    const unauthorised = { authorization: undefined };
    expect(strict.send('GET', '/Users', undefined, unauthorised).headers['www-authenticate']).toMatch(
      /^Bearer/,
    );
    const res = faulty.send('GET', '/Users', undefined, unauthorised);
    expect(res.status).toBe(401);
    expect(res.headers).not.toHaveProperty('www-authenticate');
  },
  'plain-error-bodies': (strict, faulty) => {
    expect(strict.send('GET', '/Users/nope').json).toMatchObject({ status: '404' });
    const res = faulty.send('GET', '/Users/nope');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/json');
    expect(Object.keys(res.json)).toEqual(['error']);
  },
  'ignore-filter': (strict, faulty) => {
    const filter = `/Users?filter=${encodeURIComponent('userName eq "bob@example.com"')}`;
    expect(ids(strict.send('GET', filter))).toEqual(['id-2']);
    expect(ids(faulty.send('GET', filter))).toEqual(['id-1', 'id-2']);
  },
  'value-path-matches-all': (strict, faulty) => {
    for (const { send } of [strict, faulty]) {
      send('POST', '/Users', { ...carol, emails: [{ value: 'carol@home.example', type: 'home' }] });
      send('POST', '/Users', {
        ...carol,
        userName: 'dave',
        emails: [{ value: 'dave@work.example', type: 'work' }],
      });
    }
    const filter = `/Users?filter=${encodeURIComponent('emails[type eq "work"]')}`;
    expect(ids(strict.send('GET', filter))).toEqual(['id-5']);
    expect(ids(faulty.send('GET', filter))).toEqual(['id-4', 'id-5']);
  },
  'ignore-excluded-attributes': (strict, faulty) => {
    expect(strict.send('GET', '/Users/id-1?excludedAttributes=name').json).not.toHaveProperty('name');
    expect(faulty.send('GET', '/Users/id-1?excludedAttributes=name').json).toHaveProperty('name');
  },
  'ignore-sort': (strict, faulty) => {
    const sorted = '/Users?sortBy=userName&sortOrder=descending';
    expect(ids(strict.send('GET', sorted))).toEqual(['id-2', 'id-1']);
    expect(ids(faulty.send('GET', sorted))).toEqual(['id-1', 'id-2']);
  },
  'put-not-applied': (strict, faulty) => {
    const replacement = { schemas: [USER_SCHEMA], userName: 'bob@example.com', title: 'CTO' };
    expect(strict.send('PUT', '/Users/id-2', replacement).json.title).toBe('CTO');
    expect(faulty.send('PUT', '/Users/id-2', replacement).status).toBe(200);
    expect(faulty.send('GET', '/Users/id-2').json).not.toHaveProperty('title');
  },
  'pathless-patch-ignored': (strict, faulty) => {
    const pathless = patchOp({ op: 'replace', value: { title: 'CTO' } });
    expect(strict.send('PATCH', '/Users/id-1', pathless).json.title).toBe('CTO');
    expect(faulty.send('PATCH', '/Users/id-1', pathless).status).toBe(200);
    expect(faulty.send('GET', '/Users/id-1').json).not.toHaveProperty('title');
  },
  'sub-attribute-replace-clears-parent': (strict, faulty) => {
    const rename = patchOp({ op: 'replace', path: 'name.givenName', value: 'Alicia' });
    expect(strict.send('PATCH', '/Users/id-1', rename).json.name).toEqual({
      givenName: 'Alicia',
      familyName: 'Smith',
    });
    expect(faulty.send('PATCH', '/Users/id-1', rename).json.name).toEqual({ givenName: 'Alicia' });
  },
  'get-returns-list': (strict, faulty) => {
    expect(strict.send('GET', '/Users/id-1').json.id).toBe('id-1');
    expect(faulty.send('GET', '/Users/id-1').json).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 1,
      Resources: [{ id: 'id-1' }],
    });
  },
  'no-request-body-log': (strict, faulty) => {
    for (const { send } of [strict, faulty]) send('POST', '/Users', carol);
    expect(strict.sp.requests().at(-1)?.body).toBe(JSON.stringify(carol));
    expect(faulty.sp.requests().at(-1)).toMatchObject({ method: 'POST', path: '/Users', status: 201 });
    expect(faulty.sp.requests().at(-1)).not.toHaveProperty('body');
  },
  'drop-formatted-address': (strict, faulty) => {
    const withAddress = { ...carol, addresses: [{ type: 'work', locality: 'Leeds' }] };
    expect(strict.send('POST', '/Users', withAddress).json.addresses).toEqual([
      { type: 'work', formatted: 'Leeds' },
    ]);
    expect(faulty.send('POST', '/Users', withAddress).json.addresses).toEqual([
      { type: 'work', locality: 'Leeds' },
    ]);
  },
  'reset-unmanaged-attributes': (strict, faulty) => {
    const title = patchOp({ op: 'replace', path: 'title', value: 'CTO' });
    for (const { send } of [strict, faulty]) expect(send('PATCH', '/Users/id-1', title).status).toBe(200);
    expect(strict.sp.state().users[0]!.local).toEqual({ timezone: 'Europe/Paris' });
    expect(faulty.sp.state().users[0]!.local).toEqual({});
  },
};

test.each(FAULTS.map((fault) => [fault.id, fault.bug] as const))('with %s, the SP %s', (fault) => {
  effects[fault](setup(), setup(fault));
});

test('leaves the SP strict when no switch is on', () => {
  expect(setup().sp.faults).toHaveLength(0);
});
