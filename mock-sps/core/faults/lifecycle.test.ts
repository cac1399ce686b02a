import { expect, test } from 'vitest';
import type { JsonObject } from '#harness/scim';
import type { ScimFault } from '../../registry.js';
import { patchOp, seedTeam, setupSp } from '../scim/test-support.js';
import { LIFECYCLE_FAULTS } from './lifecycle.js';

type LifecycleSpFault = (typeof LIFECYCLE_FAULTS)[number]['id'];

/** An Interact mock with `faults`, holding users id-1 (alice), id-2 (bob) and group id-3 'Engineering' with alice. */
function setup(...faults: ScimFault[]) {
  const { sp, send, members } = setupSp({ faults });
  seedTeam(sp);
  return { sp, send, members: () => members('id-3') };
}

type Setup = ReturnType<typeof setup>;
const ids = (res: { json: JsonObject }) => (res.json.Resources as JsonObject[]).map((r) => r.id);
const deactivate = patchOp({ op: 'replace', path: 'active', value: false });

/** For each switch: the strict SP and the faulty one, put through the same requests. */
const effects: Record<LifecycleSpFault, (strict: Setup, faulty: Setup) => void> = {
  'display-name-filter-ignored': (strict, faulty) => {
    for (const { sp } of [strict, faulty]) sp.seedGroup({ displayName: 'Sales' });
    const filter = `/Groups?filter=${encodeURIComponent('displayName eq "Sales"')}`;
    expect(ids(strict.send('GET', filter))).toEqual(['id-4']);
    expect(ids(faulty.send('GET', filter))).toEqual(['id-3', 'id-4']);
    expect(
      ids(faulty.send('GET', `/Users?filter=${encodeURIComponent('userName eq "bob@example.com"')}`)),
    ).toEqual(['id-2']);
  },
  'rename-not-applied': (strict, faulty) => {
    const rename = patchOp({ op: 'replace', path: 'displayName', value: 'Platform' });
    expect(strict.send('PATCH', '/Groups/id-3', rename).json.displayName).toBe('Platform');
    expect(faulty.send('PATCH', '/Groups/id-3', rename).status).toBe(200);
    expect(faulty.send('GET', '/Groups/id-3').json.displayName).toBe('Engineering');
    const pathless = patchOp({ op: 'replace', value: { displayName: 'Platform' } });
    expect(faulty.send('PATCH', '/Groups/id-3', pathless).json.displayName).toBe('Engineering');
    const replacement = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Platform' };
    expect(faulty.send('PUT', '/Groups/id-3', replacement).json.displayName).toBe('Engineering');
  },
  'member-value-remove-ignored': (strict, faulty) => {
    const remove = patchOp({ op: 'remove', path: 'members', value: [{ value: 'id-1' }] });
    strict.send('PATCH', '/Groups/id-3', remove);
    expect(strict.members()).toEqual([]);
    expect(faulty.send('PATCH', '/Groups/id-3', remove).status).toBe(200);
    expect(faulty.members()).toEqual(['id-1']);
    faulty.send('PATCH', '/Groups/id-3', patchOp({ op: 'remove', path: 'members[value eq "id-1"]' }));
    expect(faulty.members()).toEqual([]);
  },
  'group-delete-deactivates-members': (strict, faulty) => {
    for (const { send } of [strict, faulty]) expect(send('DELETE', '/Groups/id-3').status).toBe(204);
    expect(strict.send('GET', '/Users/id-1').json.active).not.toBe(false);
    expect(faulty.send('GET', '/Users/id-1').json.active).toBe(false);
    expect(faulty.send('GET', '/Users/id-2').json.active).not.toBe(false);
  },
  'deactivation-drops-memberships': (strict, faulty) => {
    for (const { send } of [strict, faulty])
      expect(send('PATCH', '/Users/id-1', deactivate).status).toBe(200);
    expect(strict.members()).toEqual(['id-1']);
    expect(faulty.members()).toEqual([]);
  },
};

test.each(LIFECYCLE_FAULTS.map((fault) => [fault.id, fault.bug] as const))('with %s, the SP %s', (fault) => {
  effects[fault](setup(), setup(fault));
});
