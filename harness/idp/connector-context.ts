/**
 * Builds the context a connector call gets (connector.ts): the reference IdP makes one per
 * call, and a connector's own unit tests can make one against a mock SP.
 * @see docs/decisions/0022-connector-contract.md
 */
import type { HttpExchange } from '#harness/evidence';
import { ScimClient, type FetchLike } from '#harness/scim';
import type { Connector, ConnectorContext } from './connector.js';
import type { InsightsEvent } from './events.js';
import type { AttributeMapping } from './mapping.js';
import { RETRY_POLICY, RETRY_STEPS, type RetryPolicy, type RetrySteps } from './retry.js';
import { authorizingFetch, pastedToken, type TokenSource } from './token-source.js';

/**
 * Group members per request when the catalogue entry names no figure: Okta's documented default
 * (an integration may choose 100 to 1000: developer.okta.com/docs/guides/submit-app/scim/main),
 * and the most AWS IAM Identity Center takes in one request, so the reference IdP works with the
 * strictest SP whose cap is published. 100 member references are about 5 KB.
 * @see IDP-IDM-14
 */
export const MEMBERS_PER_REQUEST = 100;

export interface ConnectorContextOptions {
  /** The SCIM base URL. */
  baseUrl: string;
  /** The bearer token, pasted or as a source that can refresh it. */
  credentials: string | TokenSource;
  /** @default the base URL's host */
  application?: string;
  /** The transport. @default globalThis.fetch */
  fetch?: FetchLike;
  /** Receives every SCIM exchange of the context's clients. */
  record?: (exchange: HttpExchange) => void;
  /** @default none */
  mappings?: readonly AttributeMapping[];
  /** @default none */
  excluded?: ReadonlySet<string>;
  /** @default events are dropped */
  log?: (event: Omit<InsightsEvent, 'timestamp' | 'application'>) => void;
  /** @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** @default Date.now */
  now?: () => number;
  /** Most group members per request (IDP-IDM-14); null: no limit. @default MEMBERS_PER_REQUEST */
  maxMembersPerRequest?: number | null;
  /** @default RETRY_POLICY */
  retryPolicy?: RetryPolicy;
  /** @default RETRY_STEPS */
  retrySteps?: RetrySteps;
}

/** A connector context on `baseUrl`: a plain client (current token, no retries), the raw transport, the clock. */
export function createConnectorContext(options: ConnectorContextOptions): ConnectorContext {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const maxMembers = options.maxMembersPerRequest;
  if (typeof maxMembers === 'number' && !(Number.isSafeInteger(maxMembers) && maxMembers >= 1))
    throw new TypeError(
      `maxMembersPerRequest is a whole number of members from 1, or null for no limit (found ${maxMembers})`,
    );
  const credentials =
    typeof options.credentials === 'string' ? pastedToken(options.credentials) : options.credentials;
  const transport: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const record = options.record ? { record: options.record } : {};
  const client = (fetch: FetchLike): ScimClient => new ScimClient({ baseUrl, fetch, ...record });
  return {
    application: options.application ?? new URL(baseUrl).host,
    baseUrl,
    scim: client(authorizingFetch(transport, credentials, { refresh: false })),
    credentials,
    transport,
    client,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: options.now ?? Date.now,
    retry: { policy: options.retryPolicy ?? RETRY_POLICY, steps: options.retrySteps ?? RETRY_STEPS },
    maxMembersPerRequest: maxMembers === undefined ? MEMBERS_PER_REQUEST : maxMembers,
    mappings: options.mappings ?? [],
    excluded: options.excluded ?? new Set(),
    log: options.log ?? (() => undefined),
  };
}

/** `connector` with every call's context changed by `change` first. */
export function withContext(
  connector: Connector,
  change: (ctx: ConnectorContext) => ConnectorContext,
): Connector {
  return {
    name: connector.name,
    testConnection: (ctx, options) => connector.testConnection(change(ctx), options),
    provisionUser: (ctx, user, link) => connector.provisionUser(change(ctx), user, link),
    deprovisionUser: (ctx, user, spId) => connector.deprovisionUser(change(ctx), user, spId),
    deleteUser: (ctx, user, spId) => connector.deleteUser(change(ctx), user, spId),
    syncGroup: (ctx, group, members, link) => connector.syncGroup(change(ctx), group, members, link),
    deleteGroup: (ctx, group, spId) => connector.deleteGroup(change(ctx), group, spId),
  };
}
