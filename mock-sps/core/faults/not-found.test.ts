import { expect, test } from 'vitest';
import { USER_SCHEMA, type JsonObject } from '#harness/scim';
import { patchOp, seedTeam, setupSp } from '../scim/test-support.js';
import { NOT_FOUND_FAULTS } from './not-found.js';

type NotFoundFault = (typeof NOT_FOUND_FAULTS)[number]['id'];

/** An Interact mock with `fault`, holding users id-1 (alice), id-2 (bob) and group id-3 'Engineering'. */
function setup(...faults: NotFoundFault[]) {
  const { sp, send } = setupSp({ faults });
  seedTeam(sp);
  const ids = (query = '') =>
    ((send('GET', `/Users${query}`).json.Resources ?? []) as JsonObject[]).map((r) => r.id);
  return { sp, send, ids };
}

type Setup = ReturnType<typeof setup>;
const both = (strict: Setup, faulty: Setup): Setup[] => [strict, faulty];
const UNKNOWN = '/Users/no-such-id';
const bob = { schemas: [USER_SCHEMA], userName: 'bob@example.com' };
const title = patchOp({ op: 'replace', path: 'title', value: 'Back' });
const bobLookup = `?filter=${encodeURIComponent('userName eq "bob@example.com"')}`;

/** For each fault: the strict SP and the faulty one, put through the same requests. */
const effects: Record<NotFoundFault, (strict: Setup, faulty: Setup) => void> = {
  'delete-deactivates': (strict, faulty) => {
    for (const { send } of both(strict, faulty)) expect(send('DELETE', '/Users/id-2').status).toBe(204);
    expect(strict.send('GET', '/Users/id-2').status).toBe(404);
    const kept = faulty.send('GET', '/Users/id-2');
    expect(kept.status).toBe(200);
    expect(kept.json.active).toBe(false);
    expect(faulty.send('DELETE', UNKNOWN).status).toBe(404);
  },
  'deleted-user-patch-resurrects': (strict, faulty) => {
    for (const { send, ids } of both(strict, faulty)) {
      expect(send('DELETE', '/Users/id-2').status).toBe(204);
      expect(send('GET', '/Users/id-2').status).toBe(404);
      expect(ids()).toEqual(['id-1']);
      expect(send('PUT', '/Users/id-2', bob).status).toBe(404);
      expect(send('DELETE', '/Users/id-2').status).toBe(404);
    }
    expect(strict.send('PATCH', '/Users/id-2', title).status).toBe(404);
    expect(faulty.send('PATCH', '/Users/id-2', title).status).toBe(200);
    expect(faulty.send('GET', '/Users/id-2').json.title).toBe('Back');
    expect(faulty.ids()).toEqual(['id-1', 'id-2']);
  },
  'deleted-users-listed': (strict, faulty) => {
    for (const { send } of both(strict, faulty)) {
      expect(send('DELETE', '/Users/id-2').status).toBe(204);
      expect(send('GET', '/Users/id-2').status).toBe(404);
      expect(send('PATCH', '/Users/id-2', title).status).toBe(404);
    }
    expect(strict.ids(bobLookup)).toEqual([]);
    expect(faulty.ids(bobLookup)).toEqual(['id-2']);
    expect(faulty.ids()).toEqual(['id-1', 'id-2']);
  },
  'patch-unknown-succeeds': (strict, faulty) => {
    expect(strict.send('PATCH', UNKNOWN, title).status).toBe(404);
    expect(faulty.send('PATCH', UNKNOWN, title).status).toBe(204);
    expect(faulty.send('PATCH', '/Groups/no-such-id', title).status).toBe(204);
    expect(faulty.send('GET', UNKNOWN).status).toBe(404);
    expect(faulty.send('PATCH', '/Users/id-1', title).status).toBe(200);
  },
  'put-upserts': (strict, faulty) => {
    const carol = { schemas: [USER_SCHEMA], userName: 'carol@example.com' };
    expect(strict.send('PUT', UNKNOWN, carol).status).toBe(404);
    const created = faulty.send('PUT', UNKNOWN, carol);
    expect(created.status).toBe(201);
    expect(faulty.send('GET', `/Users/${String(created.json.id)}`).json.userName).toBe('carol@example.com');
    expect(strict.ids()).toEqual(['id-1', 'id-2']);
  },
  'delete-unknown-204': (strict, faulty) => {
    for (const { send } of both(strict, faulty)) expect(send('DELETE', '/Users/id-2').status).toBe(204);
    expect(strict.send('DELETE', '/Users/id-2').status).toBe(404);
    expect(faulty.send('DELETE', '/Users/id-2').status).toBe(204);
    expect(faulty.send('DELETE', '/Groups/no-such-id').status).toBe(204);
  },
  'unknown-group-500': (strict, faulty) => {
    expect(strict.send('GET', '/Groups/no-such-id').status).toBe(404);
    expect(faulty.send('GET', '/Groups/no-such-id').status).toBe(500);
    expect(faulty.send('GET', '/Groups/id-3').status).toBe(200);
    expect(faulty.send('GET', UNKNOWN).status).toBe(404);
  },
};

test.each(NOT_FOUND_FAULTS.map((fault) => [fault.id, fault.bug] as const))('with %s, the SP %s', (fault) => {
  effects[fault](setup(), setup(fault));
});
