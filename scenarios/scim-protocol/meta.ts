/**
 * The meta a resource carries: its resourceType, and a lastModified and version that move
 * with every change (a PUT, a PATCH, a membership change on a group).
 * @see RFC 7643 §3.1; RFC 7644 §3.14
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { PATCH_OP_SCHEMA, isJsonObject, type JsonObject, type ScimResponse } from '#harness/scim';
import { createGroup, createUser, expectStatus } from '../support.js';

const META = 'RFC 7643 §3.1';
const impact = {
  severity: 'warning',
  consequence:
    'the IdPs this tool models do not read meta; a client that syncs by lastModified or writes with If-Match misses the change',
} as const;

/** The meta of a resource as GET shows it. */
async function metaOf(ctx: ScenarioContext, path: string): Promise<JsonObject> {
  const response = await ctx.scim.get(path);
  expectStatus(ctx, response, 200, 'RFC 7644 §3.4.1');
  return isJsonObject(response.body) && isJsonObject(response.body.meta) ? response.body.meta : {};
}

/**
 * Fails unless the meta after a write moved on from `before`: lastModified no earlier than the
 * creation of a resource made just before the write, and a new version where there was one.
 */
async function expectMoved(
  ctx: ScenarioContext,
  path: string,
  before: JsonObject,
  write: () => Promise<ScimResponse>,
  what: string,
): Promise<void> {
  const marker = await createUser(ctx);
  const markerCreated = isJsonObject(marker.body.meta) ? Date.parse(String(marker.body.meta.created)) : NaN;
  const response = await write();
  expectStatus(ctx, response, [200, 204], what);
  const after =
    response.status === 200 && isJsonObject(response.body) && isJsonObject(response.body.meta)
      ? response.body.meta
      : await metaOf(ctx, path);
  const modified = Date.parse(String(after.lastModified));
  ctx.expect(
    !Number.isNaN(modified) &&
      modified >= Date.parse(String(before.lastModified)) &&
      (Number.isNaN(markerCreated) || modified >= markerCreated),
    `After ${what} meta.lastModified is ${JSON.stringify(after.lastModified)}, earlier than a resource created before the change (${JSON.stringify(isJsonObject(marker.body.meta) ? marker.body.meta.created : undefined)}): it is "the most recent DateTime that the details of this resource were updated" (${META})`,
  );
  if (typeof before.version === 'string')
    ctx.expect(
      after.version !== before.version,
      `After ${what} meta.version is still ${JSON.stringify(before.version)}: the version changes with the resource (${META}; RFC 7644 §3.14), or a client's If-Match overwrites the change`,
    );
}

/** A check that meta.resourceType names the resource type the server serves at `endpoint`. */
function resourceTypeCheck(kind: 'User' | 'Group') {
  return defineScenario({
    id: `scim-protocol/meta-resource-type-${kind.toLowerCase()}`,
    title: `meta.resourceType of a ${kind} is "${kind}"`,
    requirements: ['SCIM-CREATE'],
    level: 'MUST',
    clause: META,
    ...(kind === 'Group' ? { requires: { groups: true } } : {}),
    async run(ctx: ScenarioContext) {
      const { id } = kind === 'User' ? await createUser(ctx) : await createGroup(ctx);
      const meta = await metaOf(ctx, `/${kind}s/${id}`);
      ctx.expect(
        meta.resourceType === kind,
        `meta.resourceType of a ${kind} is ${JSON.stringify(meta.resourceType)}; it is "the name of the resource type of the resource" ("${kind}", RFC 7643 §3.1, §4). A client telling resources apart by it, as a root search needs, cannot`,
      );
    },
  });
}

export const metaScenarios = [
  resourceTypeCheck('User'),
  resourceTypeCheck('Group'),
  defineScenario({
    id: 'scim-protocol/meta-updated-on-put',
    title: 'a PUT moves meta.lastModified on and changes meta.version',
    requirements: ['SCIM-PUT'],
    level: 'MUST',
    clause: META,
    impact,
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const path = `/Users/${id}`;
      const before = await metaOf(ctx, path);
      await expectMoved(ctx, path, before, () => ctx.scim.put(path, { ...sent, title: 'Changed' }), 'a PUT');
    },
  }),
  defineScenario({
    id: 'scim-protocol/meta-updated-on-patch',
    title: 'a PATCH moves meta.lastModified on and changes meta.version',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: META,
    impact,
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const path = `/Users/${id}`;
      const before = await metaOf(ctx, path);
      const body = {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [{ op: 'replace', path: 'title', value: 'Changed' }],
      };
      await expectMoved(ctx, path, before, () => ctx.scim.patch(path, body), 'a PATCH');
    },
  }),
  defineScenario({
    id: 'scim-protocol/meta-updated-on-membership',
    title: 'adding a member moves the group’s meta.lastModified on and changes its meta.version',
    requirements: ['SCIM-PATCH'],
    level: 'MUST',
    clause: META,
    impact,
    requires: { groups: true },
    async run(ctx: ScenarioContext) {
      const { id: groupId } = await createGroup(ctx);
      const { id: userId } = await createUser(ctx);
      const path = `/Groups/${groupId}`;
      const before = await metaOf(ctx, path);
      const body = {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }],
      };
      await expectMoved(ctx, path, before, () => ctx.scim.patch(path, body), 'a PATCH adding a member');
    },
  }),
  defineScenario({
    id: 'scim-protocol/meta-created-stable',
    title: 'meta.created stays what it was through a PUT and a PATCH',
    requirements: ['SCIM-PUT', 'SCIM-PATCH'],
    level: 'MUST',
    clause: `${META} (created: when the resource was added; meta is readOnly)`,
    impact,
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const path = `/Users/${id}`;
      const created = (await metaOf(ctx, path)).created;
      if (typeof created !== 'string') ctx.notApplicable('the server gives no meta.created');
      expectStatus(
        ctx,
        await ctx.scim.put(path, { ...sent, title: 'Changed' }),
        [200, 204],
        'RFC 7644 §3.5.1',
      );
      const body = {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [{ op: 'replace', path: 'title', value: 'Changed again' }],
      };
      expectStatus(ctx, await ctx.scim.patch(path, body), [200, 204], 'RFC 7644 §3.5.2');
      const after = (await metaOf(ctx, path)).created;
      ctx.expect(
        after === created,
        `meta.created was ${JSON.stringify(created)} and reads ${JSON.stringify(after)} after a PUT and a PATCH: it is when the resource was added (${META}), so an audit of when accounts were provisioned is wrong`,
      );
    },
  }),
];
