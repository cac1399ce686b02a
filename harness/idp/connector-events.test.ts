import { describe, expect, it } from 'vitest';
import { ConnectorError, type Connector, type ConnectorContext } from './connector.js';
import { createConnectorContext } from './connector-context.js';
import { withDefaultEvents } from './connector-events.js';
import type { DirectoryUser } from './directory.js';

const ada: DirectoryUser = {
  id: 'u1',
  username: 'ada@example.com',
  email: 'ada@example.com',
  firstname: 'Ada',
  lastname: 'Lovelace',
  suspended: false,
  passwordExpired: false,
};

/** A connector whose every call does `act` with the call's context. */
function connector(act: (ctx: ConnectorContext) => void): Connector {
  const call = async (ctx: ConnectorContext) => act(ctx);
  return {
    name: 'quiet',
    testConnection: call,
    provisionUser: async (ctx) => (act(ctx), { spId: 'sp-1', lastSent: {} }),
    deprovisionUser: call,
    deleteUser: call,
    syncGroup: async (ctx) => (act(ctx), { spId: 'g-1', lastMembers: [] }),
    deleteGroup: call,
  };
}

function context() {
  const events: string[] = [];
  const ctx = createConnectorContext({
    baseUrl: 'https://sp.test/scim',
    credentials: 'token',
    log: (event) => void events.push(`${event.event_type} ${event.outcome} ${event.detail}`),
  });
  return { ctx, events };
}

describe('withDefaultEvents', () => {
  it('records one success per call of a connector that records nothing', async () => {
    const { ctx, events } = context();
    const quiet = withDefaultEvents(connector(() => undefined));
    await quiet.provisionUser(ctx, ada, {});
    await quiet.provisionUser(ctx, ada, { spId: 'sp-1' });
    await quiet.deprovisionUser(ctx, ada, 'sp-1');
    await quiet.syncGroup(ctx, { id: 'g', name: 'All', members: new Set() }, [], {});
    expect(events).toEqual([
      'user_create_provision success done',
      'user_update_provision success done',
      'user_deprovision success done',
      'group_create_provision success done',
    ]);
  });

  it('records a failure with the error, and rethrows it', async () => {
    const { ctx, events } = context();
    const failing = withDefaultEvents(
      connector(() => {
        throw new ConnectorError('POST /Users answered 500');
      }),
    );
    await expect(failing.deleteUser(ctx, ada, 'sp-1')).rejects.toThrow('answered 500');
    expect(events).toEqual(['user_delete_provision failure POST /Users answered 500']);
  });

  it("keeps the connector's own events and adds none", async () => {
    const { ctx, events } = context();
    const wordy = withDefaultEvents(
      connector((c) => c.log({ event_type: 'user_deprovision', outcome: 'success', detail: 'PATCH 204' })),
    );
    await wordy.deprovisionUser(ctx, ada, 'sp-1');
    expect(events).toEqual(['user_deprovision success PATCH 204']);
  });

  it("words a group's first sync by its SCIM calls: a POST /Groups accepted is a create, a takeover an update", async () => {
    const answered = (status: number, body: object) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/scim+json' } });
    const events: string[] = [];
    // A stand-in SP holding one group named 'All'.
    const fetch = async (input: string, init: RequestInit): Promise<Response> => {
      if (init.method === 'POST') return answered(201, { id: 'g-new', displayName: 'Staff' });
      if (init.method === 'PATCH') return new Response(null, { status: 204 });
      const held = input.includes('All') ? [{ id: 'g-1', displayName: 'All' }] : [];
      return answered(200, { totalResults: held.length, Resources: held });
    };
    const ctx = createConnectorContext({
      baseUrl: 'https://sp.test/scim',
      credentials: 'token',
      fetch,
      log: (event) => void events.push(`${event.event_type} ${event.resource?.name}`),
    });
    // Looks the group up, PATCHes it when found and POSTs it when not, through a client of its own.
    const silent: Connector = {
      ...connector(() => undefined),
      async syncGroup(c, group) {
        const scim = c.client(c.transport);
        const found = await scim.get('/Groups', { query: { filter: `displayName eq "${group.name}"` } });
        const held = (found.body as { Resources: { id: string }[] }).Resources[0];
        if (held) await scim.patch(`/Groups/${held.id}`, { Operations: [] });
        else await c.scim.post('/Groups', { displayName: group.name });
        return { spId: held?.id ?? 'g-new', lastMembers: [] };
      },
    };
    const idp = withDefaultEvents(silent);
    await idp.syncGroup(ctx, { id: 'a', name: 'All', members: new Set() }, [], {});
    await idp.syncGroup(ctx, { id: 's', name: 'Staff', members: new Set() }, [], {});
    await idp.syncGroup(ctx, { id: 's', name: 'Staff', members: new Set() }, [], { spId: 'g-new' });
    expect(events).toEqual([
      'group_update_provision All',
      'group_create_provision Staff',
      'group_update_provision Staff',
    ]);
  });
});
