/**
 * The seam between the reference IdP and the SCIM wire: a Connector turns the
 * IdP's provisioning decisions into SCIM calls. The reference connector speaks
 * JumpCloud's dialect; a user can plug in their own to test it against the mocks.
 * @see IDP-IDM-03…07, IDP-IDM-13
 */
import type { JsonObject } from '#harness/scim';
import type { ScimClient } from '#harness/scim';
import type { DirectoryGroup, DirectoryUser } from './directory.js';
import type { InsightsEvent } from './events.js';
import type { AttributeMapping } from './mapping.js';

/** What a connector gets for every call. */
export interface ConnectorContext {
  /** The application's name, as events record it. */
  application: string;
  /** A client bound to the integration's base URL and token. */
  scim: ScimClient;
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
