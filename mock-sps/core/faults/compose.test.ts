import { expect, test } from 'vitest';
import { USER_SCHEMA } from '#harness/scim';
import { patchOp, seedTeam, setupSp } from '../scim/test-support.js';

test('puts the response-shape faults outermost, so they shape the errors other faults give too', () => {
  const { send } = setupSp({ faults: ['no-discovery', 'plain-error-bodies'] });
  const res = send('GET', '/Schemas');

  expect(res.status).toBe(404);
  expect(res.headers['content-type']).toBe('application/json');
  expect(Object.keys(res.json)).toEqual(['error']);
});

test('composes the same way whatever order the faults are named in', () => {
  for (const faults of [
    ['numeric-error-status', 'case-sensitive-patch-op'],
    ['case-sensitive-patch-op', 'numeric-error-status'],
  ] as const) {
    const { sp, send } = setupSp({ faults: [...faults] });
    seedTeam(sp);
    const res = send('PATCH', '/Users/id-1', patchOp({ op: 'Replace', path: 'title', value: 'CTO' }));

    expect(res.json).toMatchObject({ status: 400, scimType: 'invalidSyntax' });
    expect(sp.faults.map((fault) => fault.id)).toEqual(['numeric-error-status', 'case-sensitive-patch-op']);
  }
});

test('logs a request as its client sent it, once, however a fault rewrote or split it', () => {
  const { sp, send } = setupSp({ faults: ['ignore-filter', 'non-atomic-patch'] });
  seedTeam(sp);
  const before = sp.requests().length;
  send('GET', `/Users?filter=${encodeURIComponent('userName eq "bob@example.com"')}`);
  const patch = patchOp(
    { op: 'replace', path: 'title', value: 'CTO' },
    { op: 'replace', path: 'nope', value: 1 },
  );
  send('PATCH', '/Users/id-1', patch);
  send('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'carol@example.com' });

  expect(sp.requests().slice(before)).toMatchObject([
    { method: 'GET', path: '/Users', query: { filter: 'userName eq "bob@example.com"' }, status: 200 },
    { method: 'PATCH', path: '/Users/id-1', status: 400, body: JSON.stringify(patch) },
    { method: 'POST', path: '/Users', status: 201 },
  ]);
});

test('logs a refusal a fault gives, and leaves out the requests a fault makes of its own', () => {
  const { sp, send } = setupSp({ faults: ['no-discovery', 'group-delete-deactivates-members'] });
  seedTeam(sp);
  const before = sp.requests().length;
  send('GET', '/ServiceProviderConfig');
  send('DELETE', '/Groups/id-3');

  expect(send('GET', '/Users/id-1').json.active).toBe(false);
  expect(sp.requests().slice(before, before + 2)).toMatchObject([
    { method: 'GET', path: '/ServiceProviderConfig', status: 404 },
    { method: 'DELETE', path: '/Groups/id-3', status: 204 },
  ]);
});
