import { describe, expect, test } from 'vitest';
import { PATCH_OP_SCHEMA, USER_SCHEMA, type JsonObject } from '#harness/scim';
import type { ScimFault } from '../registry.js';
import { MockSp } from '../core/mock-sp.js';
import { ENTERPRISE_USER } from './departments.js';
import { profitcoProfile } from './profile.js';
import type { ProfitcoAdmin } from './quirks.js';

const BASE = '/scim/v2';

function profitco(options: { faults?: ScimFault[]; region?: string } = {}) {
  let seq = 0;
  const sp = new MockSp(profitcoProfile, {
    token: 'api123:scim456',
    newId: () => `id-${++seq}`,
    ...options,
  });
  const send = (method: string, path: string, body?: unknown, token: string | null = sp.token) => {
    const response = sp.handle({
      method,
      url: `${BASE}${path}`,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        'content-type': 'application/scim+json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { ...response, json: (response.body ? JSON.parse(response.body) : {}) as JsonObject };
  };
  return { sp, send, admin: sp.admin as ProfitcoAdmin };
}

const user = (userName: string, extra: JsonObject = {}): JsonObject => ({
  schemas: [USER_SCHEMA, ENTERPRISE_USER],
  userName,
  emails: [{ value: userName, type: 'work', primary: true }],
  active: true,
  ...extra,
});
const patch = (...Operations: JsonObject[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations });
const departmentOf = (json: JsonObject) => (json[ENTERPRISE_USER] as JsonObject | undefined)?.department;

describe('Profit.co SCIM', () => {
  test('answers on the US api host and the EU eu host (PCO-02)', () => {
    expect(profitco().sp.scimBaseUrl).toBe('https://api.profit.co/scim/v2');
    expect(profitco({ region: 'eu' }).sp.scimBaseUrl).toBe('https://eu.profit.co/scim/v2');
  });

  test('issues its token as "<API Key>:<SCIM Key>", from the default random token too (PCO-02)', () => {
    const { admin, sp } = profitco();
    expect([admin.apiKey, admin.scimKey, sp.token]).toEqual(['api123', 'scim456', 'api123:scim456']);
    const random = new MockSp(profitcoProfile);
    const keys = random.admin as ProfitcoAdmin;
    expect(random.token).toBe(`${keys.apiKey}:${keys.scimKey}`);
  });

  test('refuses a malformed token with a 401 naming the format, and a wrong pair without (PCO-02)', () => {
    const { send } = profitco();
    expect(send('GET', '/Users').status).toBe(200);
    for (const token of ['scim456', 'api123', 'api123scim456', 'api123:scim456:x']) {
      const res = send('GET', '/Users', undefined, token);
      expect(res.status).toBe(401);
      expect(res.json.detail).toContain('<API Key>:<SCIM Key>');
    }
    expect(send('GET', '/Users', undefined, 'scim456:api123').json.detail).toMatch(
      /not this Profit\.co account/,
    );
    expect(send('GET', '/Users', undefined, null).status).toBe(401);
  });

  test('with accept-malformed-token, takes the SCIM Key alone', () => {
    expect(
      profitco({ faults: ['accept-malformed-token'] }).send('GET', '/Users', undefined, 'scim456').status,
    ).toBe(200);
  });

  test('answers DELETE of a user with 405 and keeps the user (PCO-07)', () => {
    const { send, sp } = profitco();
    send('POST', '/Users', user('a@example.com'));
    const res = send('DELETE', '/Users/id-1');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, PUT, PATCH');
    expect(sp.state().users).toHaveLength(1);
    expect(send('DELETE', '/Users/id-1', undefined, 'wrong:token').status).toBe(401);
  });

  test('serves no /Groups, unless serves-groups is on (PCO-04)', () => {
    expect(profitco().send('GET', '/Groups').status).toBe(404);
    const faulty = profitco({ faults: ['serves-groups'] });
    expect(faulty.send('GET', '/Groups').status).toBe(200);
    expect(faulty.send('POST', '/Groups', { displayName: 'X' }).status).toBe(201);
  });

  test('stores only givenName, familyName, email, active, title and department (PCO-05)', () => {
    const { send } = profitco();
    const res = send(
      'POST',
      '/Users',
      user('a@example.com', {
        name: { givenName: 'Ada', familyName: 'Byron', middleName: 'King' },
        displayName: 'Ada',
        title: 'Engineer',
        locale: 'en_GB',
        phoneNumbers: [{ value: '+44', type: 'work' }],
        [ENTERPRISE_USER]: { department: 'R&D', employeeNumber: '7' },
      }),
    );
    expect(res.status).toBe(201);
    const { id, meta, ...stored } = res.json;
    expect(id).toBe('id-1');
    expect(meta).toBeDefined();
    expect(stored).toEqual({
      ...user('a@example.com'),
      name: { givenName: 'Ada', familyName: 'Byron' },
      title: 'Engineer',
      [ENTERPRISE_USER]: { department: 'R&D' },
    });
    expect(send('POST', '/Users', user('b@example.com')).json.schemas).toEqual([USER_SCHEMA]);
  });

  test.each(['__proto__', 'constructor', 'prototype'])(
    'reads an attribute named %s as an unknown attribute, not as Object’s',
    (name) => {
      const { send } = profitco();
      // Parsed, so the name is an own key of the body, as it is of any body the SP parses.
      const body: unknown = JSON.parse(
        `{"schemas":["${USER_SCHEMA}"],"userName":"a@example.com","${name}":{"polluted":true}}`,
      );
      const res = send('POST', '/Users', body);
      expect(res.status).toBeLessThan(500);
      expect(Object.hasOwn(res.json, name)).toBe(false);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  );

  test('with drop-title or keep-unsupported-attributes, stores the wrong set', () => {
    const body = user('a@example.com', { title: 'Engineer', displayName: 'Ada' });
    expect(profitco({ faults: ['drop-title'] }).send('POST', '/Users', body).json.title).toBeUndefined();
    expect(
      profitco({ faults: ['keep-unsupported-attributes'] }).send('POST', '/Users', body).json.displayName,
    ).toBe('Ada');
  });

  test('merges departments, skips disabled ones, creates unknown ones (PCO-06)', () => {
    const { send, admin, sp } = profitco();
    admin.addDepartment('Engineering');
    admin.addDepartment('Finance', { enabled: false });
    const dept = (department: string) => ({ [ENTERPRISE_USER]: { department } });
    expect(departmentOf(send('POST', '/Users', user('a@example.com', dept('engineering'))).json)).toBe(
      'Engineering',
    );
    expect(departmentOf(send('POST', '/Users', user('b@example.com', dept('Finance'))).json)).toBeUndefined();
    send('POST', '/Users', user('c@example.com', dept('Marketing')));
    send('POST', '/Users', user('d@example.com', dept('MARKETING')));
    expect(admin.departments()).toEqual([
      { id: 'dept-1', name: 'Engineering', enabled: true },
      { id: 'dept-2', name: 'Finance', enabled: false },
      { id: 'dept-3', name: 'Marketing', enabled: true },
    ]);
    expect(sp.state().users.map((u) => u.local.departmentId)).toEqual([
      'dept-1',
      undefined,
      'dept-3',
      'dept-3',
    ]);
    // A move into a disabled department leaves the user where it was.
    const moved = send(
      'PATCH',
      '/Users/id-1',
      patch({ op: 'replace', path: `${ENTERPRISE_USER}:department`, value: 'Finance' }),
    );
    expect(departmentOf(moved.json)).toBe('Engineering');
    expect(() => admin.addDepartment('FINANCE')).toThrow(TypeError);
  });

  test('with duplicate-department or place-in-disabled-department, breaks PCO-06', () => {
    const duplicate = profitco({ faults: ['duplicate-department'] });
    duplicate.admin.addDepartment('Engineering', { enabled: false });
    duplicate.send(
      'POST',
      '/Users',
      user('a@example.com', { [ENTERPRISE_USER]: { department: 'Engineering' } }),
    );
    expect(duplicate.admin.departments().map((d) => d.name)).toEqual(['Engineering', 'Engineering']);
    const disabled = profitco({ faults: ['place-in-disabled-department'] });
    disabled.admin.addDepartment('Finance', { enabled: false });
    const res = disabled.send(
      'POST',
      '/Users',
      user('a@example.com', { [ENTERPRISE_USER]: { department: 'Finance' } }),
    );
    expect(departmentOf(res.json)).toBe('Finance');
  });

  test('deactivates and reactivates, unless ignore-reactivation is on (PCO-07)', () => {
    for (const [faults, reactivated] of [
      [[], true],
      [['ignore-reactivation'], false],
    ] as const) {
      const { send } = profitco({ faults: [...faults] });
      send('POST', '/Users', user('a@example.com'));
      expect(
        send('PATCH', '/Users/id-1', patch({ op: 'replace', path: 'active', value: false })).json.active,
      ).toBe(false);
      expect(
        send('PATCH', '/Users/id-1', patch({ op: 'replace', path: 'active', value: true })).json.active,
      ).toBe(reactivated);
    }
  });

  test('answers 404 on the EU host with eu-host-unserved, the US host still served', () => {
    expect(profitco({ region: 'eu', faults: ['eu-host-unserved'] }).send('GET', '/Users').status).toBe(404);
    expect(profitco({ faults: ['eu-host-unserved'] }).send('GET', '/Users').status).toBe(200);
  });
});

describe('token rotation', () => {
  test('issues a new token in the <API Key>:<SCIM Key> form, which the SP accepts and the old one no longer is', () => {
    const sp = new MockSp(profitcoProfile);
    const old = sp.token;
    const rotated = sp.rotateToken();
    expect(rotated).toMatch(/^[^:\s]+:[^:\s]+$/);
    expect(rotated).not.toBe(old);
    const get = (token: string) =>
      sp.handle({
        method: 'GET',
        url: `${sp.scimBaseUrl}/Users`,
        headers: { authorization: `Bearer ${token}` },
      }).status;
    expect(get(rotated)).toBe(200);
    expect(get(old)).toBe(401);
  });
});
