import { expect, test } from 'vitest';
import { USER_SCHEMA, type JsonObject } from '#harness/scim';
import type { ScimFault } from '../../registry.js';
import { patchOp, seedTeam, setupSp } from '../scim/test-support.js';
import { READ_BACK_FAULTS } from './read-back.js';

type ReadBackFault = (typeof READ_BACK_FAULTS)[number]['id'];

/** An Interact mock with `faults`, holding users id-1 (alice), id-2 (bob) and group id-3 'Engineering' with alice. */
function setup(...faults: ScimFault[]) {
  const { sp, send, members } = setupSp({ faults });
  seedTeam(sp);
  return { sp, send, members: () => members('id-3') };
}

type Setup = ReturnType<typeof setup>;
const both = (strict: Setup, faulty: Setup): Setup[] => [strict, faulty];
const active = (value: unknown) => patchOp({ op: 'replace', path: 'active', value });
const ids = (res: { json: JsonObject }) => (res.json.Resources as JsonObject[]).map((r) => r.id);

/** For each switch: the strict SP and the faulty one, put through the same requests. */
const effects: Record<ReadBackFault, (strict: Setup, faulty: Setup) => void> = {
  'delete-kept': (strict, faulty) => {
    for (const { send } of both(strict, faulty)) expect(send('DELETE', '/Users/id-2').status).toBe(204);
    expect(strict.send('GET', '/Users/id-2').status).toBe(404);
    expect(faulty.send('GET', '/Users/id-2').status).toBe(200);
  },
  'deactivation-not-applied': (strict, faulty) => {
    for (const { send } of both(strict, faulty))
      expect(send('PATCH', '/Users/id-1', active(false)).status).toBe(200);
    expect(strict.send('GET', '/Users/id-1').json.active).toBe(false);
    expect(faulty.send('GET', '/Users/id-1').json.active).not.toBe(false);
    faulty.send('PATCH', '/Users/id-1', patchOp({ op: 'replace', value: { active: false } }));
    expect(faulty.send('GET', '/Users/id-1').json.active).not.toBe(false);
  },
  'reactivation-not-applied': (strict, faulty) => {
    for (const { send } of both(strict, faulty)) {
      send('PATCH', '/Users/id-1', active(false));
      expect(send('PATCH', '/Users/id-1', active(true)).status).toBe(200);
    }
    expect(strict.send('GET', '/Users/id-1').json.active).toBe(true);
    expect(faulty.send('GET', '/Users/id-1').json.active).toBe(false);
  },
  'profile-changes-not-applied': (strict, faulty) => {
    const rename = patchOp({ op: 'replace', path: 'name.familyName', value: 'Jones' });
    for (const { send } of both(strict, faulty))
      expect(send('PATCH', '/Users/id-1', rename).status).toBe(200);
    expect((strict.send('GET', '/Users/id-1').json.name as JsonObject).familyName).toBe('Jones');
    expect(
      (faulty.send('GET', '/Users/id-1').json.name as JsonObject | undefined)?.familyName,
    ).toBeUndefined();
  },
  'create-drops-name': (strict, faulty) => {
    const carol = { schemas: [USER_SCHEMA], userName: 'carol@example.com', name: { givenName: 'Carol' } };
    expect(strict.send('POST', '/Users', carol).json.name).toEqual({ givenName: 'Carol' });
    const created = faulty.send('POST', '/Users', carol);
    expect(created.status).toBe(201);
    expect(created.json.name).toBeUndefined();
  },
  'username-lookup-misses': (strict, faulty) => {
    const lookup = `/Users?filter=${encodeURIComponent('userName eq "bob@example.com"')}`;
    expect(ids(strict.send('GET', lookup))).toEqual(['id-2']);
    expect(ids(faulty.send('GET', lookup))).toEqual([]);
  },
  'member-add-not-applied': (strict, faulty) => {
    const add = patchOp({ op: 'add', path: 'members', value: [{ value: 'id-2' }] });
    for (const { send } of both(strict, faulty)) expect(send('PATCH', '/Groups/id-3', add).status).toBe(200);
    expect(strict.members()).toEqual(['id-1', 'id-2']);
    expect(faulty.members()).toEqual(['id-1']);
  },
  'group-delete-kept': (strict, faulty) => {
    for (const { send } of both(strict, faulty)) expect(send('DELETE', '/Groups/id-3').status).toBe(204);
    expect(strict.send('GET', '/Groups/id-3').status).toBe(404);
    expect(faulty.send('GET', '/Groups/id-3').status).toBe(200);
  },
  'deactivation-wipes-profile': (strict, faulty) => {
    for (const { send } of both(strict, faulty))
      expect(send('PATCH', '/Users/id-1', active(false)).status).toBe(200);
    expect(strict.send('GET', '/Users/id-1').json.name).toEqual({ givenName: 'Alice' });
    expect(faulty.send('GET', '/Users/id-1').json.name).toBeUndefined();
    faulty.send('PATCH', '/Users/id-2', patchOp({ op: 'replace', path: 'title', value: 'x' }));
    expect(faulty.send('GET', '/Users/id-2').json.title).toBe('x');
  },
  'deactivated-hidden-from-lookup': (strict, faulty) => {
    for (const { send } of both(strict, faulty)) send('PATCH', '/Users/id-2', active(false));
    const lookup = `/Users?filter=${encodeURIComponent('userName eq "bob@example.com"')}`;
    expect(ids(strict.send('GET', lookup))).toEqual(['id-2']);
    expect(ids(faulty.send('GET', lookup))).toEqual([]);
    expect(ids(faulty.send('GET', '/Users'))).toEqual(['id-1', 'id-2']);
  },
  'start-index-ignored': (strict, faulty) => {
    const second = '/Users?startIndex=2&count=1';
    expect(ids(strict.send('GET', second))).toEqual(['id-2']);
    expect(ids(faulty.send('GET', second))).toEqual(['id-1']);
  },
};

test.each(READ_BACK_FAULTS.map((fault) => [fault.id, fault.bug] as const))('with %s, the SP %s', (fault) => {
  effects[fault](setup(), setup(fault));
});
