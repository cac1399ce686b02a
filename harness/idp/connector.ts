/**
 * The seam between the reference IdP and the SCIM wire: a Connector turns the
 * IdP's provisioning decisions into SCIM calls. The reference connector speaks
 * JumpCloud's dialect; a user plugs in their own (`run --connector`) to test it
 * against the mocks. What is the connector's — lookup before create, mapping,
 * membership diffs, retries and back-off, token refresh — the harness leaves to
 * it, so the checks judge the connector (docs/decisions/0022-connector-contract.md).
 * @see IDP-IDM-03…07, IDP-IDM-12, IDP-IDM-13
 */
import type { FetchLike, JsonObject } from '#harness/scim';
import type { ScimClient } from '#harness/scim';
import type { DirectoryGroup, DirectoryUser } from './directory.js';
import type { InsightsEvent } from './events.js';
import type { AttributeMapping } from './mapping.js';
import type { RetryPolicy, RetrySteps } from './retry.js';
import type { TokenSource } from './token-source.js';

/** What a connector gets for every call. */
export interface ConnectorContext {
  /** The application's name, as events record it. */
  application: string;
  /** The integration's SCIM base URL, without a trailing slash. */
  baseUrl: string;
  /**
   * A client on the base URL sending the current token. It neither retries nor refreshes the
   * token: a connector that should survive a 429, a 5xx or an expired token does that itself
   * (build a client over `transport` with `client`).
   */
  scim: ScimClient;
  /** The integration's bearer token: `current()`, and `refresh()` for an OAuth grant after a 401. */
  credentials: TokenSource;
  /** The raw transport to the SP: no token, no retries. */
  transport: FetchLike;
  /** A SCIM client on the base URL over `fetch` (a transport the connector has wrapped); its exchanges are evidence. */
  client(fetch: FetchLike): ScimClient;
  /**
   * Waits `ms`. Wait through it rather than a timer of your own: the harness may run a
   * virtual clock, so a 30 s Retry-After costs no wall time and the checks still see it kept.
   */
  sleep(ms: number): Promise<void>;
  /** The harness clock, in ms since the epoch (what `sleep` advances). */
  now(): number;
  /** The IdP's retry figures and rules for this app (IDP-IDM-12), for a connector that follows them. */
  retry: { policy: RetryPolicy; steps: RetrySteps };
  /**
   * Most group members one request carries, from the app's catalogue entry (null: no limit): a
   * connector that follows it creates a group with at most this many members and sends the rest,
   * like removals, in PATCHes of at most this many (IDP-IDM-14).
   */
  maxMembersPerRequest: number | null;
  /** The app's attribute table (IdP side). */
  mappings: readonly AttributeMapping[];
  /** Optional rows the admin excluded (IDP-IDM-09). */
  excluded: ReadonlySet<string>;
  /** Records a Directory Insights event (IDP-IDM-10). */
  log(event: Omit<InsightsEvent, 'timestamp' | 'application'>): void;
}

/** What the IdP remembers about a user it manages in one app. */
export interface UserLink {
  spId?: string;
  /** The mapped resource last sent, to compute what changed. */
  lastSent?: JsonObject;
}

export interface Connector {
  readonly name: string;
  /** IDP-IDM-01: creates a test user (and group) and removes them; throws ConnectorError when any step fails. */
  testConnection(ctx: ConnectorContext, options: { groups: boolean; deleteUsers: boolean }): Promise<void>;
  /** IDP-IDM-03/04/06: makes the user exist and be active with its mapped attributes. */
  provisionUser(ctx: ConnectorContext, user: DirectoryUser, link: UserLink): Promise<Required<UserLink>>;
  /** IDP-IDM-05: sets active=false. */
  deprovisionUser(ctx: ConnectorContext, user: DirectoryUser, spId: string): Promise<void>;
  /** IDP-IDM-05: deletes the user in the SP. */
  deleteUser(ctx: ConnectorContext, user: DirectoryUser, spId: string): Promise<void>;
  /** IDP-IDM-07: makes the group exist (taking over one of the same name) with these members. */
  syncGroup(
    ctx: ConnectorContext,
    group: DirectoryGroup,
    memberSpIds: readonly string[],
    link: GroupLink,
  ): Promise<Required<GroupLink>>;
  /** IDP-IDM-07: deletes the group in the SP. */
  deleteGroup(ctx: ConnectorContext, group: DirectoryGroup, spId: string): Promise<void>;
}

export interface GroupLink {
  spId?: string;
  /** SP member ids last sent. */
  lastMembers?: string[];
}

/** A provisioning step failed; the message says which and why. */
export class ConnectorError extends Error {
  readonly code = 'IDP_CONNECTOR';
  constructor(message: string) {
    super(message);
    this.name = 'ConnectorError';
  }
}
