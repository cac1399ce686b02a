/**
 * A dialect's user requests: the lookup before a create, the read before a PUT, setting
 * `active` alone, sending changed attributes, and the create with its resends.
 * @see IDP-IDM-03…-06, -12, -13
 */
import { isJsonObject, type JsonObject, type ScimResponse } from '#harness/scim';
import { ConnectorError, type ConnectorContext } from './connector.js';
import { createResource } from './create-resource.js';
import type { DirectoryUser } from './directory.js';
import { RequestFailed, firstResource, ok, subjectOf, success, type Subject } from './dialect-request.js';
import { activeOp, createUserBody, fillQuery, patchBody, putBody, updateOps } from './dialect-wire.js';
import type { ActiveWire, DialectProfile } from './dialects/index.js';

/** The user requests `profile` describes. */
export function dialectUsers(profile: DialectProfile) {
  /** The SP user whose userName is `userName`, per the lookup wire (IDP-IDM-03), if any. */
  async function lookUp(
    ctx: ConnectorContext,
    userName: string,
    subject: Subject,
  ): Promise<JsonObject | undefined> {
    const lookup = await ctx.scim.get('/Users', {
      query: fillQuery(profile.lookup.query, { value: userName }),
    });
    if (profile.lookup.notFound.includes(lookup.status)) return undefined;
    if (lookup.status !== 200 || !isJsonObject(lookup.body) || !Array.isArray(lookup.body.Resources)) {
      ctx.log({
        event_type: 'user_lookup_provision',
        outcome: 'failure',
        resource: subject,
        detail: `lookup of ${userName} answered ${lookup.status}`,
      });
      throw new RequestFailed(`Looking up ${userName} answered ${lookup.status}`, lookup.status);
    }
    const found = firstResource(lookup);
    return found && typeof found.id === 'string' ? found : undefined;
  }

  /** GET /Users/{id}: the SP's user, which a PUT writes over. */
  async function read(ctx: ConnectorContext, user: DirectoryUser, spId: string): Promise<JsonObject> {
    const response = await ctx.scim.get(`/Users/${spId}`);
    ok(response, `Reading ${user.username}`, [200]);
    if (!isJsonObject(response.body))
      throw new ConnectorError(`Reading ${user.username} answered no resource`);
    return response.body;
  }

  /** Sets `active` alone by the wire's method. */
  async function setActive(
    ctx: ConnectorContext,
    user: DirectoryUser,
    spId: string,
    wire: ActiveWire,
    active: boolean,
  ): Promise<ScimResponse> {
    if (wire.method === 'PATCH')
      return ctx.scim.patch(`/Users/${spId}`, patchBody([activeOp(profile, wire, active)]));
    const existing = await read(ctx, user, spId);
    return ctx.scim.put(`/Users/${spId}`, putBody(profile, existing, { active }, ['active']));
  }

  /** Sends the changed attributes `keys` of `next` (IDP-IDM-04, -06). */
  async function update(
    ctx: ConnectorContext,
    user: DirectoryUser,
    spId: string,
    previous: JsonObject | undefined,
    next: JsonObject,
    keys: readonly string[],
  ): Promise<void> {
    const log = (response: ScimResponse, detail: string): void =>
      ctx.log({
        event_type: 'user_update_provision',
        outcome: success(response),
        resource: subjectOf(user),
        detail,
      });
    let rest = keys;
    const { reactivate } = profile.active;
    if (reactivate !== 'with-update' && previous?.active === false && next.active === true) {
      const response = await setActive(ctx, user, spId, reactivate, true);
      log(response, `${reactivate.method} active=true answered ${response.status}`);
      ok(response, `Reactivating ${user.username}`, [200, 204]);
      rest = keys.filter((key) => key !== 'active');
    }
    if (rest.length === 0) return;
    if (profile.update.method === 'PUT') {
      const response = await ctx.scim.put(
        `/Users/${spId}`,
        putBody(profile, await read(ctx, user, spId), next, rest),
      );
      log(response, `PUT ${rest.join(', ')} answered ${response.status}`);
      ok(response, `Updating ${user.username}`, [200, 204]);
      return;
    }
    const operations = updateOps(profile, previous, next, rest);
    if (operations.length === 0) return;
    const response = await ctx.scim.patch(`/Users/${spId}`, patchBody(operations));
    log(
      response,
      `PATCH ${operations.map((op) => op.path ?? Object.keys(op.value as JsonObject)).join(', ')} answered ${response.status}`,
    );
    ok(response, `Updating ${user.username}`, [200, 204]);
  }

  /** Creates the user; a create that failed with a 5xx or a timeout is looked up before it is resent (IDP-IDM-12). */
  function create(ctx: ConnectorContext, user: DirectoryUser, resource: JsonObject): Promise<string> {
    const userName = String(resource.userName);
    const subject = subjectOf(user);
    return createResource(ctx, {
      endpoint: '/Users',
      what: `Creating ${userName}`,
      event: 'user_create_provision',
      subject,
      body: createUserBody(profile, resource, user),
      attempts: profile.create.attempts,
      lookUp: async () => (await lookUp(ctx, userName, subject))?.id as string | undefined,
    });
  }

  return { lookUp, read, setActive, update, create };
}
