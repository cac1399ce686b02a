/**
 * A connector in any language, over HTTP: each connector call becomes one event POSTed to the
 * connector's URL (protocol.ts); the connector calls the mock SP's SCIM endpoints itself, with
 * the base URL and token the event carries, and answers when it is done. Every way a bridge
 * can go wrong — nothing listening, no answer in time, an HTTP error, a body that is not JSON
 * or breaks the protocol — is a ConnectorError naming the event and the fix, never a hang.
 * @see docs/decisions/0023-connector-bridge.md
 */
import { randomBytes } from 'node:crypto';
import { jsonResponse, serveHandler, type ServedHandler } from '#harness/http';
import { ConnectorError, type Connector, type ConnectorContext } from '../connector.js';
import type { DirectoryUser } from '../directory.js';
import type { TokenSource } from '../token-source.js';
import { BRIDGE_PROTOCOL, answerProblems, type BridgeAnswer, type BridgeEvent } from './protocol.js';

export interface BridgeConnectorOptions {
  /** Where the connector listens for events. */
  url: string;
  /** How long one event may take, retries and waits included. @default 60000 */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

/** A bridge connector; `close` stops the token-refresh endpoint it may have opened. */
export interface BridgeConnector extends Connector {
  readonly url: string;
  close(): Promise<void>;
}

/** Whether `connector` runs in another process, over the bridge (it reaches only real network addresses). */
export function isBridgeConnector(connector: Connector | undefined): connector is BridgeConnector {
  return typeof (connector as Partial<BridgeConnector> | undefined)?.url === 'string';
}

/** The longest piece of a connector's answer quoted in an error. */
const QUOTE_LIMIT = 200;

/** `text` with every secret replaced, cut to a quotable length. */
function quoted(text: string, secrets: readonly string[]): string {
  let safe = text;
  for (const secret of secrets) if (secret !== '') safe = safe.split(secret).join('[secret]');
  safe = safe.replace(/\s+/g, ' ').trim();
  return safe.length > QUOTE_LIMIT ? `${safe.slice(0, QUOTE_LIMIT)}…` : safe;
}

/** The connector whose calls are events POSTed to `options.url`. */
export function bridgeConnector(options: BridgeConnectorOptions): BridgeConnector {
  const url = options.url;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let sequence = 0;
  const refresh = refreshEndpoint();

  async function post(
    ctx: ConnectorContext,
    fields: Omit<BridgeEvent, 'protocol' | 'id' | 'app'>,
    about: string,
  ): Promise<BridgeAnswer> {
    const token = await ctx.credentials.current();
    const refreshUrl = await refresh.urlFor(ctx.credentials);
    const event: BridgeEvent = {
      protocol: BRIDGE_PROTOCOL,
      id: `evt-${++sequence}`,
      ...fields,
      app: {
        name: ctx.application,
        scim: { baseUrl: ctx.baseUrl, token, ...(refreshUrl === undefined ? {} : { refreshUrl }) },
        mappings: ctx.mappings,
        excluded: [...ctx.excluded],
      },
    };
    const secrets = [token];
    const what = `event ${event.id} (${event.event} ${about})`;
    let response: Response;
    try {
      response = await send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new ConnectorError(
          `The connector at ${url} gave no answer to ${what} within ${timeoutMs / 1000} s; answer every event, or allow longer with --connector-timeout`,
        );
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new ConnectorError(
        `The connector at ${url} could not be reached for ${what}: ${cause?.code ?? cause?.message ?? String(error)}; start it, or correct --connector-url`,
      );
    }
    const text = await response.text().catch(() => '');
    if (response.status !== 200)
      throw new ConnectorError(
        `The connector at ${url} answered ${what} with HTTP ${response.status}${text ? ` '${quoted(text, secrets)}'` : ''}; a bridge answers 200 with {"ok": true} or {"ok": false, "error": "…"}`,
      );
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      throw new ConnectorError(
        `The connector at ${url} answered ${what} with a body that is not JSON: '${quoted(text, secrets)}'; answer {"ok": true} or {"ok": false, "error": "…"}`,
      );
    }
    const problems = answerProblems(answer);
    if (problems !== undefined)
      throw new ConnectorError(
        `The connector at ${url} answered ${what} with ${quoted(text, secrets)}, which breaks ${BRIDGE_PROTOCOL}: ${problems}`,
      );
    const checked = answer as BridgeAnswer;
    for (const logged of checked.events ?? [])
      ctx.log({ ...logged, detail: quoted(logged.detail ?? '', secrets), ...subjectOf(fields) });
    if (!checked.ok) throw new ConnectorError(quoted(checked.error ?? 'failed', secrets));
    return checked;
  }

  function linkOf<K extends 'lastSent' | 'lastMembers'>(
    answer: BridgeAnswer,
    what: string,
    key: K,
  ): { spId: string } & Pick<Required<NonNullable<BridgeAnswer['link']>>, K> {
    const link = answer.link;
    if (typeof link?.spId !== 'string' || link[key] === undefined)
      throw new ConnectorError(
        `The connector at ${url} answered ${what} with ok but no link {"spId", "${key}"}; the harness needs both to send the next event`,
      );
    return link as { spId: string } & Pick<Required<NonNullable<BridgeAnswer['link']>>, K>;
  }

  const userAbout = (user: DirectoryUser): string => `for ${user.username}`;

  return {
    name: `bridge ${url}`,
    url,
    async testConnection(ctx, connection) {
      await post(ctx, { event: 'connection.test', options: connection }, `to ${ctx.application}`);
    },
    async provisionUser(ctx, user, link) {
      // What the IdP keeps beside the link (e.g. import state) is not the connector's.
      const sent = {
        ...(link.spId === undefined ? {} : { spId: link.spId }),
        ...(link.lastSent === undefined ? {} : { lastSent: link.lastSent }),
      };
      const answer = await post(ctx, { event: 'user.provision', user, link: sent }, userAbout(user));
      return linkOf(answer, `user.provision ${userAbout(user)}`, 'lastSent');
    },
    async deprovisionUser(ctx, user, spId) {
      await post(ctx, { event: 'user.deprovision', user, spId }, userAbout(user));
    },
    async deleteUser(ctx, user, spId) {
      await post(ctx, { event: 'user.delete', user, spId }, userAbout(user));
    },
    async syncGroup(ctx, group, members, link) {
      const fields = {
        event: 'group.sync' as const,
        group: { id: group.id, name: group.name },
        members: [...members],
        groupLink: {
          ...(link.spId === undefined ? {} : { spId: link.spId }),
          ...(link.lastMembers === undefined ? {} : { lastMembers: link.lastMembers }),
        },
      };
      const answer = await post(ctx, fields, `for group ${group.name}`);
      return linkOf(answer, `group.sync for group ${group.name}`, 'lastMembers');
    },
    async deleteGroup(ctx, group, spId) {
      await post(ctx, { event: 'group.delete', group: { id: group.id, name: group.name }, spId }, group.name);
    },
    close: () => refresh.close(),
  };
}

/** The directory resource an event is about, for the Insights events its answer carries. */
function subjectOf(fields: Omit<BridgeEvent, 'protocol' | 'id' | 'app'>): {
  resource?: { type: 'user' | 'group'; id: string; name: string };
} {
  if (fields.user) return { resource: { type: 'user', id: fields.user.id, name: fields.user.username } };
  if (fields.group) return { resource: { type: 'group', id: fields.group.id, name: fields.group.name } };
  return {};
}

/**
 * Where a bridged connector gets a fresh token after a 401: a loopback endpoint, opened on
 * first need, one unguessable path per token source that can refresh (an OAuth grant).
 */
function refreshEndpoint(): {
  urlFor(source: TokenSource): Promise<string | undefined>;
  close(): Promise<void>;
} {
  const paths = new WeakMap<TokenSource, string>();
  const sources = new Map<string, TokenSource>();
  let served: Promise<ServedHandler> | undefined;
  const serve = (): Promise<ServedHandler> =>
    (served ??= serveHandler(() => ({
      async handle(request) {
        const source = request.method === 'POST' ? sources.get(new URL(request.url).pathname) : undefined;
        if (!source) return jsonResponse(404, { error: 'no such token endpoint' }, 'application/json');
        try {
          return jsonResponse(200, { token: await source.refresh() }, 'application/json');
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          return jsonResponse(
            502,
            { error: `the token could not be refreshed: ${detail}` },
            'application/json',
          );
        }
      },
    })));
  return {
    async urlFor(source) {
      if (!source.refreshable) return undefined;
      let path = paths.get(source);
      if (path === undefined) {
        path = `/token/${randomBytes(16).toString('hex')}`;
        paths.set(source, path);
        sources.set(path, source);
      }
      return `${(await serve()).origin}${path}`;
    },
    async close() {
      if (served) await (await served).close();
      served = undefined;
    },
  };
}
