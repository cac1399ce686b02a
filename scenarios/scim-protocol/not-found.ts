/**
 * What a server answers for a resource it no longer has, or never had. A deleted user or group is
 * 404 to every operation and gone from query results (RFC 7644 §3.6, MUST); an id that names
 * nothing is 404 (§3.12, Table 8, SHOULD) and a PUT to it creates nothing (§3.5.1, MUST NOT).
 * Each check judges the status alone: the error body is scim-protocol/error-body-shape's. The
 * read after a delete is judged by scim-protocol/delete-204 and scim-protocol/group-lifecycle,
 * so a delete that does not take blocks these checks instead of failing them a second time.
 */
import {
  defineScenario,
  type Scenario,
  type ScenarioContext,
  type ScenarioDefinition,
} from '#harness/runner';
import type { CoreRequirementId } from '#harness/requirements';
import { PATCH_OP_SCHEMA, isJsonObject, type JsonObject, type ScimResponse } from '#harness/scim';
import {
  CREATE_GROUP_CHECK,
  createGroup,
  createUser,
  describeResponse,
  expectStatus,
  newUserBody,
  removeLater,
} from '../support.js';

/** The check that judges deleting a user, the read-back 404 included. */
const DELETE_USER_CHECK = 'scim-protocol/delete-204';
/** The check that judges a plain `userName eq` filter. */
const USERNAME_EQ_CHECK = 'scim-protocol/filter-username-eq';

const DELETED =
  'RFC 7644 §3.6 (MUST): a service provider "MUST return a 404 (Not Found) error code for all operations associated with the previously deleted resource"';
const UNKNOWN =
  'RFC 7644 §3.12 (SHOULD: the status codes of its Table 8): 404 when the "specified resource (e.g., User) or endpoint does not exist"';
const NOT_CREATED = 'RFC 7644 §3.5.1 (MUST NOT): "HTTP PUT MUST NOT be used to create new resources"';

/** An id no server holds, well-formed (a UUID) so that a server cannot refuse it as malformed instead. */
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000404';

/** What an IdP sends a user it no longer finds in the directory: a deactivation. */
const DEACTIVATE = {
  schemas: [PATCH_OP_SCHEMA],
  Operations: [{ op: 'replace', path: 'active', value: false }],
};

const evidence = (...responses: ScimResponse[]) =>
  responses.map((response) => ({ kind: 'http' as const, exchange: response.exchange }));

const userPath = (id: string): string => `/Users/${encodeURIComponent(id)}`;
const groupPath = (id: string): string => `/Groups/${encodeURIComponent(id)}`;

/** Deletes `path` and requires it gone (GET answers 404); blocked by `check`, which judges that, when it is not. */
async function deleteAndConfirm(ctx: ScenarioContext, path: string, check: string): Promise<void> {
  const removed = await ctx.scim.delete(path);
  ctx.require(
    removed.status >= 200 && removed.status < 300,
    check,
    `deleting the test resource failed, so there is no deleted resource to judge; ${describeResponse(removed)}`,
    evidence(removed),
  );
  const read = await ctx.scim.get(path);
  ctx.require(
    read.status === 404,
    check,
    `GET of the test resource after its DELETE did not answer 404, so it is not known to be gone; ${describeResponse(read)}`,
    evidence(read, removed),
  );
}

/** A resource the check acts on that is not there: its path, and what it was created with, if it was. */
interface Gone {
  path: string;
  sent: JsonObject;
}

/** A user the check created and deleted. */
async function deletedUser(ctx: ScenarioContext): Promise<Gone> {
  const { id, sent } = await createUser(ctx);
  const path = userPath(id);
  await deleteAndConfirm(ctx, path, DELETE_USER_CHECK);
  return { path, sent };
}

/** A group the check created and deleted. */
async function deletedGroup(ctx: ScenarioContext): Promise<Gone> {
  const { id, body } = await createGroup(ctx);
  const path = groupPath(id);
  await deleteAndConfirm(ctx, path, CREATE_GROUP_CHECK);
  return { path, sent: body };
}

/** An id of `collection` that never existed. */
const neverExisted = (collection: '/Users' | '/Groups') => (): Promise<Gone> =>
  Promise.resolve({ path: `${collection}/${UNKNOWN_ID}`, sent: {} });

/** Not applicable unless the server advertises PATCH: one without it may refuse every PATCH alike. */
function requirePatch(ctx: ScenarioContext): void {
  if (!ctx.target.capabilities.advertised.patch)
    ctx.notApplicable(
      'PATCH is not advertised in /ServiceProviderConfig (RFC 7644 §3.5.2 makes it optional)',
    );
}

/**
 * Fails unless `response` (to an operation on the gone resource at `path`) is 404 and `path`
 * still reads 404 after it: the operation brought nothing back. @see RFC 7644 §3.6
 */
async function expectStillGone(
  ctx: ScenarioContext,
  response: ScimResponse,
  path: string,
  rule: string,
): Promise<void> {
  const read = await ctx.scim.get(path);
  // Whatever came back is removed again, so a target is left as it was.
  if (read.status !== 404) ctx.defer(async () => void (await ctx.scim.delete(path)));
  const back = read.status === 404 ? '' : `; GET ${path} then answered ${read.status}: the resource is back`;
  ctx.expect(
    response.status === 404 && read.status === 404,
    `Expected 404 (${rule}); ${describeResponse(response)}${back}`,
    evidence(response, read),
  );
}

/** A check that one request on a resource that is not there answers 404 and brings nothing back. */
function goneCheck(
  check: Omit<ScenarioDefinition<CoreRequirementId>, 'run'> & {
    gone: (ctx: ScenarioContext) => Promise<Gone>;
    send: (ctx: ScenarioContext, gone: Gone) => Promise<ScimResponse>;
    /** The rule (clause and RFC 2119 level) a wrong status breaks. */
    rule: string;
    /** Sends a PATCH: not applicable where PATCH is not advertised. */
    patch?: boolean;
  },
): Scenario {
  const { gone, send, rule, patch = false, ...definition } = check;
  return defineScenario({
    ...definition,
    async run(ctx: ScenarioContext) {
      if (patch) requirePatch(ctx);
      const resource = await gone(ctx);
      await expectStillGone(ctx, await send(ctx, resource), resource.path, rule);
    },
  });
}

/** What an IdP sends a group it renames. */
const rename = (group: JsonObject): JsonObject => ({
  schemas: [PATCH_OP_SCHEMA],
  Operations: [{ op: 'replace', path: 'displayName', value: `${String(group.displayName)}-renamed` }],
});

/** The ids a list response holds (none when it is no ListResponse). */
function listedIds(response: ScimResponse): unknown[] {
  const resources = isJsonObject(response.body) ? response.body.Resources : undefined;
  return Array.isArray(resources)
    ? resources.map((resource) => (isJsonObject(resource) ? resource.id : undefined))
    : [];
}

const DELETED_USER = { level: 'MUST', clause: 'RFC 7644 §3.6', requires: { deleteUsers: true } } as const;
const UNKNOWN_ANSWER = { level: 'SHOULD', clause: 'RFC 7644 §3.12', rule: UNKNOWN } as const;

export const notFoundScenarios = [
  goneCheck({
    id: 'scim-protocol/deleted-user-patch-404',
    title: 'PATCH of a deleted user answers 404 and does not bring it back',
    requirements: ['SCIM-DELETE', 'SCIM-PATCH'],
    ...DELETED_USER,
    gone: deletedUser,
    send: (ctx, { path }) => ctx.scim.patch(path, DEACTIVATE),
    rule: DELETED,
    patch: true,
  }),
  goneCheck({
    id: 'scim-protocol/deleted-user-put-404',
    title: 'PUT of a deleted user answers 404 and does not recreate it',
    requirements: ['SCIM-DELETE', 'SCIM-PUT'],
    ...DELETED_USER,
    clause: 'RFC 7644 §3.6; RFC 7644 §3.5.1',
    gone: deletedUser,
    async send(ctx, { path, sent }) {
      const response = await ctx.scim.put(path, sent);
      removeLater(ctx, response, '/Users');
      return response;
    },
    rule: `${DELETED}; ${NOT_CREATED}`,
  }),
  goneCheck({
    id: 'scim-protocol/deleted-user-delete-404',
    title: 'DELETE of a user already deleted answers 404',
    requirements: ['SCIM-DELETE'],
    ...DELETED_USER,
    gone: deletedUser,
    send: (ctx, { path }) => ctx.scim.delete(path),
    rule: DELETED,
  }),
  defineScenario({
    id: 'scim-protocol/deleted-user-omitted-from-list',
    title: 'a deleted user is left out of a userName eq query',
    requirements: ['SCIM-DELETE', 'SCIM-LIST-FILTER'],
    ...DELETED_USER,
    async run(ctx: ScenarioContext) {
      if (!ctx.target.capabilities.advertised.filter)
        ctx.notApplicable(
          'filter is not advertised in /ServiceProviderConfig, so no query can single out the deleted user (RFC 7644 §3.4.2.2 makes filtering optional)',
        );
      const { id, sent } = await createUser(ctx);
      const query = { filter: `userName eq ${JSON.stringify(sent.userName)}` };
      const before = await ctx.scim.get('/Users', { query });
      ctx.require(
        before.status === 200 && listedIds(before).includes(id),
        USERNAME_EQ_CHECK,
        `the query did not find the test user before its deletion; ${describeResponse(before)}`,
        evidence(before),
      );
      await deleteAndConfirm(ctx, userPath(id), DELETE_USER_CHECK);
      const after = await ctx.scim.get('/Users', { query });
      expectStatus(ctx, after, 200, 'the same query after the delete; RFC 7644 §3.4.2');
      ctx.expect(
        !listedIds(after).includes(id),
        `GET /Users?filter=${query.filter} still lists the user deleted a moment before: RFC 7644 §3.6 (MUST): "Service providers MUST omit the resource from future query results"`,
        evidence(after),
      );
    },
  }),
  goneCheck({
    id: 'scim-protocol/deleted-group-patch-404',
    title: 'PATCH of a deleted group answers 404 and does not bring it back',
    requirements: ['SCIM-DELETE', 'SCIM-PATCH'],
    level: 'MUST',
    clause: 'RFC 7644 §3.6',
    requires: { groups: true },
    gone: deletedGroup,
    send: (ctx, { path, sent }) => ctx.scim.patch(path, rename(sent)),
    rule: DELETED,
    patch: true,
  }),
  goneCheck({
    id: 'scim-protocol/unknown-user-patch-404',
    title: 'PATCH of a user id that never existed answers 404',
    requirements: ['SCIM-PATCH', 'SCIM-ERRORS'],
    ...UNKNOWN_ANSWER,
    gone: neverExisted('/Users'),
    send: (ctx, { path }) => ctx.scim.patch(path, DEACTIVATE),
    patch: true,
  }),
  defineScenario({
    id: 'scim-protocol/unknown-user-put-404',
    title: 'PUT to a user id that never existed answers 404 and creates nothing',
    requirements: ['SCIM-PUT', 'SCIM-ERRORS'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.1; RFC 7644 §3.12',
    async run(ctx: ScenarioContext) {
      const path = userPath(UNKNOWN_ID);
      const response = await ctx.scim.put(path, newUserBody(ctx));
      removeLater(ctx, response, '/Users');
      const read = await ctx.scim.get(path);
      if (read.status !== 404) ctx.defer(async () => void (await ctx.scim.delete(path)));
      ctx.expect(
        response.status >= 300 && read.status !== 200,
        `PUT ${path} created a user (${NOT_CREATED}); ${describeResponse(response)}; GET then answered ${read.status}`,
        evidence(response, read),
      );
      // Refused without creating: the MUST NOT is kept, and any status but 404 misses the SHOULD.
      if (response.status !== 404)
        ctx.failAt(
          { level: 'SHOULD', security: false },
          `Expected 404 (${UNKNOWN}); ${describeResponse(response)}`,
          evidence(response),
        );
    },
  }),
  goneCheck({
    id: 'scim-protocol/unknown-user-delete-404',
    title: 'DELETE of a user id that never existed answers 404',
    requirements: ['SCIM-DELETE', 'SCIM-ERRORS'],
    ...UNKNOWN_ANSWER,
    requires: { deleteUsers: true },
    gone: neverExisted('/Users'),
    send: (ctx, { path }) => ctx.scim.delete(path),
  }),
  goneCheck({
    id: 'scim-protocol/unknown-group-get-404',
    title: 'GET of a group id that never existed answers 404',
    requirements: ['SCIM-READ', 'SCIM-ERRORS'],
    ...UNKNOWN_ANSWER,
    requires: { groups: true },
    gone: neverExisted('/Groups'),
    send: (ctx, { path }) => ctx.scim.get(path),
  }),
];
