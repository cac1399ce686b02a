/**
 * The lifecycle as a server's customers live it: the reference IdP, speaking the target's IdP
 * dialect, provisions, updates, deactivates, groups and imports, and each step is judged by
 * reading the server back over SCIM. Nothing here looks inside a mock, so the same checks
 * judge a mock SP and a server someone else runs (`--scim-url`).
 * @see docs/decisions/0016-lifecycle-read-back.md
 */
import {
  DIALECTS,
  ReferenceIdp,
  dialectConnector,
  isDialectId,
  type Application,
  type CatalogEntry,
  type DialectProfile,
  type IdmActivation,
} from '#harness/idp';
import type { DirectoryUserFields } from '#harness/idp';
import type { HttpExchange } from '#harness/evidence';
import type { Capabilities, ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject, type ScimResponse } from '#harness/scim';
import { credentialsFor } from './credentials.js';
import { insightsEvidence, mockOf } from './support.js';
import { connectorOf, idpFaultsOf, type MockTarget } from './targets.js';

/** The check that judges turning provisioning on; every other read-back check stands on it. */
export const CONNECT_CHECK = 'provisioning/connect-read-back';
/** The check that judges the IdP creating a user; the checks that need one stand on it. */
export const CREATE_CHECK = 'provisioning/create-read-back';

/**
 * What the IdP knows of a SCIM server it has no catalogue entry for: the attributes every
 * IdP's custom SCIM app maps by default (RFC 7643 §4.1 core User), nothing app-specific.
 */
export function genericScimCatalog(capabilities: Capabilities): CatalogEntry {
  return {
    id: 'scim-server',
    displayName: 'SCIM server under test',
    provisioning: true,
    groups: capabilities.groups,
    deleteUsers: capabilities.deleteUsers ?? true,
    mappings: [
      { scim: 'userName', source: { property: 'username' }, optional: false },
      { scim: 'active', source: { derived: 'active' }, optional: false },
      { scim: 'emails[type eq "work"].value', source: { property: 'email' }, optional: false },
      { scim: 'name.givenName', source: { property: 'firstname' }, optional: false },
      { scim: 'name.familyName', source: { property: 'lastname' }, optional: false },
      { scim: 'title', source: { property: 'jobTitle' }, optional: true },
    ],
  };
}

/** The dialect the target is driven in: its own, else the reference IdP's (JumpCloud's). */
export function dialectOf(ctx: ScenarioContext): DialectProfile {
  const id = ctx.target.dialect;
  return DIALECTS[id !== undefined && isDialectId(id) ? id : 'jumpcloud'];
}

export interface Lifecycle {
  idp: ReferenceIdp;
  app: Application;
  dialect: DialectProfile;
  /** A directory group bound to the app. */
  groupId: string;
}

/** The catalogue entry and credentials the IdP activates with: the mock's app's, or the generic server's. */
async function activation(
  ctx: ScenarioContext,
): Promise<{ entry: CatalogEntry; credentials: Pick<IdmActivation, 'token' | 'tokenSource'> }> {
  const app = (ctx.target as Partial<MockTarget>).app;
  if (app === undefined)
    return { entry: genericScimCatalog(ctx.target.capabilities), credentials: { token: ctx.instance.token } };
  const entry = app.idp;
  if (!entry?.provisioning) ctx.notApplicable(`the reference IdP does not provision ${app.sp.name}`);
  return { entry, credentials: await credentialsFor(ctx, mockOf(ctx), entry) };
}

/**
 * The reference IdP in the target's dialect with provisioning turned on and one bound group;
 * what it creates is removed when the check ends. A refused activation blocks the check on
 * {@link CONNECT_CHECK}, which judges it.
 */
export async function lifecycle(
  ctx: ScenarioContext,
  options: { groupManagement?: boolean } = {},
): Promise<Lifecycle> {
  // Groups are pushed only where a check is about them, so a group quirk never blocks a user check.
  const groupManagement = options.groupManagement ?? false;
  const dialect = dialectOf(ctx);
  const { entry, credentials } = await activation(ctx);
  const idp = new ReferenceIdp({
    ...(dialect.id === 'jumpcloud' ? connectorOf(ctx) : { connector: dialectConnector(dialect) }),
    fetch: ctx.instance.fetch,
    record: ctx.record,
    faults: idpFaultsOf(ctx),
  });
  const app = idp.createApplication(entry);
  ctx.attach(() => insightsEvidence(idp));
  ctx.defer(() => removeCreated(ctx));
  try {
    await idp.activateIdm(app, {
      baseUrl: ctx.instance.scimBaseUrl!,
      ...credentials,
      groupManagement,
    });
  } catch (error) {
    if (ctx.scenarioId === CONNECT_CHECK) throw error;
    ctx.blockedBy(CONNECT_CHECK, `turning provisioning on failed: ${messageOf(error)}`);
  }
  const groupId = idp.directory.createGroup(ctx.unique('Group')).id;
  await idp.bindGroup(app, groupId);
  return { idp, app, dialect, groupId };
}

/** Whether the app's attribute table maps the directory's `property` to `scim` (a path, or the start of one). */
export const maps = (setup: Lifecycle, property: string, scim: string): boolean =>
  setup.app.catalog.mappings.some(
    (row) => 'property' in row.source && row.source.property === property && row.scim.startsWith(scim),
  );

/** Not applicable unless the app's attribute table maps `property` to `scim` (the generic server's maps title and the work email). */
export function requireMapped(ctx: ScenarioContext, setup: Lifecycle, property: string, scim: string): void {
  if (!maps(setup, property, scim))
    ctx.notApplicable(`the IdP's attribute table for ${setup.app.catalog.displayName} does not map ${scim}`);
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs one step of the IdP (`what`: "deactivate the user"), failing the check with the IdP's
 * reason when it fails. A server that refused a request only because the dialect sent something
 * non-standard acted as the RFC allows: that is an incompatibility graded as a warning with what
 * it costs, never a conformance error. Otherwise `onFailure` (with the IdP's error and the
 * step's exchanges) may block or fail the check in its own words first.
 */
export async function act<T>(
  ctx: ScenarioContext,
  setup: Lifecycle,
  what: string,
  action: () => Promise<T>,
  onFailure?: (error: unknown, exchanges: readonly HttpExchange[]) => void,
): Promise<T> {
  const mark = ctx.exchanges.length;
  try {
    return await action();
  } catch (error) {
    // Only a 400 refuses what was sent; a 409 or a 404 answers something else, whatever the body carried.
    const refused = ctx.exchanges
      .slice(mark)
      .filter((e) => e.response?.status === 400)
      .at(-1);
    const body = refused?.request.body ?? '';
    const odd =
      refused === undefined ? undefined : setup.dialect.nonStandard.find((wire) => wire.carriedBy(body));
    if (odd !== undefined) {
      ctx.failAt(
        { level: 'SHOULD', security: false },
        `${setup.dialect.idp} could not ${what}: the server refused ${odd.what} with ${refused!.response!.status}, as the RFC allows, so with ${setup.dialect.idp} this step never takes effect. To work with it: ${odd.remedy}.`,
      );
    }
    onFailure?.(error, ctx.exchanges.slice(mark));
    ctx.fail(`${setup.dialect.idp} could not ${what}: ${messageOf(error)}`);
  }
}

/** A seeded person whose username and email carry the target's prefix, so a shared tenant can be swept. */
export function prefixedPerson(ctx: ScenarioContext): DirectoryUserFields {
  const email = `${ctx.unique('u').toLowerCase()}@example.com`;
  return { ...ctx.people.next(), username: email, email };
}

/** Creates a directory user and adds it to the bound group; the SP id the IdP linked, if any. */
export async function assign(
  ctx: ScenarioContext,
  setup: Lifecycle,
  person: DirectoryUserFields = prefixedPerson(ctx),
): Promise<{ person: DirectoryUserFields; userId: string; spId: string | undefined }> {
  const userId = await setup.idp.createUser(person);
  // A user the IdP could not create blocks the check on CREATE_CHECK; a failure after it (the group push) is the check's own.
  const blocked = (): void => {
    if (ctx.scenarioId !== CREATE_CHECK && setup.app.users.get(userId)?.spId === undefined)
      ctx.blockedBy(CREATE_CHECK, `the IdP could not create ${person.username}`);
  };
  await act(
    ctx,
    setup,
    `assign ${person.username}`,
    () => setup.idp.addToGroup(setup.groupId, userId),
    blocked,
  );
  return { person, userId, spId: setup.app.users.get(userId)?.spId };
}

/** The server's user or group by id, read back over SCIM; undefined when it answers 404. */
export async function readBack(
  ctx: ScenarioContext,
  collection: '/Users' | '/Groups',
  id: string,
): Promise<{ response: ScimResponse; resource: JsonObject | undefined }> {
  const response = await ctx.scim.get(`${collection}/${encodeURIComponent(id)}`);
  if (response.status === 404) return { response, resource: undefined };
  ctx.expect(
    response.status === 200 && isJsonObject(response.body),
    `GET ${collection}/${id} answered ${response.status}, not the resource the IdP created (RFC 7644 §3.4.1); the IdP could not confirm its change`,
  );
  return { response, resource: response.body };
}

/** The user the IdP linked, read back; the check is blocked by {@link CREATE_CHECK} when there is none. */
export async function provisioned(ctx: ScenarioContext, spId: string | undefined): Promise<JsonObject> {
  ctx.require(spId !== undefined, CREATE_CHECK, 'the IdP did not create the user');
  const { resource } = await readBack(ctx, '/Users', spId);
  ctx.require(resource !== undefined, CREATE_CHECK, `GET /Users/${spId} answered 404 after the create`);
  return resource;
}

/** A user assigned in the IdP and read back; the check is blocked by {@link CREATE_CHECK} when that failed. */
export async function assignedUser(
  ctx: ScenarioContext,
  setup: Lifecycle,
  person?: DirectoryUserFields,
): Promise<{ person: DirectoryUserFields; userId: string; spId: string; resource: JsonObject }> {
  const assigned = await assign(ctx, setup, person);
  const resource = await provisioned(ctx, assigned.spId);
  return { ...assigned, spId: assigned.spId!, resource };
}

/** The users a userName lookup finds, as the IdP's lookup filter asks (RFC 7644 §3.4.2.2). */
export async function usersNamed(ctx: ScenarioContext, userName: string): Promise<JsonObject[]> {
  const response = await ctx.scim.get('/Users', {
    query: { filter: `userName eq ${JSON.stringify(userName)}` },
  });
  ctx.expect(
    response.status === 200 && isJsonObject(response.body),
    `GET /Users?filter=userName eq "${userName}" answered ${response.status}: the IdP's lookup fails (RFC 7644 §3.4.2.2)`,
  );
  const found = response.body.Resources;
  return Array.isArray(found) ? found.filter(isJsonObject) : [];
}

/** The created resources (users and groups) among the check's exchanges: what it must remove. */
function createdIds(ctx: ScenarioContext): { collection: '/Users' | '/Groups'; id: string }[] {
  const created: { collection: '/Users' | '/Groups'; id: string }[] = [];
  for (const exchange of ctx.exchanges) {
    const { request, response } = exchange;
    if (request.method !== 'POST' || response === undefined || response.status >= 300) continue;
    const path = new URL(request.url).pathname;
    const collection = path.endsWith('/Users') ? '/Users' : path.endsWith('/Groups') ? '/Groups' : undefined;
    if (collection === undefined) continue;
    let body: unknown;
    try {
      body = JSON.parse(response.body ?? '');
    } catch {
      continue;
    }
    if (isJsonObject(body) && typeof body.id === 'string') created.push({ collection, id: body.id });
  }
  return created;
}

/**
 * Removes every user and group the check's requests created (only those: a shared tenant's
 * other resources are never touched): groups first, then users; a user the server will not
 * delete is deactivated instead.
 */
async function removeCreated(ctx: ScenarioContext): Promise<void> {
  const created = createdIds(ctx);
  const order = [
    ...created.filter((c) => c.collection === '/Groups'),
    ...created.filter((c) => c.collection === '/Users'),
  ];
  for (const { collection, id } of order) {
    const path = `${collection}/${encodeURIComponent(id)}`;
    const deleted = await ctx.scim.delete(path);
    if (deleted.status < 300 || deleted.status === 404 || collection === '/Groups') continue;
    await ctx.scim.patch(path, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
  }
}
