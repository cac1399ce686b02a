/**
 * The reference IdP: a directory, applications, and the provisioner that turns
 * directory changes into connector calls for every bound application.
 * @see IDP-IDM-01, -03, -04, -05, -06, -07 (membership), -10
 */
import { ScimClient, type FetchLike } from '../scim/client.js';
import type { HttpExchange } from '../../reports/model.js';
import { Application } from './application.js';
import type { CatalogEntry } from './catalog/types.js';
import { ConnectorError, type Connector, type ConnectorContext } from './connector.js';
import { Directory, type DirectoryUserFields } from './directory.js';
import { InsightsLog } from './events.js';
import { withConnectorFaults, type IdpFault } from './faults.js';
import { referenceConnector } from './reference-connector.js';

export interface ReferenceIdpOptions {
  /** The connector under test. @default the reference (JumpCloud) connector */
  connector?: Connector;
  /** How SCIM requests travel. @default globalThis.fetch */
  fetch?: FetchLike;
  /** Receives every SCIM exchange the provisioner makes. */
  record?: (exchange: HttpExchange) => void;
  /** @default () => new Date() */
  now?: () => Date;
  /** Fault switches that make the IdP break a rule, to prove the checks catch it. @default none */
  faults?: Iterable<IdpFault>;
}

/** An IdP action that cannot be done as asked; the message says why and what to do. */
export class IdpError extends Error {
  readonly code = 'IDP_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'IdpError';
  }
}

export class ReferenceIdp {
  readonly directory = new Directory();
  readonly insights: InsightsLog;
  readonly applications = new Map<string, Application>();
  readonly connector: Connector;
  readonly faults: ReadonlySet<IdpFault>;
  readonly #options: ReferenceIdpOptions;

  constructor(options: ReferenceIdpOptions = {}) {
    this.#options = options;
    this.faults = new Set(options.faults ?? []);
    this.connector = withConnectorFaults(options.connector ?? referenceConnector, this.faults);
    this.insights = new InsightsLog(options.now, this.faults.has('skip-events'));
  }

  createApplication(entry: CatalogEntry, name = entry.id): Application {
    if (this.applications.has(name))
      throw new IdpError(`An application named '${name}' exists; choose another name`);
    const app = new Application(name, entry);
    this.applications.set(name, app);
    return app;
  }

  /**
   * IDP-IDM-01: tests the connection with a test user (and group) and saves the
   * integration as active only when the test passes.
   */
  async activateIdm(
    app: Application,
    config: { baseUrl: string; token: string; groupManagement?: boolean },
  ): Promise<void> {
    const groupManagement = (config.groupManagement ?? app.catalog.groups) && app.catalog.groups;
    const ctx = this.#context(app, config.baseUrl, config.token);
    try {
      await this.connector.testConnection(ctx, {
        groups: groupManagement,
        deleteUsers: app.catalog.deleteUsers,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.insights.record({
        event_type: 'idm_integration_activate',
        application: app.name,
        outcome: 'failure',
        detail: reason,
      });
      throw new IdpError(
        `Activation of ${app.name} failed its connection test: ${reason}. Check the base URL and token, then activate again.`,
      );
    }
    app.idm = { baseUrl: config.baseUrl, token: config.token, groupManagement, active: true };
    this.insights.record({
      event_type: 'idm_integration_activate',
      application: app.name,
      outcome: 'success',
      detail: `connected to ${config.baseUrl}`,
    });
    await this.#reconcileApp(app);
  }

  async bindGroup(app: Application, groupId: string): Promise<void> {
    this.directory.group(groupId);
    app.boundGroups.add(groupId);
    await this.#reconcileApp(app);
  }

  async createUser(fields: DirectoryUserFields): Promise<string> {
    return this.directory.createUser(fields).id;
  }

  async updateUser(userId: string, changes: Partial<DirectoryUserFields>): Promise<void> {
    if (this.directory.updateUser(userId, changes).length > 0) await this.#reconcileUser(userId);
  }

  async setSuspended(userId: string, suspended: boolean): Promise<void> {
    this.directory.setSuspended(userId, suspended);
    await this.#reconcileUser(userId);
  }

  async addToGroup(groupId: string, userId: string): Promise<void> {
    this.directory.addMember(groupId, userId);
    await this.#reconcileUser(userId);
  }

  async removeFromGroup(groupId: string, userId: string): Promise<void> {
    this.directory.removeMember(groupId, userId);
    await this.#reconcileUser(userId);
  }

  /** IDP-IDM-05: deleting a directory user deletes it in every SP that has it. */
  async deleteUser(userId: string): Promise<void> {
    const user = this.directory.deleteUser(userId);
    for (const app of this.applications.values()) {
      const link = app.users.get(userId);
      if (!app.provisioning || link?.spId === undefined) continue;
      await this.connector.deleteUser(this.#context(app), user, link.spId);
      app.users.delete(userId);
      await this.#syncGroups(app);
    }
  }

  /** Whether `userId` is an active member of a group bound to `app`. */
  entitled(app: Application, userId: string): boolean {
    return [...app.boundGroups].some((groupId) => this.directory.groups.get(groupId)?.members.has(userId));
  }

  async #reconcileApp(app: Application): Promise<void> {
    for (const userId of this.directory.users.keys()) await this.#reconcileUserIn(app, userId);
    await this.#syncGroups(app);
  }

  async #reconcileUser(userId: string): Promise<void> {
    for (const app of this.applications.values()) {
      await this.#reconcileUserIn(app, userId);
      await this.#syncGroups(app);
    }
  }

  /** Brings one user's state in one app in line with the directory (IDP-IDM-03…06). */
  async #reconcileUserIn(app: Application, userId: string): Promise<void> {
    if (!app.provisioning) return;
    const user = this.directory.user(userId);
    const link = app.users.get(userId);
    const wantActive = this.entitled(app, userId) && !user.suspended;
    if (wantActive && link?.active === false && this.faults.has('never-reactivate')) return;
    if (wantActive) {
      const next = await this.connector.provisionUser(
        this.#context(app),
        user,
        link?.active === false ? { ...link, lastSent: { ...link.lastSent, active: false } } : (link ?? {}),
      );
      app.users.set(userId, { ...next, active: true });
    } else if (link?.spId !== undefined && link.active) {
      await this.connector.deprovisionUser(this.#context(app), user, link.spId);
      app.users.set(userId, { ...link, active: false });
    }
  }

  /** Pushes every bound group's membership (IDP-IDM-07); empty groups are not created. */
  async #syncGroups(app: Application): Promise<void> {
    if (!app.managesGroups) return;
    for (const groupId of app.boundGroups) {
      const group = this.directory.groups.get(groupId);
      if (!group) continue;
      const members = [...group.members].flatMap((userId) => {
        const link = app.users.get(userId);
        return link?.spId !== undefined && link.active ? [link.spId] : [];
      });
      const link = app.groups.get(groupId) ?? {};
      if (link.spId === undefined && members.length === 0 && !this.faults.has('create-empty-groups'))
        continue;
      if (link.spId !== undefined && sameMembers(link.lastMembers, members)) continue;
      app.groups.set(groupId, await this.connector.syncGroup(this.#context(app), group, members, link));
    }
  }

  #context(app: Application, baseUrl = app.idm?.baseUrl, token = app.idm?.token): ConnectorContext {
    if (baseUrl === undefined)
      throw new ConnectorError(`${app.name} has no identity-management integration; activate it first`);
    return {
      application: app.name,
      scim: new ScimClient({
        baseUrl,
        ...(token === undefined ? {} : { token }),
        ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
        ...(this.#options.record ? { record: this.#options.record } : {}),
      }),
      mappings: app.catalog.mappings,
      excluded: app.excluded,
      log: (event) => this.insights.record({ ...event, application: app.name }),
    };
  }
}

function sameMembers(previous: readonly string[] | undefined, next: readonly string[]): boolean {
  return (
    previous !== undefined && previous.length === next.length && previous.every((id) => next.includes(id))
  );
}
