import { describe, expect, test } from 'vitest';
import { PATCH_OP_SCHEMA, USER_SCHEMA, type JsonObject } from '#harness/scim';
import type { ScimFault } from '../registry.js';
import { MockSp } from '../core/mock-sp.js';
import { sparkpostProfile } from './profile.js';
import { SparkPostRefusal, type SparkPostAdmin } from './quirks.js';

const BASE = '/api/v1/users/scim/v2';

function sparkpost(options: { faults?: ScimFault[]; region?: string; tenant?: string } = {}) {
  let seq = 0;
  const sp = new MockSp(sparkpostProfile, { newId: () => `id-${++seq}`, ...options });
  const send = (method: string, path: string, body?: unknown, token: string = sp.token) => {
    const response = sp.handle({
      method,
      url: `${BASE}${path}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { ...response, json: (response.body ? JSON.parse(response.body) : {}) as JsonObject };
  };
  return { sp, send, admin: sp.admin as SparkPostAdmin };
}

const ada = {
  schemas: [USER_SCHEMA],
  userName: 'ada',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  active: true,
};
const patch = (...Operations: JsonObject[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });

describe('SparkPost SCIM', () => {
  test('answers at /api/v1/users/scim/v2 on its US, EU and enterprise tenant hosts (SPK-03)', () => {
    expect(sparkpost().sp.scimBaseUrl).toBe('https://api.sparkpost.com/api/v1/users/scim/v2');
    expect(sparkpost({ region: 'eu' }).sp.scimBaseUrl).toBe(
      'https://api.eu.sparkpost.com/api/v1/users/scim/v2',
    );
    expect(sparkpost({ region: 'enterprise', tenant: 'globex' }).sp.scimBaseUrl).toBe(
      'https://globex.api.e.sparkpost.com/api/v1/users/scim/v2',
    );
  });

  test('starts as a configured Premier account whose token works', () => {
    const { admin, send } = sparkpost();
    expect([admin.plan, admin.ssoConfigured, admin.scimTokenGenerated]).toEqual(['premier', true, true]);
    expect(send('GET', '/Users').status).toBe(200);
  });

  test('generates a SCIM token only with SSO configured, on Premier or Enterprise (SPK-02)', () => {
    const { admin, send, sp } = sparkpost();
    const old = sp.token;
    admin.resetAccount();
    expect(send('GET', '/Users', undefined, old).json.detail).toMatch(/No SCIM token has been generated/);
    expect(() => admin.generateScimToken()).toThrow(/single sign-on first/);
    admin.configureSso();
    expect(() => admin.generateScimToken()).toThrow(SparkPostRefusal);
    expect(() => admin.generateScimToken()).toThrow(/Premier or Enterprise/);
    admin.setPlan('enterprise');
    const token = admin.generateScimToken();
    expect(sp.token).toBe(token);
    expect(send('GET', '/Users', undefined, token).status).toBe(200);
    admin.setPlan('starter');
    expect(send('GET', '/Users', undefined, token).status).toBe(403);
  });

  test('with token-without-sso or ignore-plan, gives a token it must refuse', () => {
    const noSso = sparkpost({ faults: ['token-without-sso'] }).admin;
    noSso.resetAccount({ plan: 'premier' });
    expect(typeof noSso.generateScimToken()).toBe('string');
    const anyPlan = sparkpost({ faults: ['ignore-plan'] }).admin;
    anyPlan.resetAccount({ plan: 'starter' });
    anyPlan.configureSso();
    expect(typeof anyPlan.generateScimToken()).toBe('string');
  });

  test('keeps name.givenName and name.familyName as its own firstName and lastName (SPK-04)', () => {
    const { send, sp } = sparkpost();
    expect(send('POST', '/Users', ada).json.name).toEqual({ givenName: 'Ada', familyName: 'Lovelace' });
    const [stored] = sp.state().users;
    expect(stored!.local).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace' });
    send('PATCH', '/Users/id-1', patch({ op: 'replace', path: 'name.familyName', value: 'King' }));
    expect(sp.state().users[0]!.local).toMatchObject({ firstName: 'Ada', lastName: 'King' });
    expect(send('GET', '/Users/id-1').json.name).toEqual({ givenName: 'Ada', familyName: 'King' });
  });

  test('with swap-first-last-name, stores the names the wrong way round', () => {
    const { send, sp } = sparkpost({ faults: ['swap-first-last-name'] });
    send('POST', '/Users', ada);
    expect(sp.state().users[0]!.local).toMatchObject({ firstName: 'Lovelace', lastName: 'Ada' });
  });

  test('serves no /Groups, unless accepts-group-calls is on (SPK-04)', () => {
    expect(sparkpost().send('GET', '/Groups').status).toBe(404);
    expect(
      sparkpost({ faults: ['accepts-group-calls'] }).send('POST', '/Groups', { displayName: 'X' }).status,
    ).toBe(201);
  });

  test('shows a user suspended in SparkPost as inactive, unless suspended-listed-active is on (SPK-05)', () => {
    const { sp, send } = sparkpost();
    const seeded = sp.seedUser({ userName: 'grace', active: false });
    expect(send('GET', `/Users/${seeded}`).json.active).toBe(false);
    send('POST', '/Users', ada);
    sp.setLocalAttributes('id-2', { suspended: true });
    expect(send('GET', '/Users?filter=active%20eq%20false').json.totalResults).toBe(2);
    // An update that does not touch active leaves the admin's suspension in place.
    send('PATCH', '/Users/id-2', patch({ op: 'replace', path: 'name.givenName', value: 'Augusta' }));
    expect(send('GET', '/Users/id-2').json.active).toBe(false);
    send('PATCH', '/Users/id-2', patch({ op: 'replace', path: 'active', value: true }));
    expect(send('GET', '/Users/id-2').json.active).toBe(true);

    const faulty = sparkpost({ faults: ['suspended-listed-active'] });
    const hidden = faulty.sp.seedUser({ userName: 'grace', active: false });
    expect(faulty.send('GET', `/Users/${hidden}`).json.active).toBe(true);
  });

  test('answers 404 on an enterprise host with enterprise-host-unserved', () => {
    expect(
      sparkpost({ region: 'enterprise', faults: ['enterprise-host-unserved'] }).send('GET', '/Users').status,
    ).toBe(404);
    expect(
      sparkpost({ region: 'eu', faults: ['enterprise-host-unserved'] }).send('GET', '/Users').status,
    ).toBe(200);
  });
});
