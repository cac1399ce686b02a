import { createConnectorContext } from '../connector-context.js';
import { mockSps } from '#registry';
import { describe, expect, it } from 'vitest';
import { MockSp, inProcessFetch } from '#mock-sps';
import { ENTERPRISE_USER_SCHEMA, ScimClient } from '#harness/scim';
import type { HttpExchange } from '#harness/evidence';
import type { ConnectorContext, GroupLink, UserLink } from '../connector.js';
import { dialectConnector } from '../dialect-connector.js';
import type { DirectoryGroup, DirectoryUser } from '../directory.js';
import type { AttributeMapping } from '../mapping.js';
import { wireOf } from '../test-dialect-wire.js';
import { createUserBody } from '../dialect-wire.js';
import { mapUser } from '../mapping.js';
import {
  ASSUMED_ITEMS,
  DIALECTS,
  assumedItems,
  dialectSources,
  isDialectId,
  type DialectProfile,
} from './index.js';

const MAPPINGS: AttributeMapping[] = [
  { scim: 'userName', source: { property: 'username' }, optional: false },
  { scim: 'emails[type eq "work"].value', source: { property: 'email' }, optional: false },
  { scim: 'name.givenName', source: { property: 'firstname' }, optional: false },
  { scim: 'name.familyName', source: { property: 'lastname' }, optional: false },
  { scim: 'title', source: { property: 'jobTitle' }, optional: true },
  { scim: `${ENTERPRISE_USER_SCHEMA}:department`, source: { property: 'department' }, optional: true },
];
/** The table with the enterprise manager (fed from employeeIdentifier, standing in for the manager's SP id). */
const WITH_MANAGER: AttributeMapping[] = [
  ...MAPPINGS,
  { scim: `${ENTERPRISE_USER_SCHEMA}:manager`, source: { property: 'employeeIdentifier' }, optional: true },
];

const person = (
  id: string,
  first: string,
  last: string,
  extra: Partial<DirectoryUser> = {},
): DirectoryUser => ({
  id,
  username: `${first.toLowerCase()}@example.com`,
  email: `${first.toLowerCase()}@example.com`,
  firstname: first,
  lastname: last,
  suspended: false,
  passwordExpired: false,
  ...extra,
});

/**
 * Every connector operation in `dialect`'s wire against a fresh Interact mock (in-process, strict):
 * one line per request, `step: METHOD path?query status body`, SP ids masked.
 */
async function wire(profile: DialectProfile, options: { rename?: boolean } = {}): Promise<string[]> {
  const sp = new MockSp(mockSps.interact);
  const exchanges: HttpExchange[] = [];
  const steps: string[] = [];
  const ctx: ConnectorContext = createConnectorContext({
    application: 'interact',
    baseUrl: sp.scimBaseUrl!,
    credentials: sp.token,
    fetch: inProcessFetch([sp]),
    record: (e) => (exchanges.push(e), steps.push(step)),
    mappings: MAPPINGS,
  });
  const connector = dialectConnector(profile, {
    now: () => 1_700_000_000_000,
    newGuid: () => '00000000-0000-4000-8000-000000000001',
  });
  let step = '';
  const run = async <T>(name: string, action: () => Promise<T>): Promise<T | undefined> => {
    step = name;
    try {
      return await action();
    } catch (error) {
      steps.push(`${name}: threw ${(error as Error).message}`);
      return undefined;
    }
  };
  const ada = person('u000001', 'Ada', 'Lovelace', { department: 'R&D', employeeIdentifier: 'mgr-1' });
  const bob = person('u000002', 'Bob', 'Babbage');
  await run('test', () => connector.testConnection(ctx, { groups: true, deleteUsers: true }));
  let adaLink: UserLink = (await run('create', () => connector.provisionUser(ctx, ada, {}))) ?? {};
  const changed = { ...ada, lastname: 'King', jobTitle: 'Analyst' };
  adaLink = (await run('update', () => connector.provisionUser(ctx, changed, adaLink))) ?? adaLink;
  await run('deactivate', () => connector.deprovisionUser(ctx, changed, adaLink.spId!));
  const inactive = { ...adaLink, lastSent: { ...adaLink.lastSent, active: false } };
  await run('reactivate', () => connector.provisionUser(ctx, changed, inactive));
  const bobLink: UserLink = (await run('create', () => connector.provisionUser(ctx, bob, {}))) ?? {};
  const group: DirectoryGroup = { id: 'g000001', name: 'Engineering', members: new Set() };
  const members = [adaLink.spId!, bobLink.spId!];
  let groupLink: GroupLink = (await run('group', () => connector.syncGroup(ctx, group, members, {}))) ?? {};
  const renamed = { ...group, name: options.rename === false ? group.name : 'Research' };
  groupLink =
    (await run('members', () => connector.syncGroup(ctx, renamed, [bobLink.spId!], groupLink))) ?? {};
  await run('delete', () => connector.deleteUser(ctx, bob, bobLink.spId!));
  if (groupLink.spId) await run('delete-group', () => connector.deleteGroup(ctx, renamed, groupLink.spId!));
  const requests = wireOf(exchanges, sp.scimBaseUrl!, [[/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>']]);
  let next = 0;
  return steps.map((entry) => {
    if (entry.includes(': threw ')) return entry;
    const r = requests[next++]!;
    const query = r.query ? `?${r.query.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
    return `${entry}: ${r.method} ${r.path}${query} ${r.status ?? '-'}${r.body === undefined ? '' : ` ${JSON.stringify(r.body)}`}`;
  });
}

describe('IdP dialects', () => {
  it('lists the dialects in order, each with sources, and every assumed item it names exists', () => {
    expect(Object.keys(DIALECTS)).toEqual([
      'jumpcloud',
      'entra',
      'entra-aadOptscim062020',
      'okta',
      'okta-aiw',
    ]);
    for (const [id, profile] of Object.entries(DIALECTS)) {
      expect(isDialectId(id)).toBe(true);
      expect(profile.id).toBe(id);
      expect(dialectSources(profile.id).length).toBeGreaterThan(0);
      expect(assumedItems(profile.assumed).every((item) => item.dialects.includes(profile.id))).toBe(true);
    }
    expect(isDialectId('onelogin')).toBe(false);
    const listed = new Set(Object.values(DIALECTS).flatMap((profile) => profile.assumed));
    expect(ASSUMED_ITEMS.filter((item) => !listed.has(item.id))).toEqual([]);
  });

  it('jumpcloud: creates and deletes a test user, replaces whole attributes, resends every member', async () => {
    expect(await wire(DIALECTS['jumpcloud'])).toMatchInlineSnapshot(`
      [
        "test: POST /Users 201 {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jumpcloud.test.loyw3v28@example.com","name":{"givenName":"JumpCloud","familyName":"Test"},"emails":[{"value":"jumpcloud.test.loyw3v28@example.com","type":"work","primary":true}],"active":true}",
        "test: POST /Groups 201 {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"JumpCloud Test loyw3v28","members":[{"value":"<id 1>"}]}",
        "test: DELETE /Groups/<id 2> 204",
        "test: DELETE /Users/<id 1> 204",
        "create: GET /Users?filter=userName eq "ada@example.com" 200",
        "create: POST /Users 201 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"ada@example.com","emails":[{"type":"work","primary":true,"value":"ada@example.com"}],"name":{"givenName":"Ada","familyName":"Lovelace"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"}}",
        "update: PATCH /Users/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"name","value":{"givenName":"Ada","familyName":"King"}},{"op":"replace","path":"title","value":"Analyst"}]}",
        "deactivate: PATCH /Users/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}",
        "reactivate: PATCH /Users/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":true}]}",
        "create: GET /Users?filter=userName eq "bob@example.com" 200",
        "create: POST /Users 201 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bob@example.com","emails":[{"type":"work","primary":true,"value":"bob@example.com"}],"name":{"givenName":"Bob","familyName":"Babbage"}}",
        "group: GET /Groups?filter=displayName eq "Engineering" 200",
        "group: POST /Groups 201 {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineering","members":[{"value":"<id 3>"},{"value":"<id 4>"}]}",
        "members: PATCH /Groups/<id 5> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Research"},{"op":"add","path":"members","value":[{"value":"<id 4>"}]},{"op":"remove","path":"members","value":[{"value":"<id 3>"}]}]}",
        "delete: DELETE /Users/<id 4> 204",
        "delete-group: DELETE /Groups/<id 5> 204",
      ]
    `);
  });

  it('entra: queries a random GUID, capitalised ops, string booleans, path per value, $ref null', async () => {
    expect(await wire(DIALECTS['entra'])).toMatchInlineSnapshot(`
      [
        "test: GET /Users?filter=userName eq "00000000-0000-4000-8000-000000000001" 200",
        "test: GET /Groups?excludedAttributes=members&filter=displayName eq "00000000-0000-4000-8000-000000000001" 200",
        "create: GET /Users?filter=userName eq "ada@example.com" 200",
        "create: POST /Users 201 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"ada@example.com","emails":[{"type":"work","primary":true,"value":"ada@example.com"}],"name":{"formatted":"Ada Lovelace","givenName":"Ada","familyName":"Lovelace"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"},"meta":{"resourceType":"User"},"roles":[],"externalId":"u000001"}",
        "update: PATCH /Users/<id 1> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"name.familyName","value":"King"},{"op":"Add","path":"title","value":"Analyst"}]}",
        "deactivate: PATCH /Users/<id 1> 400 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}",
        "deactivate: threw Deactivating ada@example.com answered 400: 'active' expects true or false but found the string "False" for 'replace' op of operation 1 in PatchOp request body; send true or false (RFC 7643 §2.3); Microsoft Entra ID retries it 6 h after this failure",
        "reactivate: PATCH /Users/<id 1> 400 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"True"}]}",
        "reactivate: threw Updating ada@example.com answered 400: 'active' expects true or false but found the string "True" for 'replace' op of operation 1 in PatchOp request body; send true or false (RFC 7643 §2.3); Microsoft Entra ID retries it 6 h after this failure",
        "create: GET /Users?filter=userName eq "bob@example.com" 200",
        "create: POST /Users 201 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"bob@example.com","emails":[{"type":"work","primary":true,"value":"bob@example.com"}],"name":{"formatted":"Bob Babbage","givenName":"Bob","familyName":"Babbage"},"meta":{"resourceType":"User"},"roles":[],"externalId":"u000002"}",
        "group: GET /Groups?excludedAttributes=members&filter=displayName eq "Engineering" 200",
        "group: POST /Groups 201 {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],"displayName":"Engineering","externalId":"g000001","meta":{"resourceType":"Group"}}",
        "group: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"<id 1>"},{"$ref":null,"value":"<id 2>"}]}]}",
        "members: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"displayName","value":"Research"}]}",
        "members: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Remove","path":"members","value":[{"$ref":null,"value":"<id 1>"}]}]}",
        "delete: DELETE /Users/<id 2> 204",
        "delete-group: DELETE /Groups/<id 3> 204",
      ]
    `);
  });

  it('entra-aadOptscim062020: lowercase ops, JSON booleans, bundled replaces, filtered member removal', async () => {
    expect(await wire(DIALECTS['entra-aadOptscim062020'])).toMatchInlineSnapshot(`
      [
        "test: GET /Users?filter=userName eq "00000000-0000-4000-8000-000000000001" 200",
        "test: GET /Groups?excludedAttributes=members&filter=displayName eq "00000000-0000-4000-8000-000000000001" 200",
        "create: GET /Users?filter=userName eq "ada@example.com" 200",
        "create: POST /Users 201 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"ada@example.com","emails":[{"type":"work","primary":true,"value":"ada@example.com"}],"name":{"formatted":"Ada Lovelace","givenName":"Ada","familyName":"Lovelace"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"},"meta":{"resourceType":"User"},"roles":[],"externalId":"u000001"}",
        "update: PATCH /Users/<id 1> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"name.familyName","value":"King"},{"op":"add","path":"title","value":"Analyst"}]}",
        "deactivate: PATCH /Users/<id 1> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}",
        "reactivate: PATCH /Users/<id 1> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":true}]}",
        "create: GET /Users?filter=userName eq "bob@example.com" 200",
        "create: POST /Users 201 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"bob@example.com","emails":[{"type":"work","primary":true,"value":"bob@example.com"}],"name":{"formatted":"Bob Babbage","givenName":"Bob","familyName":"Babbage"},"meta":{"resourceType":"User"},"roles":[],"externalId":"u000002"}",
        "group: GET /Groups?excludedAttributes=members&filter=displayName eq "Engineering" 200",
        "group: POST /Groups 201 {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],"displayName":"Engineering","externalId":"g000001","meta":{"resourceType":"Group"}}",
        "group: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"$ref":null,"value":"<id 1>"},{"$ref":null,"value":"<id 2>"}]}]}",
        "members: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Research"}]}",
        "members: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \\"<id 1>\\"]"}]}",
        "delete: DELETE /Users/<id 2> 204",
        "delete-group: DELETE /Groups/<id 3> 204",
      ]
    `);
  });

  it('okta: PUT after GET for updates, path-less PATCH for active, rename before each membership PATCH', async () => {
    expect(await wire(DIALECTS['okta'])).toMatchInlineSnapshot(`
      [
        "test: GET /Users?count=2&startIndex=1 200",
        "create: GET /Users?filter=userName eq "ada@example.com"&startIndex=1&count=100 200",
        "create: POST /Users 201 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"ada@example.com","emails":[{"type":"work","primary":true,"value":"ada@example.com"}],"name":{"givenName":"Ada","familyName":"Lovelace"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"},"groups":[],"externalId":"u000001"}",
        "update: GET /Users/<id 1> 200",
        "update: PUT /Users/<id 1> 200 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"ada@example.com","emails":[{"type":"work","primary":true,"value":"ada@example.com"}],"name":{"givenName":"Ada","familyName":"King"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"},"externalId":"u000001","id":"<id 1>","meta":{"resourceType":"User","created":"<time>","lastModified":"<time>","location":"https://acme.interactgo.com/api/v2/scim/v2/Users/<id 1>","version":"W/\\"1\\""},"title":"Analyst"}",
        "deactivate: PATCH /Users/<id 1> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}",
        "reactivate: PATCH /Users/<id 1> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":true}}]}",
        "create: GET /Users?filter=userName eq "bob@example.com"&startIndex=1&count=100 200",
        "create: POST /Users 201 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bob@example.com","emails":[{"type":"work","primary":true,"value":"bob@example.com"}],"name":{"givenName":"Bob","familyName":"Babbage"},"groups":[],"externalId":"u000002"}",
        "group: GET /Groups?filter=displayName eq "Engineering" 200",
        "group: POST /Groups 201 {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineering","members":[]}",
        "group: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"<id 3>","displayName":"Engineering"}}]}",
        "group: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"<id 1>","display":"ada@example.com"},{"value":"<id 2>","display":"bob@example.com"}]}]}",
        "members: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"id":"<id 3>","displayName":"Research"}}]}",
        "members: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \\"<id 1>\\"]"}]}",
        "delete: PATCH /Users/<id 2> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}",
        "delete-group: DELETE /Groups/<id 3> 204",
      ]
    `);
  });

  it('okta: with the name held back, a membership PATCH removes by filter path first, then adds with display', async () => {
    const quiet = { ...DIALECTS.okta.groups.rename, when: 'on-change' as const };
    const lines = await wire(
      { ...DIALECTS.okta, groups: { ...DIALECTS.okta.groups, rename: quiet } },
      { rename: false },
    );
    expect(lines.filter((line) => line.startsWith('group:') || line.startsWith('members:')))
      .toMatchInlineSnapshot(`
      [
        "group: GET /Groups?filter=displayName eq "Engineering" 200",
        "group: POST /Groups 201 {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineering","members":[]}",
        "group: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"<id 1>","display":"ada@example.com"},{"value":"<id 2>","display":"bob@example.com"}]}]}",
        "members: PATCH /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members[value eq \\"<id 1>\\"]"}]}",
      ]
    `);
  });

  it('writes the enterprise manager as each dialect does, and the strict SP refuses the bare string', async () => {
    const ada = person('u000001', 'Ada', 'Lovelace', { employeeIdentifier: 'mgr-1' });
    const resource = mapUser(ada, WITH_MANAGER, { forCreate: true });
    const managers = Object.fromEntries(
      Object.values(DIALECTS).map((profile) => [
        profile.id,
        (createUserBody(profile, resource, ada)[ENTERPRISE_USER_SCHEMA] as { manager: unknown }).manager,
      ]),
    );
    expect(managers).toEqual({
      jumpcloud: 'mgr-1',
      entra: 'mgr-1',
      'entra-aadOptscim062020': 'mgr-1',
      okta: { value: 'mgr-1' },
      'okta-aiw': { value: 'mgr-1' },
    });
    const sp = new MockSp(mockSps.interact);
    const client = new ScimClient({ baseUrl: sp.scimBaseUrl!, token: sp.token, fetch: inProcessFetch([sp]) });
    const entra = await client.post('/Users', createUserBody(DIALECTS.entra, resource, ada));
    const okta = await client.post('/Users', {
      ...createUserBody(DIALECTS.okta, resource, ada),
      userName: 'other@example.com',
    });
    expect([entra.status, okta.status]).toEqual([400, 201]);
  });

  it('okta-aiw: PUT for every user and group update, active included', async () => {
    expect(await wire(DIALECTS['okta-aiw'])).toMatchInlineSnapshot(`
      [
        "test: GET /Users?count=2&startIndex=1 200",
        "create: GET /Users?filter=userName eq "ada@example.com"&startIndex=1&count=100 200",
        "create: POST /Users 201 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"ada@example.com","emails":[{"type":"work","primary":true,"value":"ada@example.com"}],"name":{"givenName":"Ada","familyName":"Lovelace"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"},"groups":[],"externalId":"u000001"}",
        "update: GET /Users/<id 1> 200",
        "update: PUT /Users/<id 1> 200 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"ada@example.com","emails":[{"type":"work","primary":true,"value":"ada@example.com"}],"name":{"givenName":"Ada","familyName":"King"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"},"externalId":"u000001","id":"<id 1>","meta":{"resourceType":"User","created":"<time>","lastModified":"<time>","location":"https://acme.interactgo.com/api/v2/scim/v2/Users/<id 1>","version":"W/\\"1\\""},"title":"Analyst"}",
        "deactivate: GET /Users/<id 1> 200",
        "deactivate: PUT /Users/<id 1> 200 {"active":false,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"ada@example.com","emails":[{"type":"work","primary":true,"value":"ada@example.com"}],"name":{"givenName":"Ada","familyName":"King"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"},"externalId":"u000001","title":"Analyst","id":"<id 1>","meta":{"resourceType":"User","created":"<time>","lastModified":"<time>","location":"https://acme.interactgo.com/api/v2/scim/v2/Users/<id 1>","version":"W/\\"2\\""}}",
        "reactivate: GET /Users/<id 1> 200",
        "reactivate: PUT /Users/<id 1> 200 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"ada@example.com","emails":[{"type":"work","primary":true,"value":"ada@example.com"}],"name":{"givenName":"Ada","familyName":"King"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"},"externalId":"u000001","title":"Analyst","id":"<id 1>","meta":{"resourceType":"User","created":"<time>","lastModified":"<time>","location":"https://acme.interactgo.com/api/v2/scim/v2/Users/<id 1>","version":"W/\\"3\\""}}",
        "create: GET /Users?filter=userName eq "bob@example.com"&startIndex=1&count=100 200",
        "create: POST /Users 201 {"active":true,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bob@example.com","emails":[{"type":"work","primary":true,"value":"bob@example.com"}],"name":{"givenName":"Bob","familyName":"Babbage"},"groups":[],"externalId":"u000002"}",
        "group: GET /Groups?filter=displayName eq "Engineering" 200",
        "group: POST /Groups 201 {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineering","members":[]}",
        "group: PUT /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"<id 3>","displayName":"Engineering","members":[{"value":"<id 1>","display":"ada@example.com"},{"value":"<id 2>","display":"bob@example.com"}]}",
        "members: PUT /Groups/<id 3> 200 {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"<id 3>","displayName":"Research","members":[{"value":"<id 2>","display":"bob@example.com"}]}",
        "delete: GET /Users/<id 2> 200",
        "delete: PUT /Users/<id 2> 200 {"active":false,"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bob@example.com","emails":[{"type":"work","primary":true,"value":"bob@example.com"}],"name":{"givenName":"Bob","familyName":"Babbage"},"externalId":"u000002","id":"<id 2>","meta":{"resourceType":"User","created":"<time>","lastModified":"<time>","location":"https://acme.interactgo.com/api/v2/scim/v2/Users/<id 2>","version":"W/\\"1\\""},"groups":[{"value":"<id 3>","$ref":"https://acme.interactgo.com/api/v2/scim/v2/Groups/<id 3>","display":"Research","type":"direct"}]}",
        "delete-group: DELETE /Groups/<id 3> 204",
      ]
    `);
  });
});
