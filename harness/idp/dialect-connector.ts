/**
 * A connector that speaks an IdP's SCIM dialect from its profile (harness/idp/dialects/): every
 * way one IdP's wire differs from another's is a profile field read here, never a branch on the
 * IdP. The `jumpcloud` profile makes the reference connector's wire.
 * @see IDP-IDM-01, -03…-07, -12, -13; docs/decisions/0014-idp-dialects.md
 */
import { randomUUID } from 'node:crypto';
import { ScimTransportError, isJsonObject, type JsonObject } from '#harness/scim';
import { ConnectorError, type Connector, type ConnectorContext } from './connector.js';
import type { DirectoryUser } from './directory.js';
import { addMembers, pushMembers } from './dialect-groups.js';
import { RequestFailed, firstResource, idOf, ok, subjectOf } from './dialect-request.js';
import { duration, escrowSchedule, quarantined, type FailureCount } from './dialect-retry.js';
import { dialectUsers } from './dialect-users.js';
import { resilient } from './resilient.js';
import { chunks, differingAttributes, fillQuery, memberRef, testStamp } from './dialect-wire.js';
import type { DialectProfile } from './dialects/index.js';
import { changedAttributes, mapUser } from './mapping.js';

/** How a dialect connector waits, tells time and makes GUIDs. */
export interface DialectConnectorOptions {
  /**
   * Waits out the profile's escrow schedule (tests record instead of sleeping). Without one, a
   * failed operation fails at once and its message says when the IdP would try it again.
   * @default none
   */
  sleep?: (ms: number) => Promise<void>;
  /** The clock behind the test user's `{suffix}`. @default Date.now */
  now?: () => number;
  /** The random GUID of a query test connection. @default crypto.randomUUID */
  newGuid?: () => string;
}

/** A Connector speaking `profile`'s wire (IDP-IDM-13). */
export function dialectConnector(profile: DialectProfile, options: DialectConnectorOptions = {}): Connector {
  const now = options.now ?? Date.now;
  const newGuid = options.newGuid ?? randomUUID;
  const { lookUp, setActive, update, create } = dialectUsers(profile);
  // What the IdP remembers per SP (keyed by base URL and SP id): member display names, group names sent.
  const userNames = new Map<string, string>();
  const groupNames = new Map<string, string>();
  const counts = new Map<string, FailureCount>();
  const keyOf = (ctx: ConnectorContext, spId: string): string => `${ctx.scim.baseUrl} ${spId}`;

  /** Runs one operation under the escrow schedule and the quarantine rule (IDP-IDM-12). */
  async function guarded<T>(ctx: ConnectorContext, what: string, run: () => Promise<T>): Promise<T> {
    const rule = profile.retry.quarantine;
    let count = counts.get(ctx.scim.baseUrl);
    if (!count) counts.set(ctx.scim.baseUrl, (count = { failures: 0, successes: 0, immediate: false }));
    if (quarantined(rule, count))
      throw new ConnectorError(
        `${profile.idp} has put provisioning to ${ctx.application} in quarantine (${count.failures} failures, ${count.successes} successes); ${what} sent no request: fix the SP and restart provisioning`,
      );
    const schedule = escrowSchedule(profile.retry.escrow);
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await run();
        count.successes++;
        return result;
      } catch (error) {
        if (!(error instanceof ConnectorError || error instanceof ScimTransportError)) throw error;
        count.failures++;
        if (error instanceof RequestFailed && rule?.immediately.includes(error.status))
          count.immediate = true;
        const next = schedule[attempt];
        if (next === undefined && attempt > 0)
          throw new ConnectorError(
            `${what} still failed ${duration(waited)} after its first failure (${attempt} retries); ${profile.idp} gives it up (last: ${error.message})`,
          );
        if (next === undefined || quarantined(rule, count)) throw error;
        if (!options.sleep)
          throw new ConnectorError(
            `${error.message}; ${profile.idp} retries it ${duration(next)} after this failure`,
          );
        await options.sleep(next - waited);
        waited = next;
      }
    }
  }

  const connector: Connector = {
    name: profile.id,

    async testConnection(ctx, { groups, deleteUsers }) {
      const wire = profile.testConnection;
      if (wire.kind === 'query') {
        const guid = newGuid();
        const probe = async (path: string, query: typeof wire.query): Promise<void> => {
          const response = await ctx.scim.get(path, { query: fillQuery(query, { guid }) });
          const body = response.body;
          const resources = isJsonObject(body)
            ? (body.Resources ?? (body.totalResults === 0 ? [] : undefined))
            : undefined;
          if (response.status !== 200 || !Array.isArray(resources))
            throw new ConnectorError(
              `Test connection: GET ${path} answered ${response.status}; ${profile.idp} expects 200 with a ListResponse`,
            );
          if (wire.emptyList && resources.length > 0)
            throw new ConnectorError(
              `Test connection: GET ${path} for a random GUID answered ${resources.length} resources; expected none`,
            );
        };
        await probe('/Users', wire.query);
        if (groups && wire.groupQuery) await probe('/Groups', wire.groupQuery);
        return;
      }
      const suffix = testStamp(now);
      const fill = (template: string): string => template.replace('{suffix}', suffix);
      const userName = fill(wire.userName);
      const created = await ctx.scim.post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName,
        name: { givenName: wire.givenName, familyName: wire.familyName },
        emails: [{ value: userName, type: 'work', primary: true }],
        active: true,
      });
      ok(created, 'Creating the test user', [201]);
      const userId = idOf(created, 'Creating the test user');
      if (groups) {
        const group = await ctx.scim.post('/Groups', {
          schemas: [...profile.groups.createSchemas],
          displayName: fill(wire.groupName),
          members: [{ value: userId }],
        });
        ok(group, 'Creating the test group', [201]);
        ok(
          await ctx.scim.delete(`/Groups/${idOf(group, 'Creating the test group')}`),
          'Deleting the test group',
          [204],
        );
      }
      if (deleteUsers) ok(await ctx.scim.delete(`/Users/${userId}`), 'Deleting the test user', [204]);
      else {
        const testUser = { id: userId, username: userName } as DirectoryUser;
        ok(
          await setActive(ctx, testUser, userId, profile.active.deactivate, false),
          'Deactivating the test user',
          [200, 204],
        );
      }
    },

    provisionUser: (ctx, user, link) =>
      guarded(ctx, `Provisioning ${user.username}`, async () => {
        // An entitled, unsuspended user is active unless the mapping derives otherwise (SF-08).
        const resource: JsonObject = {
          active: true,
          ...mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate: link.spId === undefined }),
        };
        const userName = String(resource.userName);
        let spId = link.spId;
        if (spId !== undefined) {
          // A value no longer mapped is left as it is in the SP: a replace always carries a value.
          const changed = changedAttributes(link.lastSent, resource).filter((key) => key in resource);
          if (changed.length > 0) await update(ctx, user, spId, link.lastSent, resource, changed);
        } else {
          const existing = await lookUp(ctx, userName, subjectOf(user));
          if (existing) {
            spId = existing.id as string;
            const differing = differingAttributes(existing, resource);
            if (differing.length > 0) await update(ctx, user, spId, existing, resource, differing);
            else
              ctx.log({
                event_type: 'user_update_provision',
                outcome: 'success',
                resource: subjectOf(user),
                detail: `took over ${spId}; already up to date`,
              });
          } else spId = await create(ctx, user, resource);
        }
        userNames.set(keyOf(ctx, spId), userName);
        return { spId, lastSent: resource };
      }),

    deprovisionUser: (ctx, user, spId) =>
      guarded(ctx, `Deactivating ${user.username}`, async () => {
        const wire = profile.active.deactivate;
        const response = await setActive(ctx, user, spId, wire, false);
        ctx.log({
          event_type: 'user_deprovision',
          outcome: response.status === 200 || response.status === 204 ? 'success' : 'failure',
          resource: subjectOf(user),
          detail: `${wire.method} active=false answered ${response.status}`,
        });
        ok(response, `Deactivating ${user.username}`, [200, 204]);
      }),

    async deleteUser(ctx, user, spId) {
      if (profile.deleteUser === 'deactivate') return connector.deprovisionUser(ctx, user, spId);
      return guarded(ctx, `Deleting ${user.username}`, async () => {
        const response = await ctx.scim.delete(`/Users/${spId}`);
        ctx.log({
          event_type: 'user_delete_provision',
          outcome: response.status === 204 || response.status === 404 ? 'success' : 'failure',
          resource: subjectOf(user),
          detail: `DELETE answered ${response.status}`,
        });
        ok(response, `Deleting ${user.username}`, [204, 404]);
      });
    },

    syncGroup: (ctx, group, memberSpIds, link) =>
      guarded(ctx, `Syncing group ${group.name}`, async () => {
        const wire = profile.groups;
        let spId = link.spId;
        if (spId === undefined && wire.lookup) {
          // IDP-IDM-07: take over an SP group of the same name instead of duplicating it.
          const lookup = await ctx.scim.get('/Groups', {
            query: fillQuery(wire.lookup.query, { value: group.name }),
          });
          const found = firstResource(lookup);
          if (found && typeof found.id === 'string') {
            spId = found.id;
            groupNames.set(keyOf(ctx, spId), group.name);
          }
        }
        if (spId !== undefined) {
          await pushMembers(
            profile,
            (id) => userNames.get(keyOf(ctx, id)),
            ctx,
            group,
            spId,
            link.lastMembers ?? [],
            memberSpIds,
            groupNames.get(keyOf(ctx, spId)) !== group.name,
          );
          groupNames.set(keyOf(ctx, spId), group.name);
          return { spId, lastMembers: [...memberSpIds] };
        }
        const body: JsonObject = { schemas: [...wire.createSchemas], displayName: group.name };
        if (wire.externalId) body.externalId = group.id;
        Object.assign(body, structuredClone(wire.createExtras));
        // IDP-IDM-14: an inline create carries what one request may; the rest follows as adds.
        const [inline = [], ...rest] = chunks(memberSpIds, wire.maxMembersPerRequest);
        if (wire.createMembers === 'inline')
          body.members = inline.map((id) => memberRef(profile, id, userNames.get(keyOf(ctx, id))));
        else if (wire.createMembers === 'empty') body.members = [];
        const created = await ctx.scim.post('/Groups', body);
        ctx.log({
          event_type: 'group_create_provision',
          outcome: created.status === 201 ? 'success' : 'failure',
          resource: { type: 'group', id: group.id, name: group.name },
          detail: `POST /Groups answered ${created.status}`,
        });
        ok(created, `Creating group ${group.name}`, [201]);
        spId = idOf(created, `Creating group ${group.name}`);
        groupNames.set(keyOf(ctx, spId), group.name);
        if (wire.createMembers === 'inline')
          await addMembers(profile, (id) => userNames.get(keyOf(ctx, id)), ctx, group, spId, rest.flat());
        else
          await pushMembers(
            profile,
            (id) => userNames.get(keyOf(ctx, id)),
            ctx,
            group,
            spId,
            [],
            memberSpIds,
            false,
          );
        return { spId, lastMembers: [...memberSpIds] };
      }),

    deleteGroup: (ctx, group, spId) =>
      guarded(ctx, `Deleting group ${group.name}`, async () => {
        const response = await ctx.scim.delete(`/Groups/${spId}`);
        ctx.log({
          event_type: 'group_delete_provision',
          outcome: response.status === 204 || response.status === 404 ? 'success' : 'failure',
          resource: { type: 'group', id: group.id, name: group.name },
          detail: `DELETE answered ${response.status}`,
        });
        ok(response, `Deleting group ${group.name}`, [204, 404]);
      }),
  };
  // IDP-IDM-12: each request retried with the dialect's own figures, the token refreshed after a 401.
  return resilient(connector, () => profile.retry.request);
}
