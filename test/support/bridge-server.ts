/**
 * A connector bridge for tests: an HTTP server that answers sso-harness-connector/1 events by
 * running a Connector (the reference one unless told otherwise) against the SP the event
 * names, with the event's token — a bridge in JavaScript, so the protocol is shown to carry
 * everything a connector needs. `answer` may replace the answer to simulate a broken bridge.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createConnectorContext,
  eventProblems,
  referenceConnector,
  type BridgeEvent,
  type Connector,
  type TokenSource,
} from '#harness/idp';

export interface TestBridge {
  url: string;
  /** Every event received, in order. */
  events: BridgeEvent[];
  /** Events that broke the schema, with what was wrong. */
  invalid: string[];
  close(): Promise<void>;
}

type Answer = (event: BridgeEvent, response: ServerResponse) => boolean;

/** The token of `event`, refreshed through its refreshUrl when it has one. */
function credentialsOf(event: BridgeEvent): TokenSource {
  let token = event.app.scim.token;
  const refreshUrl = event.app.scim.refreshUrl;
  return {
    description: 'the event token',
    refreshable: refreshUrl !== undefined,
    current: () => Promise.resolve(token),
    async refresh() {
      if (refreshUrl === undefined) throw new Error('the event carries no refreshUrl');
      const response = await fetch(refreshUrl, { method: 'POST' });
      token = ((await response.json()) as { token: string }).token;
      return token;
    },
  };
}

async function handle(connector: Connector, event: BridgeEvent): Promise<unknown> {
  const events: { event_type: string; outcome: string; detail: string }[] = [];
  const ctx = createConnectorContext({
    application: event.app.name,
    baseUrl: event.app.scim.baseUrl,
    credentials: credentialsOf(event),
    mappings: event.app.mappings,
    excluded: new Set(event.app.excluded),
    log: (logged) => void events.push({ ...logged }),
    // A bridge waits for real: the checks judge arrival times, not declared waits.
  });
  try {
    switch (event.event) {
      case 'connection.test':
        await connector.testConnection(ctx, event.options!);
        return { ok: true, events };
      case 'user.provision':
        return { ok: true, link: await connector.provisionUser(ctx, event.user!, event.link!), events };
      case 'user.deprovision':
        await connector.deprovisionUser(ctx, event.user!, event.spId!);
        return { ok: true, events };
      case 'user.delete':
        await connector.deleteUser(ctx, event.user!, event.spId!);
        return { ok: true, events };
      case 'group.sync': {
        const group = { ...event.group!, members: new Set<string>() };
        return {
          ok: true,
          link: await connector.syncGroup(ctx, group, event.members!, event.groupLink!),
          events,
        };
      }
      case 'group.delete':
        await connector.deleteGroup(ctx, { ...event.group!, members: new Set() }, event.spId!);
        return { ok: true, events };
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), events };
  }
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Starts a bridge on 127.0.0.1; `answer` may take over an event's answer (return true when it did). */
export async function startTestBridge(
  options: { connector?: Connector; answer?: Answer } = {},
): Promise<TestBridge> {
  const connector = options.connector ?? referenceConnector;
  const events: BridgeEvent[] = [];
  const invalid: string[] = [];
  const server = createServer((request, response) => {
    if (request.method !== 'POST') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('a connector bridge');
      return;
    }
    void body(request).then(async (text) => {
      const event = JSON.parse(text) as BridgeEvent;
      const problems = eventProblems(event);
      if (problems !== undefined) invalid.push(`${event.id}: ${problems}`);
      events.push(event);
      if (options.answer?.(event, response)) return;
      const answer = await handle(connector, event);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    events,
    invalid,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
