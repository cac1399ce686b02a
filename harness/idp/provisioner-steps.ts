/**
 * The provisioner's named steps: how a user is activated and removed, which groups are
 * pushed and when, what unbinding, deleting and renaming a group does in the SP, and how a
 * former member is released. The strict code calls them; a fault replaces or wraps one
 * (docs/decisions/0012-faults-wrap.md).
 * @see IDP-IDM-03…07
 */
import type { Application, ManagedUser } from './application.js';
import type { DirectoryGroup, DirectoryUser } from './directory.js';
import type { Provisioner } from './provisioner.js';

/** A user the IdP created or took over in an app. */
export type LinkedUser = ManagedUser & { spId: string };

/** The provisioner's steps a fault can replace or wrap. */
export interface ProvisionerSteps {
  /** IDP-IDM-03, -04, -06: makes an entitled user exist and be active: created, taken over, updated or reactivated. */
  activateUser(
    p: Provisioner,
    app: Application,
    user: DirectoryUser,
    link: ManagedUser | undefined,
  ): Promise<void>;
  /** IDP-IDM-05: how a user deleted in the directory leaves an app: deleted, or deactivated where the app has no DELETE. */
  removeDeletedUser(p: Provisioner, app: Application, user: DirectoryUser, link: LinkedUser): Promise<void>;
  /** IDP-IDM-07: the groups whose membership is pushed: the bound ones. */
  syncedGroups(app: Application): Iterable<string>;
  /** IDP-IDM-07: pushes one group's membership when it changed; an empty group is not created. */
  syncGroup(
    p: Provisioner,
    app: Application,
    group: DirectoryGroup,
    members: readonly string[],
  ): Promise<void>;
  /** IDP-IDM-07: an unbound group stops syncing and stays as it is in the SP. */
  unbindGroup(p: Provisioner, app: Application, group: DirectoryGroup): Promise<void>;
  /** IDP-IDM-07: a group deleted in the directory is deleted in an app that manages groups and holds it. */
  removeDeletedGroup(p: Provisioner, app: Application, group: DirectoryGroup, spId: string): Promise<void>;
  /** IDP-IDM-07: a renamed group's displayName is pushed where the app manages it and pushed it. */
  pushGroupName(p: Provisioner, app: Application, group: DirectoryGroup): Promise<void>;
  /** IDP-IDM-07: a member of a group that left the app keeps access only through another bound group. */
  releaseMember(p: Provisioner, app: Application, user: DirectoryUser): Promise<void>;
}

/** The strict provisioner steps. */
export const PROVISIONER_STEPS: ProvisionerSteps = {
  async activateUser(p, app, user, link) {
    // A deactivated user is reactivated: the connector is told it was last sent active=false.
    const next = await p.connector.provisionUser(
      p.contextOf(app),
      user,
      link?.active === false ? { ...link, lastSent: { ...link.lastSent, active: false } } : (link ?? {}),
    );
    app.users.set(user.id, { ...next, active: true });
  },
  async removeDeletedUser(p, app, user, link) {
    const ctx = p.contextOf(app);
    if (app.catalog.deleteUsers) await p.connector.deleteUser(ctx, user, link.spId);
    else if (link.active) await p.connector.deprovisionUser(ctx, user, link.spId);
  },
  syncedGroups: (app) => app.boundGroups,
  async syncGroup(p, app, group, members) {
    const link = app.groups.get(group.id);
    const nothingToSend =
      link?.spId === undefined ? members.length === 0 : sameMembers(link.lastMembers, members);
    if (!nothingToSend) await p.pushGroup(app, group, members);
  },
  async unbindGroup(_p, app, group) {
    app.groups.delete(group.id);
  },
  removeDeletedGroup: (p, app, group, spId) => p.connector.deleteGroup(p.contextOf(app), group, spId),
  async pushGroupName(p, app, group) {
    if (!app.managesGroups || !app.boundGroups.has(group.id)) return;
    if (app.groups.get(group.id)?.spId === undefined) return;
    await p.pushGroup(app, group, p.memberSpIds(app, group));
  },
  releaseMember: (p, app, user) => p.reconcileUserIn(app, user.id),
};

/** Same length and every previous member among the next ones: one Set, not a scan of `next` per member. */
function sameMembers(previous: readonly string[] | undefined, next: readonly string[]): boolean {
  if (previous === undefined || previous.length !== next.length) return false;
  const members = new Set(next);
  return previous.every((id) => members.has(id));
}
