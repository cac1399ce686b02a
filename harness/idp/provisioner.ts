/**
 * The provisioner: brings each application's SP in line with the directory through the
 * connector (users created, updated, deactivated; bound groups and their membership
 * pushed). The reference IdP calls it after every directory or binding change.
 * @see IDP-IDM-03…07
 */
import type { Application } from './application.js';
import type { Connector, ConnectorContext } from './connector.js';
import type { Directory, DirectoryGroup } from './directory.js';
import type { IdpFault } from './faults.js';

export interface ProvisionerOptions {
  directory: Directory;
  connector: Connector;
  faults: ReadonlySet<IdpFault>;
  /** The connector context of an app with an integration. */
  contextOf(app: Application): ConnectorContext;
}

export class Provisioner {
  constructor(private readonly options: ProvisionerOptions) {}

  /** Whether `userId` is a member of a group bound to `app`. */
  entitled(app: Application, userId: string): boolean {
    const groups = this.options.directory.groups;
    return [...app.boundGroups].some((groupId) => groups.get(groupId)?.members.has(userId));
  }

  async reconcileApp(app: Application): Promise<void> {
    for (const userId of this.options.directory.users.keys()) await this.reconcileUserIn(app, userId);
    await this.syncGroups(app);
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
    const { connector, directory, faults } = this.options;
    const user = directory.user(userId);
    const link = app.users.get(userId);
    const wantActive = this.entitled(app, userId) && !user.suspended && !user.passwordExpired;
    if (wantActive && link?.active === false && faults.has('never-reactivate')) return;
    if (wantActive) {
      const next = await connector.provisionUser(
        this.options.contextOf(app),
        user,
        link?.active === false ? { ...link, lastSent: { ...link.lastSent, active: false } } : (link ?? {}),
      );
      app.users.set(userId, { ...next, active: true });
    } else if (link?.spId !== undefined && link.active) {
      await connector.deprovisionUser(this.options.contextOf(app), user, link.spId);
      app.users.set(userId, { ...link, active: false });
    }
  }

  /** Pushes every bound group's membership (IDP-IDM-07); empty groups are not created. */
  async syncGroups(app: Application): Promise<void> {
    if (!app.managesGroups) return;
    const { directory, faults } = this.options;
    const synced = faults.has('keep-syncing-unbound-group')
      ? new Set([...app.boundGroups, ...app.groups.keys()])
      : app.boundGroups;
    for (const groupId of synced) {
      const group = directory.groups.get(groupId);
      if (!group) continue;
      const members = this.#memberSpIds(app, group);
      const link = app.groups.get(groupId) ?? {};
      if (link.spId === undefined && members.length === 0 && !faults.has('create-empty-groups')) continue;
      if (link.spId !== undefined && sameMembers(link.lastMembers, members)) continue;
      await this.#push(app, group, members);
    }
  }

  /** IDP-IDM-07: pushes a renamed group's displayName where the app manages it and pushed it. */
  async pushGroupName(app: Application, group: DirectoryGroup): Promise<void> {
    if (!app.managesGroups || !app.boundGroups.has(group.id)) return;
    if (app.groups.get(group.id)?.spId === undefined) return;
    await this.#push(app, group, this.#memberSpIds(app, group));
  }

  /**
   * IDP-IDM-07: after a group left `app` (unbound or deleted), its former members lose
   * access unless another group bound to the app still holds them.
   */
  async releaseMembers(app: Application, userIds: readonly string[]): Promise<void> {
    const { connector, directory, faults } = this.options;
    if (faults.has('unbound-members-stay-active')) return;
    for (const userId of userIds) {
      const link = app.users.get(userId);
      const user = directory.users.get(userId);
      if (!user) continue;
      if (
        faults.has('deactivate-shared-members') &&
        app.provisioning &&
        link?.spId !== undefined &&
        link.active
      ) {
        await connector.deprovisionUser(this.options.contextOf(app), user, link.spId);
        app.users.set(userId, { ...link, active: false });
      } else {
        await this.reconcileUserIn(app, userId);
      }
    }
  }

  /** Deactivates every user `app` left active (the `deprovision-on-app-delete` fault). */
  async deprovisionAll(app: Application): Promise<void> {
    for (const [userId, link] of app.users) {
      const user = this.options.directory.users.get(userId);
      if (!user || link.spId === undefined || !link.active) continue;
      await this.options.connector.deprovisionUser(this.options.contextOf(app), user, link.spId);
      app.users.set(userId, { ...link, active: false });
    }
  }

  async #push(app: Application, group: DirectoryGroup, members: string[]): Promise<void> {
    const link = app.groups.get(group.id) ?? {};
    const context = this.options.contextOf(app);
    app.groups.set(group.id, await this.options.connector.syncGroup(context, group, members, link));
  }

  /** The SP ids of the group's members that are active in `app`. */
  #memberSpIds(app: Application, group: DirectoryGroup): string[] {
    return [...group.members].flatMap((userId) => {
      const link = app.users.get(userId);
      return link?.spId !== undefined && link.active ? [link.spId] : [];
    });
  }
}

function sameMembers(previous: readonly string[] | undefined, next: readonly string[]): boolean {
  return (
    previous !== undefined && previous.length === next.length && previous.every((id) => next.includes(id))
  );
}
