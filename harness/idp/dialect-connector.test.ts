import { createConnectorContext } from './connector-context.js';
import { mockSps } from '#registry';
import { describe, expect, it } from 'vitest';
import { MockSp, inProcessFetch } from '#mock-sps';
import type { HttpExchange } from '#harness/evidence';
import { PersonFactory } from '#harness/people';
import { interactCatalog } from '../../mock-sps/interact/idp.js';
import type { FetchLike } from '#harness/scim';
import { dialectConnector } from './dialect-connector.js';
import { dialectFetch, escrowSchedule, quarantined } from './dialect-retry.js';
import { updateOps } from './dialect-wire.js';
import type { Connector, ConnectorContext } from './connector.js';
import type { DirectoryUser } from './directory.js';
import { DIALECTS, type DialectProfile } from './dialects/index.js';
import { referenceConnector } from './reference-connector.js';
import { ReferenceIdp } from './reference-idp.js';
import { wireOf } from './test-dialect-wire.js';

/** Every provisioning operation the IdP has, through `connector`, against a fresh Interact mock. */
async function lifecycle(connector: Connector) {
  const sp = new MockSp(mockSps.interact);
  const exchanges: HttpExchange[] = [];
  const idp = new ReferenceIdp({ connector, fetch: inProcessFetch([sp]), record: (e) => exchanges.push(e) });
  const app = idp.createApplication(interactCatalog);
  await idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, token: sp.token });
  const people = new PersonFactory(7);
  const everyone = idp.directory.createGroup('All Users').id;
  const sales = idp.directory.createGroup('Sales').id;
  sp.seedGroup({ displayName: 'Sales' });
  sp.seedUser({ userName: 'taken.over@example.com', name: { givenName: 'Old', familyName: 'Name' } });
  await idp.bindGroup(app, everyone);
  await idp.bindGroup(app, sales);
  const a = await idp.createUser(people.next());
  const b = await idp.createUser(people.next());
  const c = await idp.createUser({
    username: 'taken.over@example.com',
    email: 'taken.over@example.com',
    firstname: 'Taken',
    lastname: 'Over',
  });
  for (const user of [a, b, c]) await idp.addToGroup(everyone, user);
  await idp.addToGroup(sales, a);
  await idp.addToGroup(sales, b);
  await idp.updateUser(a, { lastname: 'Changed', jobTitle: 'Engineer' });
  await idp.setSuspended(b, true);
  await idp.setSuspended(b, false);
  await idp.renameGroup(everyone, 'Everyone');
  await idp.removeFromGroup(sales, a);
  await idp.removeFromGroup(everyone, c);
  await idp.deleteUser(b);
  await idp.deleteGroup(sales);
  return wireOf(exchanges, sp.scimBaseUrl!, [
    [/jumpcloud\.test\.[a-z0-9]+@/g, 'jumpcloud.test.<suffix>@'],
    [/JumpCloud Test [a-z0-9]+/g, 'JumpCloud Test <suffix>'],
  ]);
}

describe('dialectConnector', () => {
  it('makes the same wire as the reference connector from the jumpcloud profile', async () => {
    const reference = await lifecycle(referenceConnector);
    const dialect = await lifecycle(dialectConnector(DIALECTS.jumpcloud));
    expect(reference.length).toBeGreaterThan(20);
    expect(reference.map((r) => r.method)).toEqual(
      expect.arrayContaining(['POST', 'PATCH', 'DELETE', 'GET']),
    );
    expect(dialect).toEqual(reference);
  });
});

const HOUR = 3_600_000;
const ada: DirectoryUser = {
  id: 'u000001',
  username: 'ada@example.com',
  email: 'ada@example.com',
  firstname: 'Ada',
  lastname: 'Lovelace',
  suspended: false,
  passwordExpired: false,
};

/** A connector context on a fresh Interact mock; `fail` may answer a request instead of the SP. */
function context(fail?: (method: string, url: string) => number | undefined, token?: string) {
  const sp = new MockSp(mockSps.interact);
  const calls: string[] = [];
  const inner = inProcessFetch([sp]);
  const fetch: FetchLike = async (url, init) => {
    const method = init.method ?? 'GET';
    calls.push(`${method} ${url.slice(sp.scimBaseUrl!.length)}`);
    const status = fail?.(method, url);
    return status === undefined ? inner(url, init) : new Response('{}', { status });
  };
  const ctx: ConnectorContext = createConnectorContext({
    application: 'interact',
    baseUrl: sp.scimBaseUrl!,
    credentials: token ?? sp.token,
    fetch,
    mappings: interactCatalog.mappings,
    // Per-request retries wait on the context's clock; the escrow's waits are the connector's option.
    sleep: () => Promise.resolve(),
  });
  return { sp, ctx, calls };
}

describe('dialect updates', () => {
  const before = {
    userName: 'bjensen@example.com',
    displayName: 'Babs',
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    emails: [{ type: 'work', primary: true, value: 'old@example.com' }],
    externalId: 'Eqpj',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: '1' },
  };
  const after = {
    ...before,
    displayName: 'Pvlo',
    name: { givenName: 'Gtfd', familyName: 'Pkqf' },
    emails: [{ type: 'work', primary: true, value: 'new@example.com' }],
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: '2' },
    nickName: 'Babs',
  };
  const keys = [
    'displayName',
    'name',
    'emails',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    'nickName',
  ];

  it('sends one capitalised op per changed path by default, Add for a value that was absent', () => {
    expect(updateOps(DIALECTS.entra, before, after, keys)).toEqual([
      { op: 'Replace', path: 'displayName', value: 'Pvlo' },
      { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
      { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@example.com' },
      {
        op: 'Replace',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
        value: '2',
      },
      { op: 'Add', path: 'nickName', value: 'Babs' },
    ]);
  });

  it('bundles the plain replaces into one path-less op with aadOptscim062020, filter paths and adds first', () => {
    expect(updateOps(DIALECTS['entra-aadOptscim062020'], before, after, keys)).toEqual([
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'new@example.com' },
      { op: 'add', path: 'nickName', value: 'Babs' },
      {
        op: 'replace',
        value: {
          displayName: 'Pvlo',
          'name.givenName': 'Gtfd',
          'name.familyName': 'Pkqf',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': '2',
        },
      },
    ]);
  });

  it('replaces whole top-level attributes for jumpcloud', () => {
    expect(updateOps(DIALECTS.jumpcloud, before, after, ['name'])).toEqual([
      { op: 'replace', path: 'name', value: { givenName: 'Gtfd', familyName: 'Pkqf' } },
    ]);
    expect(() => updateOps(DIALECTS.okta, before, after, ['name'])).toThrow(/okta updates by PUT/);
  });
});

describe('dialect groups', () => {
  it('splits member changes into requests of at most maxMembersPerRequest members', async () => {
    const chunked: DialectProfile = {
      ...DIALECTS.entra,
      groups: { ...DIALECTS.entra.groups, maxMembersPerRequest: 2 },
    };
    const connector = dialectConnector(chunked);
    const { ctx, calls } = context();
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const user = { ...ada, id: `u${n}`, username: `user${n}@example.com`, email: `user${n}@example.com` };
      ids.push((await connector.provisionUser(ctx, user, {})).spId);
    }
    calls.length = 0;
    const group = { id: 'g1', name: 'Big', members: new Set<string>() };
    await connector.syncGroup(ctx, group, ids, {});
    expect(calls.map((call) => call.split('?')[0])).toEqual([
      'GET /Groups',
      'POST /Groups',
      expect.stringMatching(/^PATCH \/Groups\//),
      expect.stringMatching(/^PATCH \/Groups\//),
      expect.stringMatching(/^PATCH \/Groups\//),
    ]);
  });
});

describe('dialect retries', () => {
  it("schedules Entra's escrow retries 6 h, 12 h and 24 h after the first failure, then daily to 28 days", () => {
    const schedule = escrowSchedule(DIALECTS.entra.retry.escrow);
    expect(schedule.slice(0, 5)).toEqual([6 * HOUR, 12 * HOUR, 24 * HOUR, 48 * HOUR, 72 * HOUR]);
    expect(schedule.at(-1)).toBe(28 * 24 * HOUR);
    expect(schedule).toHaveLength(30);
    expect(escrowSchedule(DIALECTS.okta.retry.escrow)).toEqual([]);
  });

  it('waits out the escrow with the injected sleep and succeeds once the SP heals', async () => {
    // Three failed operations, each one request and its per-request retries.
    let failures = 3 * DIALECTS['entra-aadOptscim062020'].retry.request.maxAttempts;
    const { sp, ctx } = context((method) => (method === 'PATCH' && failures-- > 0 ? 503 : undefined));
    const spId = sp.seedUser({ userName: 'ada@example.com', active: true });
    const sleeps: number[] = [];
    const connector = dialectConnector(DIALECTS['entra-aadOptscim062020'], {
      sleep: async (ms) => void sleeps.push(ms),
    });
    await connector.deprovisionUser(ctx, ada, spId);
    expect(sleeps).toEqual([6 * HOUR, 6 * HOUR, 12 * HOUR]);
    expect(sp.state().users.find((u) => u.id === spId)?.resource.active).toBe(false);
  });

  it('gives an operation up after the last escrow retry, and says when it would retry without a sleep', async () => {
    const { sp, ctx, calls } = context((method) => (method === 'PATCH' ? 500 : undefined));
    const spId = sp.seedUser({ userName: 'ada@example.com', active: true });
    const sleeps: number[] = [];
    const patient = dialectConnector(DIALECTS.entra, { sleep: async (ms) => void sleeps.push(ms) });
    await expect(patient.deprovisionUser(ctx, ada, spId)).rejects.toThrow(
      /still failed 28 d after its first failure \(30 retries\); Microsoft Entra ID gives it up/,
    );
    expect(sleeps.reduce((a, b) => a + b, 0)).toBe(28 * 24 * HOUR);
    expect(calls).toHaveLength(31 * DIALECTS.entra.retry.request.maxAttempts);
    await expect(dialectConnector(DIALECTS.entra).deprovisionUser(ctx, ada, spId)).rejects.toThrow(
      /answered 500; Microsoft Entra ID retries it 6 h after this failure/,
    );
  });

  it('quarantines at once on invalid credentials and then sends nothing', async () => {
    const { ctx, calls } = context(undefined, 'wrong-token');
    const connector = dialectConnector(DIALECTS.entra);
    await expect(connector.provisionUser(ctx, ada, {})).rejects.toThrow(/answered 401/);
    const sent = calls.length;
    await expect(connector.provisionUser(ctx, ada, {})).rejects.toThrow(
      /in quarantine \(1 failures, 0 successes\)/,
    );
    expect(calls).toHaveLength(sent);
  });

  it("reads Entra's quarantine figures: from 5,000 failures above 40 % or 40,000; always above 60,000", () => {
    const rule = DIALECTS.entra.retry.quarantine;
    const at = (failures: number, successes: number) =>
      quarantined(rule, { failures, successes, immediate: false });
    expect(at(4_999, 0)).toBe(false);
    expect(at(5_000, 5_000)).toBe(true);
    expect(at(30_000, 5_000)).toBe(true);
    expect(at(20_000, 100_000)).toBe(false);
    expect(at(45_000, 100_000)).toBe(true);
    expect(at(60_001, 1_000_000)).toBe(true);
    expect(
      quarantined(DIALECTS.okta.retry.quarantine, { failures: 99_999, successes: 0, immediate: true }),
    ).toBe(false);
  });

  it("retries each request with the dialect's figures", async () => {
    const statuses = [503, 503];
    const sleeps: number[] = [];
    const fetch = dialectFetch(
      async () => new Response('{}', { status: statuses.shift() ?? 200 }),
      DIALECTS.okta,
      {
        sleep: async (ms) => void sleeps.push(ms),
      },
    );
    expect((await fetch('https://sp.test/Users', { method: 'GET' })).status).toBe(200);
    expect(sleeps).toEqual([1_000, 2_000]);
  });
});
