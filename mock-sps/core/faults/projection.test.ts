import { expect, test } from 'vitest';
import { USER_SCHEMA, type JsonObject } from '#harness/scim';
import { patchOp, seedTeam, setupSp } from '../scim/test-support.js';
import { META_FAULTS } from './meta.js';
import { PROJECTION_FAULTS } from './projection.js';
import { SERVICE_ENDPOINT_FAULTS } from './service-endpoints.js';

const FAULTS = [...PROJECTION_FAULTS, ...SERVICE_ENDPOINT_FAULTS, ...META_FAULTS];
type Fault = (typeof FAULTS)[number]['id'];

/** An Interact mock with `faults`, holding users id-1 (alice Smith), id-2 (bob) and group id-3. */
function setup(...faults: Fault[]) {
  const { sp, send, tick } = setupSp({ faults });
  seedTeam(sp, { givenName: 'Alice', familyName: 'Smith' });
  const first = (path: string) => (send('GET', path).json.Resources as JsonObject[])[0]!;
  return { send, first, tick };
}
type Setup = ReturnType<typeof setup>;
const carol = { schemas: [USER_SCHEMA], userName: 'carol@example.com', title: 'CTO' };
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** For each fault: the strict SP and the faulty one, put through the same requests. */
const effects: Record<Fault, (strict: Setup, faulty: Setup) => void> = {
  'attributes-ignored-on-list': (strict, faulty) => {
    expect(strict.first('/Users?attributes=userName')).not.toHaveProperty('name');
    expect(faulty.first('/Users?attributes=userName')).toHaveProperty('name');
    expect(faulty.send('GET', '/Users/id-1?attributes=userName').json).not.toHaveProperty('name');
  },
  'excluded-attributes-ignored-on-list': (strict, faulty) => {
    expect(strict.first('/Users?excludedAttributes=name')).not.toHaveProperty('name');
    expect(faulty.first('/Users?excludedAttributes=name')).toHaveProperty('name');
  },
  'sub-attribute-returns-parent': (strict, faulty) => {
    expect(strict.send('GET', '/Users/id-1?attributes=name.givenName').json.name).toEqual({
      givenName: 'Alice',
    });
    expect(faulty.send('GET', '/Users/id-1?attributes=name.givenName').json.name).toEqual({
      givenName: 'Alice',
      familyName: 'Smith',
    });
  },
  'urn-attributes-ignored': (strict, faulty) => {
    const path = `/Users/id-1?attributes=${enterprise}:employeeNumber`;
    expect(strict.send('GET', path).json).not.toHaveProperty('name');
    expect(faulty.send('GET', path).json).toHaveProperty('name');
  },
  'attributes-drop-id': (strict, faulty) => {
    expect(strict.send('GET', '/Users/id-1?attributes=userName').json.id).toBe('id-1');
    expect(faulty.send('GET', '/Users/id-1?attributes=userName').json).not.toHaveProperty('id');
    expect(faulty.send('GET', '/Users/id-1?attributes=id,userName').json.id).toBe('id-1');
  },
  'excluded-attributes-removes-id': (strict, faulty) => {
    expect(strict.send('GET', '/Users/id-1?excludedAttributes=id').json.id).toBe('id-1');
    expect(faulty.send('GET', '/Users/id-1?excludedAttributes=id').json).not.toHaveProperty('id');
  },
  'post-ignores-attributes': (strict, faulty) => {
    expect(strict.send('POST', '/Users?attributes=userName', carol).json).not.toHaveProperty('title');
    expect(faulty.send('POST', '/Users?attributes=userName', carol).json.title).toBe('CTO');
  },
  'put-ignores-attributes': (strict, faulty) => {
    const put = (s: Setup) =>
      s.send('PUT', '/Users/id-2?attributes=userName', { ...carol, userName: 'bob@example.com' });
    expect(put(strict).json).not.toHaveProperty('title');
    expect(put(faulty).json.title).toBe('CTO');
  },
  'patch-ignores-attributes': (strict, faulty) => {
    const patch = (s: Setup) =>
      s.send(
        'PATCH',
        '/Users/id-2?attributes=userName',
        patchOp({ op: 'replace', path: 'title', value: 'CTO' }),
      );
    expect(patch(strict).json).not.toHaveProperty('title');
    expect(patch(faulty).json.title).toBe('CTO');
  },
  'search-ignores-body': (strict, faulty) => {
    const search = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName eq "bob@example.com"',
    };
    expect(strict.send('POST', '/Users/.search', search).json.totalResults).toBe(1);
    expect(faulty.send('POST', '/Users/.search', search).json.totalResults).toBe(2);
    expect(faulty.send('POST', '/.search', search).json.totalResults).toBe(3);
  },
  'location-without-base-path': (strict, faulty) => {
    expect(strict.send('POST', '/Users', carol).headers.location).toMatch(
      /\/api\/v2\/scim\/v2\/Users\/id-4$/,
    );
    expect(faulty.send('POST', '/Users', carol).headers.location).toBe(
      'https://acme.interactgo.com/Users/id-4',
    );
  },
  'me-500': (strict, faulty) => {
    expect(strict.send('GET', '/Me').status).toBe(501);
    expect(faulty.send('GET', '/Me').status).toBe(500);
  },
  'meta-resource-type-endpoint-name': (strict, faulty) => {
    expect(strict.send('GET', '/Groups/id-3').json.meta).toMatchObject({ resourceType: 'Group' });
    expect(faulty.send('GET', '/Users/id-1').json.meta).toMatchObject({ resourceType: 'Users' });
  },
  'put-keeps-old-meta': (strict, faulty) => {
    const put = (s: Setup) => s.send('PUT', '/Users/id-2', { ...carol, userName: 'bob@example.com' });
    expect(put(strict).json.meta).toMatchObject({ version: 'W/"2"' });
    expect(put(faulty).json.meta).toMatchObject({ version: 'W/"1"' });
  },
  'patch-keeps-old-meta': (strict, faulty) => {
    const patch = (s: Setup) =>
      s.send('PATCH', '/Users/id-2', patchOp({ op: 'replace', path: 'title', value: 'CTO' }));
    expect(patch(strict).json.meta).toMatchObject({ version: 'W/"2"' });
    expect(patch(faulty).json.meta).toMatchObject({ version: 'W/"1"' });
  },
  'member-change-keeps-old-meta': (strict, faulty) => {
    const add = (s: Setup) =>
      s.send('PATCH', '/Groups/id-3', patchOp({ op: 'add', path: 'members', value: [{ value: 'id-2' }] }));
    expect(add(strict).json.meta).toMatchObject({ version: 'W/"2"' });
    expect(add(faulty).json.meta).toMatchObject({ version: 'W/"1"' });
  },
  'created-is-last-modified': (strict, faulty) => {
    const meta = (s: Setup) => {
      const before = s.send('GET', '/Users/id-2').json.meta as JsonObject;
      s.tick();
      const after = s.send('PATCH', '/Users/id-2', patchOp({ op: 'replace', path: 'title', value: 'CTO' }))
        .json.meta as JsonObject;
      return { before, after };
    };
    const { before, after } = meta(strict);
    expect(after.created).toBe(before.created);
    expect(after.lastModified).not.toBe(before.lastModified);
    const faulty_ = meta(faulty);
    expect(faulty_.after.created).not.toBe(faulty_.before.created);
    expect(faulty_.after.created).toBe(faulty_.after.lastModified);
  },
  'bulk-unsupported-200': (strict, faulty) => {
    expect(strict.send('POST', '/Bulk', { Operations: [] }).status).toBe(501);
    expect(faulty.send('POST', '/Bulk', { Operations: [] }).status).toBe(200);
  },
};

test.each(FAULTS.map((fault) => [fault.id, fault.bug] as const))('with %s, the SP %s', (fault) => {
  effects[fault](setup(), setup(fault));
});
