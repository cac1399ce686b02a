import { expect, test } from 'vitest';
import { USER_SCHEMA, GROUP_SCHEMA, type JsonObject } from '#harness/scim';
import type { ScimFault } from '../../registry.js';
import { patchOp, seedTeam, setupSp } from '../scim/test-support.js';
import { READ_BACK_PROFILE_FAULTS } from './read-back-profile.js';

type ProfileFault = (typeof READ_BACK_PROFILE_FAULTS)[number]['id'];

/** An Interact mock with `faults`, holding users id-1 (alice), id-2 (bob) and group id-3 'Engineering' with alice. */
function setup(...faults: ScimFault[]) {
  const { sp, send, members } = setupSp({ faults });
  seedTeam(sp);
  return { sp, send, members };
}

type Setup = ReturnType<typeof setup>;
const both = (strict: Setup, faulty: Setup): Setup[] => [strict, faulty];
const user = (s: Setup, id = 'id-1'): JsonObject => s.send('GET', `/Users/${id}`).json;
const emailsOf = (s: Setup): unknown[] =>
  ((user(s).emails as JsonObject[] | undefined) ?? []).map((e) => e.value);
const lookup = (name: string): string =>
  `/Groups?filter=${encodeURIComponent(`displayName eq ${JSON.stringify(name)}`)}`;
const found = (res: { json: JsonObject }): unknown[] => (res.json.Resources as JsonObject[]).map((r) => r.id);

/** For each switch: the strict SP and the faulty one, put through the same requests. */
const effects: Record<ProfileFault, (strict: Setup, faulty: Setup) => void> = {
  'patch-first-operation-only': (strict, faulty) => {
    const two = patchOp(
      { op: 'replace', path: 'name.familyName', value: 'Jones' },
      { op: 'replace', path: 'title', value: 'Lead' },
    );
    for (const s of both(strict, faulty)) expect(s.send('PATCH', '/Users/id-1', two).status).toBe(200);
    expect(user(strict).title).toBe('Lead');
    expect((user(faulty).name as JsonObject).familyName).toBe('Jones');
    expect(user(faulty).title).toBeUndefined();
  },
  'replace-keeps-set-value': (strict, faulty) => {
    for (const s of both(strict, faulty)) {
      s.send('PATCH', '/Users/id-1', patchOp({ op: 'replace', path: 'title', value: 'Analyst' }));
      expect(
        s.send('PATCH', '/Users/id-1', patchOp({ op: 'replace', path: 'title', value: 'Lead' })).status,
      ).toBe(200);
    }
    expect(user(strict).title).toBe('Lead');
    expect(user(faulty).title).toBe('Analyst');
  },
  'multi-valued-replace-appends': (strict, faulty) => {
    const set = (value: string) =>
      patchOp({ op: 'replace', path: 'emails', value: [{ type: 'work', primary: true, value }] });
    for (const s of both(strict, faulty)) {
      s.send('PATCH', '/Users/id-1', set('old@example.com'));
      expect(s.send('PATCH', '/Users/id-1', set('new@example.com')).status).toBe(200);
    }
    expect(emailsOf(strict)).toEqual(['new@example.com']);
    expect(emailsOf(faulty)).toEqual(['old@example.com', 'new@example.com']);
  },
  'non-ascii-mangled': (strict, faulty) => {
    const zoe = { schemas: [USER_SCHEMA], userName: 'zoe@example.com', name: { givenName: 'Zoë' } };
    expect((strict.send('POST', '/Users', zoe).json.name as JsonObject).givenName).toBe('Zoë');
    const created = faulty.send('POST', '/Users', zoe);
    expect(created.status).toBe(201);
    expect((created.json.name as JsonObject).givenName).toBe('ZoÃ«');
  },
  'deleted-username-reserved': (strict, faulty) => {
    const bob = { schemas: [USER_SCHEMA], userName: 'bob@example.com' };
    for (const s of both(strict, faulty)) {
      expect(s.send('DELETE', '/Users/id-2').status).toBe(204);
      expect(s.send('GET', '/Users/id-2').status).toBe(404);
    }
    expect(strict.send('POST', '/Users', bob).status).toBe(201);
    expect(faulty.send('POST', '/Users', bob).status).toBe(409);
    expect(faulty.send('POST', '/Users', { ...bob, userName: 'carol@example.com' }).status).toBe(201);
  },
  'member-removed-from-every-group': (strict, faulty) => {
    for (const s of both(strict, faulty)) {
      s.send('POST', '/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Sales',
        members: [{ value: 'id-1' }],
      });
      const remove = patchOp({ op: 'remove', path: 'members[value eq "id-1"]' });
      expect(s.send('PATCH', '/Groups/id-3', remove).status).toBe(200);
    }
    expect(strict.members('id-4')).toEqual(['id-1']);
    expect(faulty.members('id-4')).toEqual([]);
  },
  'filter-escapes-kept': (strict, faulty) => {
    const name = 'R&D "Core" \\ Ops';
    for (const s of both(strict, faulty))
      s.send('POST', '/Groups', { schemas: [GROUP_SCHEMA], displayName: name, members: [] });
    expect(found(strict.send('GET', lookup(name)))).toEqual(['id-4']);
    expect(found(faulty.send('GET', lookup(name)))).toEqual([]);
    expect(found(faulty.send('GET', lookup('Engineering')))).toEqual(['id-3']);
  },
};

test.each(READ_BACK_PROFILE_FAULTS.map((fault) => [fault.id, fault.bug] as const))(
  'with %s, the SP %s',
  (fault) => {
    effects[fault](setup(), setup(fault));
  },
);
