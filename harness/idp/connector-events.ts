/**
 * Directory Insights are the IdP's, not the connector's (IDP-IDM-10): a connector may record
 * events of its own through `ctx.log` (the reference connector words each step), and for a
 * call that recorded none the IdP records one itself — success, or failure with the error's
 * message — so a connector that only makes the SCIM calls is judged on the calls.
 * @see IDP-IDM-10; docs/decisions/0022-connector-contract.md
 */
import type { FetchLike } from '#harness/scim';
import type { Connector, ConnectorContext } from './connector.js';
import type { InsightsEventType } from './events.js';
import { authorizingFetch } from './token-source.js';

type Subject = { type: 'user' | 'group'; id: string; name: string };

/** `connector` whose every provisioning call ends with at least one Insights event. */
export function withDefaultEvents(connector: Connector): Connector {
  const run = async <T>(
    ctx: ConnectorContext,
    type: EventType,
    resource: Subject,
    call: (ctx: ConnectorContext) => Promise<T>,
  ): Promise<T> => {
    let logged = false;
    const counted: ConnectorContext = {
      ...ctx,
      log: (event) => {
        logged = true;
        ctx.log(event);
      },
    };
    try {
      const result = await call(counted);
      if (!logged) ctx.log({ event_type: typeOf(type), outcome: 'success', resource, detail: 'done' });
      return result;
    } catch (error) {
      if (!logged) {
        const detail = error instanceof Error ? error.message : String(error);
        ctx.log({ event_type: typeOf(type), outcome: 'failure', resource, detail });
      }
      throw error;
    }
  };
  const userOf = (user: { id: string; username: string }): Subject => ({
    type: 'user',
    id: user.id,
    name: user.username,
  });
  const groupOf = (group: { id: string; name: string }): Subject => ({
    type: 'group',
    id: group.id,
    name: group.name,
  });
  return {
    name: connector.name,
    testConnection: (ctx, options) => connector.testConnection(ctx, options),
    provisionUser: (ctx, user, link) =>
      run(
        ctx,
        link.spId === undefined ? 'user_create_provision' : 'user_update_provision',
        userOf(user),
        (c) => connector.provisionUser(c, user, link),
      ),
    deprovisionUser: (ctx, user, spId) =>
      run(ctx, 'user_deprovision', userOf(user), (c) => connector.deprovisionUser(c, user, spId)),
    deleteUser: (ctx, user, spId) =>
      run(ctx, 'user_delete_provision', userOf(user), (c) => connector.deleteUser(c, user, spId)),
    syncGroup: async (ctx, group, members, link) => {
      if (link.spId !== undefined)
        return run(ctx, 'group_update_provision', groupOf(group), (c) =>
          connector.syncGroup(c, group, members, link),
        );
      const watched = watchGroupCreates(ctx);
      return run(watched.ctx, watched.type, groupOf(group), (c) =>
        connector.syncGroup(c, group, members, link),
      );
    },
    deleteGroup: (ctx, group, spId) =>
      run(ctx, 'group_delete_provision', groupOf(group), (c) => connector.deleteGroup(c, group, spId)),
  };
}

type EventType = InsightsEventType | (() => InsightsEventType);

const typeOf = (type: EventType): InsightsEventType => (typeof type === 'function' ? type() : type);

/**
 * A first sync of a group either creates it or takes over the SP group of that name
 * (IDP-IDM-07), and only the SCIM calls tell which: a POST /Groups the SP answered 2xx is a
 * create, calls without one a takeover (group_update_provision). A connector whose calls the
 * IdP does not carry (a bridged one, which words its own events) counts as creating.
 */
function watchGroupCreates(ctx: ConnectorContext): { ctx: ConnectorContext; type: () => InsightsEventType } {
  let calls = 0;
  let created = false;
  const transport: FetchLike = async (input, init) => {
    const response = await ctx.transport(input, init);
    calls++;
    const path = new URL(input, ctx.baseUrl).pathname;
    if (init.method?.toUpperCase() === 'POST' && /\/Groups\/?$/i.test(path) && response.ok) created = true;
    return response;
  };
  const scim = ctx.client(authorizingFetch(transport, ctx.credentials, { refresh: false }));
  return {
    ctx: { ...ctx, transport, scim },
    type: () => (created || calls === 0 ? 'group_create_provision' : 'group_update_provision'),
  };
}
