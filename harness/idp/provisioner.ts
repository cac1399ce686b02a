/**
 * The provisioner: brings each application's SP in line with the directory through the
 * connector (users created, updated, deactivated; bound groups and their membership
 * pushed). The reference IdP calls it after every directory or binding change; the
 * decisions it takes are named steps (provisioner-steps.ts) a fault can replace.
 * @see IDP-IDM-03…07
 */
import type { Application } from './application.js';
import { ConnectorError, type Connector, type ConnectorContext } from './connector.js';
import type { Directory, DirectoryGroup, DirectoryUser } from './directory.js';
import { PROVISIONER_STEPS, type ProvisionerSteps } from './provisioner-steps.js';

/** What the provisioner works with. */
export interface ProvisionerOptions {
  directory: Directory;
  connector: Connector;
  /** @default PROVISIONER_STEPS */
  steps?: ProvisionerSteps;
  /** The connector context of an app with an integration. */
  contextOf(app: Application): ConnectorContext;
}

/** Brings each application's SP in line with the directory (IDP-IDM-03…07). */
export class Provisioner {
  readonly directory: Directory;
  readonly connector: Connector;
  readonly steps: ProvisionerSteps;

  constructor(private readonly options: ProvisionerOptions) {
    this.directory = options.directory;
    this.connector = options.connector;
    this.steps = options.steps ?? PROVISIONER_STEPS;
  }

  /** The connector context of an app with an integration. */
  contextOf(app: Application): ConnectorContext {
    return this.options.contextOf(app);
  }

  /** Whether `userId` is a member of a group bound to `app`. */
  entitled(app: Application, userId: string): boolean {
    // The user's own groups, not every bound group: an initial sync binds one team per 100 users.
    return this.directory.inAnyGroup(userId, app.boundGroups);
  }

  /**
   * A pass over every user, then every synced group, of `app`. One that fails (the SP failed it,
   * the connector gave up) does not stop the others: the pass carries on, as real IdPs do, and
   * ends by throwing a ConnectorError that counts the failures and names the first, so what was
   * left undone is done on the next pass.
   */
  async reconcileApp(app: Application): Promise<void> {
    // Nothing to do for any user or group (reconcileUserIn would return at once for each):
    // binding the teams of a large directory before provisioning is on costs no pass over it.
    if (!app.provisioning) return;
    const failures: unknown[] = [];
    const attempt = async (step: () => Promise<void>): Promise<void> => {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    };
    for (const userId of this.directory.users.keys()) await attempt(() => this.reconcileUserIn(app, userId));
    if (app.managesGroups)
      for (const groupId of this.steps.syncedGroups(app)) {
        const group = this.directory.groups.get(groupId);
        if (group) await attempt(() => this.steps.syncGroup(this, app, group, this.memberSpIds(app, group)));
      }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) {
      const first = failures[0] instanceof Error ? failures[0].message : String(failures[0]);
      throw new ConnectorError(
        `${failures.length} users and groups of ${app.name} failed to provision in this pass (first: ${first}); the others are provisioned, and the next pass retries these`,
      );
    }
  }

  async reconcileUser(userId: string, apps: Iterable<Application>): Promise<void> {
    for (const app of apps) {
      await this.reconcileUserIn(app, userId);
      await this.syncGroups(app);
    }
  }

  /** Brings one user's state in one app in line with the directory (IDP-IDM-03…06). */
  async reconcileUserIn(app: Application, userId: string): Promise<void> {
    if (!app.provisioning) return;
    const user = this.directory.user(userId);
    const wantActive = this.entitled(app, userId) && !user.suspended && !user.passwordExpired;
    if (wantActive) await this.steps.activateUser(this, app, user, app.users.get(userId));
    else await this.deactivate(app, user);
  }

  /** IDP-IDM-05: sets active=false on a user the IdP left active in `app`; nothing otherwise. */
  async deactivate(app: Application, user: DirectoryUser): Promise<void> {
    const link = app.users.get(user.id);
    if (link?.spId === undefined || !link.active) return;
    await this.connector.deprovisionUser(this.contextOf(app), user, link.spId);
    app.users.set(user.id, { ...link, active: false });
  }

  /** Pushes every synced group's membership (IDP-IDM-07). */
  async syncGroups(app: Application): Promise<void> {
    if (!app.managesGroups) return;
    for (const groupId of this.steps.syncedGroups(app)) {
      const group = this.directory.groups.get(groupId);
      if (group) await this.steps.syncGroup(this, app, group, this.memberSpIds(app, group));
    }
  }

  /**
   * IDP-IDM-07: after a group left `app` (unbound or deleted), its former members lose
   * access unless another group bound to the app still holds them.
   */
  async releaseMembers(app: Application, userIds: readonly string[]): Promise<void> {
    for (const userId of userIds) {
      const user = this.directory.users.get(userId);
      if (user) await this.steps.releaseMember(this, app, user);
    }
  }

  /** Sends the group with these members and remembers what the SP answered. */
  async pushGroup(app: Application, group: DirectoryGroup, members: readonly string[]): Promise<void> {
    const link = app.groups.get(group.id) ?? {};
    app.groups.set(group.id, await this.connector.syncGroup(this.contextOf(app), group, members, link));
  }

  /** The SP ids of the group's members that are active in `app`. */
  memberSpIds(app: Application, group: DirectoryGroup): string[] {
    return [...group.members].flatMap((userId) => {
      const link = app.users.get(userId);
      return link?.spId !== undefined && link.active ? [link.spId] : [];
    });
  }
}
