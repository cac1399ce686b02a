import { SPARKPOST_IDP_FAULTS } from '../../mock-sps/sparkpost/idp-faults.js';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '#harness/scim';
import type { FetchLike } from '#harness/scim';
import { interactCatalog } from '../../mock-sps/interact/idp.js';
import type { CatalogEntry } from './catalog-entry.js';
import type { IdpFault, IdpFaultRecord } from './faults/index.js';
import { SYNCHRONOUS_IMPORT_LIMIT } from './import-steps.js';
import { directoryFields, manualImport } from './import.js';
import { ReferenceIdp } from './reference-idp.js';

const BASE = 'https://sp.test/scim';

/** A SCIM server holding `users`, paging GET /Users, storing creates; logs each request line. */
function scimServer(users: JsonObject[], options: { maxPage?: number } = {}) {
  const log: string[] = [];
  let next = users.length;
  const json = (status: number, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/scim+json' },
    });
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    log.push(`${method} ${url.pathname.slice('/scim'.length)}${url.search}`);
    if (method === 'POST') {
      const body = JSON.parse(String(init.body)) as JsonObject;
      const created = { ...body, id: `id-${++next}` };
      users.push(created);
      return json(201, created);
    }
    if (method === 'DELETE') {
      users.splice(
        users.findIndex((user) => url.pathname.endsWith(`/${String(user.id)}`)),
        1,
      );
      return json(204);
    }
    if (method === 'PATCH')
      return json(
        200,
        users.find((user) => url.pathname.endsWith(`/${String(user.id)}`)),
      );
    const filter = url.searchParams.get('filter');
    const matched = filter ? users.filter((user) => filter.includes(`"${String(user.userName)}"`)) : users;
    const start = Number(url.searchParams.get('startIndex') ?? 1);
    const count = Math.min(Number(url.searchParams.get('count') ?? 50), options.maxPage ?? 1000);
    return json(200, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: matched.length,
      startIndex: start,
      itemsPerPage: count,
      Resources: matched.slice(start - 1, start - 1 + count),
    });
  };
  return { fetch, log, users };
}

const spUser = (n: number, extra: JsonObject = {}): JsonObject => ({
  id: `id-${n}`,
  userName: `user${n}@example.com`,
  name: { givenName: `First${n}`, familyName: `Last${n}` },
  emails: [{ value: `user${n}@example.com`, type: 'work', primary: true }],
  title: `Title ${n}`,
  active: true,
  ...extra,
});

async function setup(
  users: JsonObject[],
  options: { faults?: (IdpFault | IdpFaultRecord)[]; entry?: CatalogEntry; maxPage?: number } = {},
) {
  const server = scimServer(users, options);
  const idp = new ReferenceIdp({ fetch: server.fetch, faults: options.faults ?? [] });
  const app = idp.createApplication(options.entry ?? interactCatalog);
  await idp.activateIdm(app, { baseUrl: BASE, token: 't' });
  const group = idp.directory.createGroup('All').id;
  await idp.bindGroup(app, group);
  server.log.length = 0;
  return { server, idp, app, group, importer: manualImport(idp, app, { now: () => new Date(0) }) };
}

const many = (count: number) => Array.from({ length: count }, (_, i) => spUser(i + 1));

describe('manual import', () => {
  it('lists every page of the SP, following totalResults, and advancing by what each page held', async () => {
    const { importer, server } = await setup(many(230), { maxPage: 60 });
    const listing = await importer.list();
    expect(listing.users).toHaveLength(230);
    expect(listing.totalResults).toBe(230);
    expect(server.log).toEqual([
      'GET /Users?startIndex=1&count=100',
      'GET /Users?startIndex=61&count=100',
      'GET /Users?startIndex=121&count=100',
      'GET /Users?startIndex=181&count=100',
    ]);
  });

  it('marks users with a directory account Imported (same username or email) and offers the New ones first', async () => {
    const { importer, idp } = await setup(many(4));
    await idp.createUser({
      username: 'user2@example.com',
      email: 'x@example.com',
      firstname: 'X',
      lastname: 'Y',
    });
    await idp.createUser({ username: 'other', email: 'USER4@example.com', firstname: 'X', lastname: 'Y' });
    const listing = await importer.list();
    expect(listing.users.map((user) => user.status)).toEqual(['new', 'imported', 'new', 'imported']);
    expect(listing.newOnly().map((user) => user.userName)).toEqual([
      'user1@example.com',
      'user3@example.com',
    ]);
    expect(listing.newFirst().map((user) => user.status)).toEqual(['new', 'new', 'imported', 'imported']);
  });

  it('reads each user back through the mapping, leaving the password out', () => {
    const app = new ReferenceIdp().createApplication(interactCatalog);
    const fields = directoryFields(
      spUser(1, {
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
        phoneNumbers: [{ type: 'work', value: '+1 555' }],
        addresses: [{ type: 'work', locality: 'Leeds' }],
        password: 'never',
      }),
      app,
    );
    expect(fields).toMatchObject({
      username: 'user1@example.com',
      email: 'user1@example.com',
      firstname: 'First1',
      lastname: 'Last1',
      jobTitle: 'Title 1',
      department: 'R&D',
      phoneNumbers: [{ type: 'work', number: '+1 555' }],
      addresses: [{ type: 'work', locality: 'Leeds' }],
    });
    expect(fields).not.toHaveProperty('password');
  });

  it(`imports up to ${SYNCHRONOUS_IMPORT_LIMIT} users at once, without a notification or a SCIM call`, async () => {
    const { importer, idp, app, server } = await setup(many(SYNCHRONOUS_IMPORT_LIMIT));
    const listing = await importer.list();
    server.log.length = 0;
    const run = await importer.import(listing.users);
    expect(run.mode).toBe('synchronous');
    expect(run.mode === 'synchronous' && run.results.every((r) => r.outcome === 'created')).toBe(true);
    expect(idp.directory.users.size).toBe(SYNCHRONOUS_IMPORT_LIMIT);
    expect(idp.notifications).toEqual([]);
    expect(server.log).toEqual([]);
    expect(app.users.size).toBe(0);
  });

  it('runs a larger import in the background, ending with a completion notification', async () => {
    const { importer, idp } = await setup(many(150));
    const run = await importer.import((await importer.list()).users);
    expect(run.mode).toBe('background');
    if (run.mode !== 'background') return;
    expect(run.count).toBe(150);
    expect(idp.notifications).toEqual([]);
    const results = await run.done;
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(150);
    expect(idp.notifications).toEqual([
      {
        timestamp: '1970-01-01T00:00:00.000Z',
        application: 'interact',
        subject: 'Your Interact Software user import is complete',
        detail: '150 of 150 users imported from interact; 0 already had an account, 0 failed',
      },
    ]);
  });

  it('skips a user that already has an account instead of making a second one', async () => {
    const { importer, idp } = await setup(many(1));
    const [candidate] = (await importer.list()).users;
    await importer.import([candidate!]);
    const run = await importer.import([candidate!]);
    expect(run.mode === 'synchronous' && run.results[0]?.outcome).toBe('skipped');
    expect(idp.directory.users.size).toBe(1);
  });

  it('manages an imported user only once it joins a bound group, taking the SP user over', async () => {
    const { importer, idp, app, server, group } = await setup(many(1));
    const run = await importer.import((await importer.list()).users);
    const userId = run.mode === 'synchronous' ? run.results[0]!.userId! : '';
    expect(app.users.has(userId)).toBe(false);
    server.log.length = 0;
    await idp.addToGroup(group, userId);
    expect(server.log[0]).toBe('GET /Users?filter=userName+eq+%22user1%40example.com%22');
    expect(server.log.some((line) => line.startsWith('POST /Users'))).toBe(false);
    expect(app.users.get(userId)).toMatchObject({ spId: 'id-1', active: true });
  });

  it('leaves users inactive in the SP out where the catalogue says so (SPK-05)', async () => {
    const users = [spUser(1), spUser(2, { active: false })];
    const skipping = await setup([...users], { entry: { ...interactCatalog, importSkipsInactive: true } });
    expect((await skipping.importer.list()).users.map((user) => user.spId)).toEqual(['id-1']);
    const keeping = await setup([...users]);
    expect((await keeping.importer.list()).users.map((user) => user.active)).toEqual([true, false]);
  });

  it('refuses to list before identity management is active', async () => {
    const idp = new ReferenceIdp();
    const app = idp.createApplication(interactCatalog);
    await expect(manualImport(idp, app).list()).rejects.toThrow(/activate it first/);
  });

  it('breaks each rule under its fault switch', async () => {
    const firstPage = await setup(many(150), { faults: ['import-first-page-only'] });
    expect((await firstPage.importer.list()).users).toHaveLength(100);
    const allNew = await setup(many(1), { faults: ['import-marks-all-new'] });
    await allNew.idp.createUser({
      username: 'user1@example.com',
      email: 'user1@example.com',
      firstname: 'A',
      lastname: 'B',
    });
    expect((await allNew.importer.list()).users[0]!.status).toBe('new');
    const atOnce = await setup(many(150), { faults: ['import-all-at-once'] });
    expect((await atOnce.importer.import((await atOnce.importer.list()).users)).mode).toBe('synchronous');
    expect(atOnce.idp.notifications).toEqual([]);
    const early = await setup(many(100), { faults: ['import-background-from-100'] });
    expect((await early.importer.import((await early.importer.list()).users)).mode).toBe('background');
    const eager = await setup(many(1), { faults: ['import-manages-immediately'] });
    await eager.importer.import((await eager.importer.list()).users);
    expect(eager.app.users.size).toBe(1);
    const inactive = await setup([spUser(1, { active: false })], {
      faults: SPARKPOST_IDP_FAULTS.filter((fault) => fault.id === 'import-inactive-users'),
      entry: { ...interactCatalog, importSkipsInactive: true },
    });
    expect((await inactive.importer.list()).users).toHaveLength(1);
  });
});
