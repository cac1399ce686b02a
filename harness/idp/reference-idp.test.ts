import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockSps } from '#registry';
import { MockSp, inProcessFetch } from '#mock-sps';
import { ScimClient, type FetchLike } from '#harness/scim';
import { interactCatalog } from '../../mock-sps/interact/idp.js';
import { profitcoCatalog } from '../../mock-sps/profitco/idp.js';
import type { IdpFaultRecord } from './faults/index.js';
import { IdpError, ReferenceIdp } from './reference-idp.js';

/** A SCIM endpoint that refuses everything, standing in for a server with a wrong token. */
const refusing: FetchLike = async () =>
  new Response(
    JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '401',
      detail: 'bad token',
    }),
    {
      status: 401,
      headers: { 'content-type': 'application/scim+json' },
    },
  );

describe('ReferenceIdp', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('activates two IdPs against one app within the same millisecond, though the app keeps each test user', async () => {
    // Profit.co keeps the connection test's user (deactivated), so a repeated test userName answers 409.
    vi.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000);
    const sp = new MockSp(mockSps.profitco);
    const connection = { baseUrl: sp.scimBaseUrl!, token: sp.token };
    for (const idp of [
      new ReferenceIdp({ fetch: inProcessFetch([sp]) }),
      new ReferenceIdp({ fetch: inProcessFetch([sp]) }),
    ])
      await idp.activateIdm(idp.createApplication(profitcoCatalog), connection);
    const testUsers = sp
      .state()
      .users.filter((u) => String(u.resource.userName).startsWith('jumpcloud.test.'));
    expect(new Set(testUsers.map((u) => u.resource.userName)).size).toBe(2);
  });

  it('refuses activation when the connection test fails, saying why, and logs the failure', async () => {
    const idp = new ReferenceIdp({ fetch: refusing });
    const app = idp.createApplication(interactCatalog);
    await expect(
      idp.activateIdm(app, { baseUrl: 'https://sp.invalid/scim', token: 'wrong' }),
    ).rejects.toThrow(IdpError);
    await expect(
      idp.activateIdm(app, { baseUrl: 'https://sp.invalid/scim', token: 'wrong' }),
    ).rejects.toThrow(/Creating the test user answered 401: bad token/);
    expect(app.idm).toBeUndefined();
    expect(idp.insights.ofType('idm_integration_activate')[0]).toMatchObject({
      outcome: 'failure',
      application: 'interact',
    });
  });

  it('provisions nothing before an integration is active', async () => {
    const calls: string[] = [];
    const idp = new ReferenceIdp({ fetch: async (url) => (calls.push(url), refusing(url, {})) });
    const app = idp.createApplication(interactCatalog);
    const group = idp.directory.createGroup('All');
    await idp.bindGroup(app, group.id);
    await idp.addToGroup(
      group.id,
      await idp.createUser({
        username: 'a@example.com',
        email: 'a@example.com',
        firstname: 'A',
        lastname: 'B',
      }),
    );
    expect(calls).toEqual([]);
  });

  it('refuses a second application with the same name', () => {
    const idp = new ReferenceIdp();
    idp.createApplication(interactCatalog);
    expect(() => idp.createApplication(interactCatalog)).toThrow(/An application named 'interact' exists/);
  });

  it('records exchanges through the client it builds', async () => {
    const seen: string[] = [];
    const client = new ScimClient({
      baseUrl: 'https://sp.invalid',
      token: 'secret-token',
      fetch: refusing,
      record: (e) => seen.push(e.request.headers.authorization!),
    });
    await client.get('/Users');
    expect(seen).toEqual(['Bearer ***oken']);
  });

  it('refuses an unknown fault id, naming the known ones', () => {
    expect(() => new ReferenceIdp({ faults: ['no-such-fault' as 'no-lookup'] })).toThrow(
      /Unknown IdP fault 'no-such-fault'; known: no-lookup, /,
    );
  });

  it('applies a fault given as a record, around the strict steps, leaving other IdPs strict', () => {
    const renamer: IdpFaultRecord = {
      id: 'test-slug-editable',
      area: 'idp',
      bug: 'lets the slug change',
      cites: ['IDP-SSO-01'],
      caughtBy: [],
      apply: { steps: (strict) => ({ ...strict, changeSlug: (_app, _current, wanted) => wanted }) },
    };
    const faulty = new ReferenceIdp({ faults: [renamer] }).createApplication(interactCatalog);
    faulty.sso.update({ slug: 'renamed' });
    expect(faulty.sso.slug).toBe('renamed');
    const strict = new ReferenceIdp().createApplication(interactCatalog);
    expect(() => strict.sso.update({ slug: 'renamed' })).toThrow(/cannot be edited after the application/);
  });
});
