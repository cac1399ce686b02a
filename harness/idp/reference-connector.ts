/**
 * The reference connector: JumpCloud's SCIM dialect, every item a setting so other
 * IdPs' dialects can be replayed later. Its group sync is reference-groups.ts.
 * @see IDP-IDM-13
 */
import { isJsonObject, type JsonObject } from '#harness/scim';
import { GROUP_SCHEMA, USER_SCHEMA } from '#harness/scim';
import { ConnectorError, type Connector, type ConnectorContext } from './connector.js';
import type { DirectoryUser } from './directory.js';
import { createResource } from './create-resource.js';
import { idOf, ok, subjectOf, type Subject } from './dialect-request.js';
import { patchBody, quote, testStamp } from './dialect-wire.js';
import { changedAttributes, mapUser, spHolds } from './mapping.js';
import { syncGroup } from './reference-groups.js';
import { CREATE_ATTEMPTS, waitAsAsked } from './reference-retry.js';
import { resilient } from './resilient.js';

/** The reference connector's calls, on a context whose client already retries and refreshes (resilient.ts). */
const calls: Connector = {
  name: 'jumpcloud',

  async testConnection(ctx, options) {
    const suffix = testStamp(Date.now);
    const userName = `jumpcloud.test.${suffix}@example.com`;
    const created = await ctx.scim.post('/Users', {
      schemas: [USER_SCHEMA],
      userName,
      name: { givenName: 'JumpCloud', familyName: 'Test' },
      emails: [{ value: userName, type: 'work', primary: true }],
      active: true,
    });
    ok(created, 'Creating the test user', [201]);
    const userId = idOf(created, 'Creating the test user');
    if (options.groups) {
      const group = await ctx.scim.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: `JumpCloud Test ${suffix}`,
        members: [{ value: userId }],
      });
      ok(group, 'Creating the test group', [201]);
      ok(
        await ctx.scim.delete(`/Groups/${idOf(group, 'Creating the test group')}`),
        'Deleting the test group',
        [204],
      );
    }
    if (options.deleteUsers) ok(await ctx.scim.delete(`/Users/${userId}`), 'Deleting the test user', [204]);
    else
      ok(
        await ctx.scim.patch(
          `/Users/${userId}`,
          patchBody([{ op: 'replace', path: 'active', value: false }]),
        ),
        'Deactivating the test user',
        [200, 204],
      );
  },

  async provisionUser(ctx, user, link) {
    // The IdP provisions an entitled, unsuspended user: active unless the mapping derives otherwise
    // (SF-08: active = !suspended && !passwordExpired).
    const resource: JsonObject = {
      active: true,
      ...mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate: link.spId === undefined }),
    };
    if (link.spId !== undefined) {
      // An attribute no longer mapped (a create-only row, an excluded one: IDP-IDM-09, SF-03) is left
      // as it is in the SP: a replace always carries a value. **assumed**: the same for a value
      // emptied in the directory.
      const changed = changedAttributes(link.lastSent, resource).filter((key) => key in resource);
      if (changed.length > 0) await update(ctx, user, link.spId, replaceOps(resource, changed));
      return { spId: link.spId, lastSent: resource };
    }
    // IDP-IDM-03: look the user up before creating it; take an existing one over.
    const userName = String(resource.userName);
    const existing = await lookUp(ctx, userName, subjectOf(user));
    if (existing) return { spId: await takeOver(ctx, user, existing, resource), lastSent: resource };
    return { spId: await create(ctx, user, resource), lastSent: resource };
  },

  async deprovisionUser(ctx, user, spId) {
    const response = await ctx.scim.patch(
      `/Users/${spId}`,
      patchBody([{ op: 'replace', path: 'active', value: false }]),
    );
    const outcome = response.status === 200 || response.status === 204 ? 'success' : 'failure';
    ctx.log({
      event_type: 'user_deprovision',
      outcome,
      resource: { type: 'user', id: user.id, name: user.username },
      detail: `PATCH active=false answered ${response.status}`,
    });
    ok(response, `Deactivating ${user.username}`, [200, 204]);
  },

  async deleteUser(ctx, user, spId) {
    const response = await ctx.scim.delete(`/Users/${spId}`);
    const outcome = response.status === 204 || response.status === 404 ? 'success' : 'failure';
    ctx.log({
      event_type: 'user_delete_provision',
      outcome,
      resource: { type: 'user', id: user.id, name: user.username },
      detail: `DELETE answered ${response.status}`,
    });
    ok(response, `Deleting ${user.username}`, [204, 404]);
  },

  // IDP-IDM-07, -14: created or taken over, its members in requests of at most ctx.maxMembersPerRequest.
  syncGroup,

  async deleteGroup(ctx, group, spId) {
    const response = await ctx.scim.delete(`/Groups/${spId}`);
    const outcome = response.status === 204 || response.status === 404 ? 'success' : 'failure';
    ctx.log({
      event_type: 'group_delete_provision',
      outcome,
      resource: { type: 'group', id: group.id, name: group.name },
      detail: `DELETE answered ${response.status}`,
    });
    ok(response, `Deleting group ${group.name}`, [204, 404]);
  },
};

/** The reference connector: its calls with token refresh and retries as JumpCloud does them (IDP-IDM-12). */
export const referenceConnector: Connector = resilient(calls);

/** The SP user whose userName is `userName` (IDP-IDM-03, IDP-IDM-13: `userName eq`), if any. */
async function lookUp(
  ctx: ConnectorContext,
  userName: string,
  subject: Subject,
): Promise<JsonObject | undefined> {
  const lookup = await ctx.scim.get('/Users', { query: { filter: `userName eq ${quote(userName)}` } });
  if (lookup.status !== 200 || !isJsonObject(lookup.body) || !Array.isArray(lookup.body.Resources)) {
    ctx.log({
      event_type: 'user_lookup_provision',
      outcome: 'failure',
      resource: subject,
      detail: `lookup of ${userName} answered ${lookup.status}`,
    });
    throw new ConnectorError(`Looking up ${userName} answered ${lookup.status}`);
  }
  const found = lookup.body.Resources.find((item): item is JsonObject => isJsonObject(item));
  return found && typeof found.id === 'string' ? found : undefined;
}

/** IDP-IDM-03: takes an existing SP user over, updating what differs; returns its id. */
async function takeOver(
  ctx: ConnectorContext,
  user: DirectoryUser,
  existing: JsonObject,
  resource: JsonObject,
): Promise<string> {
  const spId = existing.id as string;
  const differing = Object.keys(resource).filter(
    (key) => key !== 'schemas' && !spHolds(existing, key, resource[key]),
  );
  if (differing.length > 0) await update(ctx, user, spId, replaceOps(resource, differing));
  else
    ctx.log({
      event_type: 'user_update_provision',
      outcome: 'success',
      resource: subjectOf(user),
      detail: `took over ${spId}; already up to date`,
    });
  return spId;
}

/** Creates the user; returns its id. A 503 that says when to come back is waited out before the lookup (RFC 9110 §10.2.3). */
function create(ctx: ConnectorContext, user: DirectoryUser, resource: JsonObject): Promise<string> {
  const userName = String(resource.userName);
  const subject = subjectOf(user);
  return createResource(ctx, {
    endpoint: '/Users',
    what: `Creating ${userName}`,
    event: 'user_create_provision',
    subject,
    body: resource,
    attempts: CREATE_ATTEMPTS,
    lookUp: async () => (await lookUp(ctx, userName, subject))?.id as string | undefined,
    beforeLookUp: (answer) => waitAsAsked(ctx, answer),
  });
}

/**
 * One replace per changed attribute (IDP-IDM-13); an extension object is not an
 * attribute, so each of its attributes gets its own URN-qualified path.
 */
function replaceOps(resource: JsonObject, keys: readonly string[]): JsonObject[] {
  return keys.flatMap((key) => {
    const value = resource[key];
    if (key.startsWith('urn:') && isJsonObject(value)) {
      return Object.entries(value).map(([attr, inner]) => ({
        op: 'replace',
        path: `${key}:${attr}`,
        value: inner,
      }));
    }
    return [{ op: 'replace', path: key, value }];
  });
}

async function update(
  ctx: ConnectorContext,
  user: DirectoryUser,
  spId: string,
  operations: JsonObject[],
): Promise<void> {
  const response = await ctx.scim.patch(`/Users/${spId}`, patchBody(operations));
  const outcome = response.status === 200 || response.status === 204 ? 'success' : 'failure';
  ctx.log({
    event_type: 'user_update_provision',
    outcome,
    resource: { type: 'user', id: user.id, name: user.username },
    detail: `PATCH ${operations.map((op) => op.path).join(', ')} answered ${response.status}`,
  });
  ok(response, `Updating ${user.username}`, [200, 204]);
}
