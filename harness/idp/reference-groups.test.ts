import { mockSps } from '#registry';
import { describe, expect, it } from 'vitest';
import { MockSp, inProcessFetch } from '#mock-sps';
import type { HttpExchange } from '#harness/evidence';
import type { JsonObject } from '#harness/scim';
import { interactCatalog } from '../../mock-sps/interact/idp.js';
import type { CatalogEntry } from './catalog-entry.js';
import type { Connector } from './connector.js';
import { MEMBERS_PER_REQUEST, createConnectorContext } from './connector-context.js';
import { dialectConnector } from './dialect-connector.js';
import { DIALECTS } from './dialects/index.js';
import { referenceConnector } from './reference-connector.js';
import { ReferenceIdp } from './reference-idp.js';
import { wireOf, type WireRequest } from './test-dialect-wire.js';

/** The reference IdP with Interact (its catalogue entry changed by `entry`) active against a fresh mock. */
async function activated(entry: Partial<CatalogEntry> = {}, connector?: Connector) {
  const sp = new MockSp(mockSps.interact);
  const exchanges: HttpExchange[] = [];
  const idp = new ReferenceIdp({
    fetch: inProcessFetch([sp]),
    record: (exchange) => exchanges.push(exchange),
    ...(connector ? { connector } : {}),
  });
  const app = idp.createApplication({ ...interactCatalog, ...entry });
  await idp.activateIdm(app, { baseUrl: sp.scimBaseUrl!, token: sp.token });
  /** A directory group of `count` new users, not yet bound. */
  const group = async (name: string, count: number): Promise<string> => {
    const groupId = idp.directory.createGroup(name).id;
    for (let n = 1; n <= count; n++) {
      const email = `${name.toLowerCase()}.${n}@example.com`;
      const userId = await idp.createUser({ username: email, email, firstname: 'M', lastname: `N${n}` });
      idp.directory.addMember(groupId, userId);
    }
    return groupId;
  };
  const spGroup = (groupId: string) => sp.state().groups.find((g) => g.id === app.groups.get(groupId)?.spId);
  const members = (groupId: string) =>
    ((spGroup(groupId)?.resource.members as JsonObject[] | undefined) ?? []).map((m) => m.value);
  /** The group requests since `mark`, as method, path and the members each operation names. */
  const groupWire = (mark: number) =>
    exchanges
      .slice(mark)
      .filter((e) => /\/Groups(\/|$)/.test(new URL(e.request.url).pathname) && e.request.method !== 'GET')
      .map((e) => {
        const body = JSON.parse(e.request.body ?? '{}') as JsonObject;
        const ops = (body.Operations as JsonObject[] | undefined)?.map((op) =>
          Array.isArray(op.value)
            ? `${String(op.op)} ${op.value.length}`
            : `${String(op.op)} ${String(op.path)}`,
        );
        return `${e.request.method} ${e.response?.status}: ${ops ? ops.join(', ') : `${(body.members as unknown[]).length} members`}`;
      });
  return { sp, idp, app, exchanges, group, members, groupWire };
}

describe('the reference connector with large groups (IDP-IDM-14)', () => {
  it('sends 100 members a request unless the catalogue entry says otherwise', () => {
    expect(MEMBERS_PER_REQUEST).toBe(100);
    expect(DIALECTS.jumpcloud.groups.maxMembersPerRequest).toBe(MEMBERS_PER_REQUEST);
    const ctx = createConnectorContext({ baseUrl: 'https://sp.example/scim', credentials: 't' });
    expect(ctx.maxMembersPerRequest).toBe(100);
  });

  it('creates a group with as many members as a request may carry and adds the rest by PATCH', async () => {
    const { idp, app, group, members, groupWire, exchanges } = await activated({ maxMembersPerRequest: 10 });
    const groupId = await group('Big', 25);
    const mark = exchanges.length;
    await idp.bindGroup(app, groupId);
    expect(groupWire(mark)).toEqual(['POST 201: 10 members', 'PATCH 200: add 10', 'PATCH 200: add 5']);
    const provisioned = [...idp.directory.group(groupId).members].map((id) => app.users.get(id)?.spId);
    expect(members(groupId).sort()).toEqual(provisioned.sort());
    expect(app.groups.get(groupId)?.lastMembers).toHaveLength(25);
  });

  it('packs a later sync into PATCHes of at most the figure, the displayName replace first', async () => {
    const { idp, app, group, members, groupWire, exchanges } = await activated({ maxMembersPerRequest: 10 });
    const groupId = await group('Big', 18);
    await idp.bindGroup(app, groupId);
    const gone = [...idp.directory.group(groupId).members].slice(0, 13);
    for (const userId of gone.slice(0, 12)) idp.directory.removeMember(groupId, userId);
    const mark = exchanges.length;
    // The last removal syncs the group: the 5 members left sent again, 13 removed.
    await idp.removeFromGroup(groupId, gone[12]!);
    expect(groupWire(mark)).toEqual([
      'PATCH 200: replace displayName, add 5',
      'PATCH 200: remove 10',
      'PATCH 200: remove 3',
    ]);
    expect(members(groupId)).toHaveLength(5);
  });

  it('keeps the wire of a group within the figure: one POST with every member, one PATCH a sync', async () => {
    const { idp, app, group, groupWire, exchanges } = await activated({ maxMembersPerRequest: 10 });
    const groupId = await group('Small', 10);
    let mark = exchanges.length;
    await idp.bindGroup(app, groupId);
    expect(groupWire(mark)).toEqual(['POST 201: 10 members']);
    mark = exchanges.length;
    await idp.removeFromGroup(groupId, [...idp.directory.group(groupId).members][0]!);
    expect(groupWire(mark)).toEqual(['PATCH 200: replace displayName, add 9, remove 1']);
  });

  it('sends 100 members a request by default, and everything in one request when the figure is null', async () => {
    const standard = await activated();
    const big = await standard.group('Big', 150);
    let mark = standard.exchanges.length;
    await standard.idp.bindGroup(standard.app, big);
    expect(standard.groupWire(mark)).toEqual(['POST 201: 100 members', 'PATCH 200: add 50']);
    const whole = await activated({ maxMembersPerRequest: null });
    const all = await whole.group('All', 150);
    mark = whole.exchanges.length;
    await whole.idp.bindGroup(whole.app, all);
    expect(whole.groupWire(mark)).toEqual(['POST 201: 150 members']);
  });

  it('refuses a figure that is not a whole number of members from 1', () => {
    for (const bad of [0, -1, 2.5, Number.NaN])
      expect(() =>
        createConnectorContext({
          baseUrl: 'https://sp.example/scim',
          credentials: 't',
          maxMembersPerRequest: bad,
        }),
      ).toThrow(/maxMembersPerRequest is a whole number of members from 1, or null/);
  });
});

describe('dialects with large groups (IDP-IDM-14)', () => {
  /** Ten members a request, for the profile and the catalogue entry alike. */
  const byTen = (id: 'jumpcloud' | 'okta') => ({
    ...DIALECTS[id],
    groups: { ...DIALECTS[id].groups, maxMembersPerRequest: 10 },
  });

  /** The wire of binding a group of `count` members through `connector`, ten members a request. */
  async function bindWire(connector: Connector, count: number): Promise<WireRequest[]> {
    const { sp, idp, app, group, members, exchanges } = await activated(
      { maxMembersPerRequest: 10 },
      connector,
    );
    const groupId = await group('Big', count);
    const mark = exchanges.length;
    await idp.bindGroup(app, groupId);
    expect(members(groupId)).toHaveLength(count);
    return wireOf(exchanges.slice(mark), sp.scimBaseUrl!);
  }

  it('makes the same wire from the jumpcloud profile as the reference connector for a large group', async () => {
    const reference = await bindWire(referenceConnector, 23);
    expect(reference.filter((r) => r.path.startsWith('/Groups') && r.method !== 'GET')).toHaveLength(3);
    expect(await bindWire(dialectConnector(byTen('jumpcloud')), 23)).toEqual(reference);
  });

  it("sends Okta's figure of membership changes a PATCH (default 100), after its separate rename", async () => {
    expect(DIALECTS.okta.groups.maxMembersPerRequest).toBe(100);
    const wire = await bindWire(dialectConnector(byTen('okta')), 15);
    const groupRequests = wire.filter((r) => r.path.startsWith('/Groups') && r.method !== 'GET');
    const sizes = groupRequests.map((r) => {
      const ops = ((r.body as JsonObject).Operations as JsonObject[] | undefined) ?? [];
      return `${r.method} ${ops.map((op) => (Array.isArray(op.value) ? op.value.length : 'rename')).join(',')}`;
    });
    expect(sizes).toEqual(['POST ', 'PATCH rename', 'PATCH 10', 'PATCH 5']);
  });
});
