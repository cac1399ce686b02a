import { expect, test } from 'vitest';
import { PATCH_OP_SCHEMA, USER_SCHEMA, type JsonObject } from '#harness/scim';
import type { ScimFault } from '../registry.js';
import { MockSp } from '../core/mock-sp.js';
import { salesforceProfile } from './profile.js';
import type { SalesforceAdmin } from './quirks.js';

const TOKEN = 'sf-admin-token';
const BASE = '/services/scim/v2';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A Salesforce org answering `TOKEN`, with a `send` that parses the JSON answer. */
function org(...faults: ScimFault[]) {
  let seq = 0;
  const sp = new MockSp(salesforceProfile, { token: TOKEN, faults, newId: () => `005-${++seq}` });
  const send = (method: string, path: string, body?: unknown) => {
    const response = sp.handle({
      method,
      url: `${BASE}${path}`,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: JSON.parse(response.body ?? '{}') as JsonObject };
  };
  const create = (fields: JsonObject) => send('POST', '/Users', { schemas: [USER_SCHEMA], ...fields });
  const patch = (id: string, ...operations: JsonObject[]) =>
    send('PATCH', `/Users/${id}`, { schemas: [PATCH_OP_SCHEMA], Operations: operations });
  const local = (id: string) => sp.state().users.find((user) => user.id === id)?.local ?? {};
  return { sp, send, create, patch, local, admin: sp.admin as SalesforceAdmin };
}

const email = (value: string) => [{ value, type: 'work', primary: true }];

test('answers SCIM under /services/scim/v2 on the My Domain, a Sandbox on its own host (SF-01)', () => {
  expect(new MockSp(salesforceProfile).scimBaseUrl).toBe('https://acme.my.salesforce.com/services/scim/v2');
  const sandbox = new MockSp(salesforceProfile, { region: 'sandbox' });
  expect(sandbox.scimBaseUrl).toBe('https://acme--sandbox.sandbox.my.salesforce.com/services/scim/v2');
  expect((sandbox.admin as SalesforceAdmin).environment).toBe('sandbox');
  expect((sandbox.admin as SalesforceAdmin).signIn.username).toMatch(/\.sandbox$/);
});

test('refuses a username that is not an email, or holds a +, and one taken in another org (SF-02)', () => {
  const { create, admin } = org();
  expect(create({ userName: 'jdoe' })).toMatchObject({ status: 400, json: { scimType: 'invalidValue' } });
  const plus = create({ userName: 'j+doe@example.com' });
  expect(plus).toMatchObject({ status: 400, json: { scimType: 'invalidValue' } });
  expect(plus.json.detail).toMatch(/'\+'/);
  admin.reserveUsername('Taken@Example.com');
  const taken = create({ userName: 'taken@example.com' });
  expect(taken).toMatchObject({ status: 409, json: { scimType: 'uniqueness' } });
  expect(taken.json.detail).toMatch(/another Salesforce organization/);
  expect(create({ userName: "o'brien.j-d_1@example.com" }).status).toBe(201);
});

test('the username faults accept what Salesforce refuses (SF-02)', () => {
  expect(org('allow-non-email-username').create({ userName: 'jdoe' }).status).toBe(201);
  expect(org('allow-plus-in-username').create({ userName: 'j+doe@example.com' }).status).toBe(201);
  const registry = org('no-cross-org-registry');
  registry.admin.reserveUsername('taken@example.com');
  expect(registry.create({ userName: 'taken@example.com' }).status).toBe(201);
});

test('creates users as Standard User with en_US and no nickname, keeping a profile that is sent (SF-03, SF-05)', () => {
  const { create } = org();
  const plain = create({ userName: 'a@example.com', nickName: null });
  expect(plain.json).toMatchObject({
    entitlements: [{ type: 'profile', primary: true, value: 'Standard User' }],
    locale: 'en_US',
    preferredLanguage: 'en_US',
  });
  expect(plain.json).not.toHaveProperty('nickName');
  const custom = create({
    userName: 'b@example.com',
    entitlements: [{ value: 'Custom: Sales' }],
    locale: 'en_GB',
  });
  expect(custom.json).toMatchObject({ entitlements: [{ value: 'Custom: Sales' }], locale: 'en_GB' });
  const bare = org('no-default-entitlement', 'no-language-default').create({ userName: 'c@example.com' });
  expect(bare.json).not.toHaveProperty('entitlements');
  expect(bare.json).not.toHaveProperty('locale');
});

test('an email change waits for confirmation: the old email stays and the new one is pending (SF-04)', () => {
  const { create, patch, local } = org();
  const { json } = create({ userName: 'a@example.com', emails: email('a@example.com') });
  const id = json.id as string;
  const changed = patch(id, { op: 'replace', path: 'emails', value: email('new@example.com') });
  expect(changed.status).toBe(200);
  expect(changed.json.emails).toEqual(email('a@example.com'));
  expect(local(id).pendingEmail).toBe('new@example.com');
  expect(patch(id, { op: 'replace', path: 'title', value: 'Lead' }).json.emails).toEqual(
    email('a@example.com'),
  );
  const faulty = org('apply-email-change');
  const user = faulty.create({ userName: 'a@example.com', emails: email('a@example.com') });
  const applied = faulty.patch(user.json.id as string, {
    op: 'replace',
    path: 'emails',
    value: email('n@example.com'),
  });
  expect(applied.json.emails).toEqual(email('n@example.com'));
});

test('refuses a second address or phone number naming the limit (SF-06)', () => {
  const { create } = org();
  const addresses = create({
    userName: 'a@example.com',
    addresses: [{ locality: 'Paris' }, { locality: 'Lyon' }],
  });
  expect(addresses).toMatchObject({ status: 400, json: { scimType: 'invalidValue' } });
  expect(addresses.json.detail).toMatch(/at most one address/);
  const phones = create({ userName: 'b@example.com', phoneNumbers: [{ value: '1' }, { value: '2' }] });
  expect(phones.json.detail).toMatch(/at most one phone number/);
  expect(org('accept-many-addresses').create({ userName: 'c@example.com', addresses: [{}, {}] }).status).toBe(
    201,
  );
});

test('with the country/state picklists on, an address country or region is refused (SF-07)', () => {
  const { create, admin } = org();
  const address = [{ type: 'work', locality: 'Austin', region: 'Texas', country: 'US' }];
  expect(create({ userName: 'a@example.com', addresses: address }).status).toBe(201);
  admin.setStateCountryPicklists(true);
  const refused = create({ userName: 'b@example.com', addresses: address });
  expect(refused).toMatchObject({ status: 400, json: { scimType: 'invalidValue' } });
  expect(refused.json.detail).toMatch(/Picklists are enabled.*country and region cannot be set/);
  expect(create({ userName: 'c@example.com', addresses: [{ locality: 'Austin' }] }).status).toBe(201);
  const lax = org('ignore-picklists');
  lax.admin.setStateCountryPicklists(true);
  expect(lax.create({ userName: 'd@example.com', addresses: address }).status).toBe(201);
});

test('keeps the enterprise extension, which a fault drops (SF-09)', () => {
  const extension = { [ENTERPRISE]: { employeeNumber: 'E1', department: 'Sales', organization: 'Acme' } };
  const body = { userName: 'a@example.com', schemas: [USER_SCHEMA, ENTERPRISE], ...extension };
  expect(org().create(body).json[ENTERPRISE]).toEqual(extension[ENTERPRISE]);
  expect(org('drop-enterprise-extension').create(body).json).not.toHaveProperty(ENTERPRISE);
});

test('SCIM never sets the Federation ID; the one the admin set survives SCIM writes (SF-10)', () => {
  const { sp, create, patch, local } = org();
  const id = create({ userName: 'a@example.com', externalId: 'ext-1', federationId: 'sneaky' }).json
    .id as string;
  expect(local(id).federationId).toBeUndefined();
  sp.setLocalAttributes(id, { federationId: 'FED-1' });
  patch(
    id,
    { op: 'replace', path: 'externalId', value: 'ext-2' },
    { op: 'replace', path: 'federationId', value: 'x' },
  );
  expect(local(id).federationId).toBe('FED-1');
  expect(sp.samlUsers().find((user) => user.id === id)?.federationId).toBe('FED-1');
  const faulty = org('federation-id-from-scim');
  const other = faulty.create({ userName: 'b@example.com', externalId: 'ext-1' }).json.id as string;
  expect(faulty.local(other).federationId).toBe('ext-1');
});
