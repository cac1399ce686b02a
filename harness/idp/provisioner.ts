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
  /** @default Date.now */
  now?: () => number;
}

/**
 * **assumed** (IDP-IDM-12 and the JumpCloud guide name no figure): when the IdP tries again the
 * users and groups a pass failed: a minute after, then twice as long each time, an hour apart
 * at most, for 8 attempts; then they wait for the next full pass.
 */
export const FAILED_RETRY = { firstMs: 60_000, factor: 2, maxMs: 3_600_000, attempts: 8 } as const;

/** The wait before retry number `attempt` (1-based) of a pass's failures. */
export function retryDelayMs(attempt: number): number {
  return Math.min(FAILED_RETRY.firstMs * FAILED_RETRY.factor ** (attempt - 1), FAILED_RETRY.maxMs);
}

/** The users and groups of an app that the last pass or retry failed, and when they are tried again. */
export interface OwedWork {
  /** Directory user ids. */
  users: string[];
  /** Directory group ids. */
  groups: string[];
  /** Why the first of them failed. */
  reason: string;
  /** Retries made so far. */
  retries: number;
  /** When the next retry is due (ms since the epoch); undefined once the retries are spent. */
  dueAt: number | undefined;
}

/** What a retry of a pass's failures did. */
export type RetryOutcome =
  | { status: 'nothing-owed' }
  | { status: 'not-due'; dueAt: number | undefined }
  | { status: 'done'; retried: number }
  | { status: 'failed'; owed: OwedWork };

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
    const users = [...this.directory.users.keys()];
    const groups = app.managesGroups ? [...this.steps.syncedGroups(app)] : [];
    const failures = await this.#attempt(app, users, groups);
    this.#settle(app, failures, 0);
    if (failures.errors.length === 1) throw failures.errors[0];
    if (failures.errors.length > 1) {
      const first = message(failures.errors[0]);
      throw new ConnectorError(
        `${failures.errors.length} users and groups of ${app.name} failed to provision in this pass (first: ${first}); the others are provisioned; the IdP tries these again in ${retryDelayMs(1) / 1000} s, then with back-off (retryFailed)`,
      );
    }
  }

  /** The work the last pass or retry of `app` left undone, if any. */
  owed(app: Application): OwedWork | undefined {
    const owed = this.#owed.get(app);
    return owed && { ...owed, users: [...owed.users], groups: [...owed.groups] };
  }

  /**
   * Tries again, once it is due, what the last pass or retry of `app` failed (only that): with
   * back-off between tries (FAILED_RETRY), as an IdP's provisioning queue does.
   */
  async retryOwed(app: Application): Promise<RetryOutcome> {
    const owed = this.#owed.get(app);
    if (!owed) return { status: 'nothing-owed' };
    if (owed.dueAt === undefined || this.#now() < owed.dueAt) return { status: 'not-due', dueAt: owed.dueAt };
    if (!app.provisioning) return { status: 'not-due', dueAt: owed.dueAt };
    // A user provisioned now joins the synced groups that hold them: those are pushed again too.
    const groups = new Set(owed.groups);
    if (app.managesGroups)
      for (const groupId of this.steps.syncedGroups(app))
        if (owed.users.some((userId) => this.directory.groups.get(groupId)?.members.has(userId)))
          groups.add(groupId);
    const failures = await this.#attempt(app, owed.users, [...groups]);
    this.#settle(app, failures, owed.retries + 1);
    const left = this.owed(app);
    return left
      ? { status: 'failed', owed: left }
      : { status: 'done', retried: owed.users.length + owed.groups.length };
  }

  readonly #owed = new Map<Application, OwedWork>();

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Each user, then each group, of `app`: one that fails does not stop the others. */
  async #attempt(
    app: Application,
    userIds: readonly string[],
    groupIds: readonly string[],
  ): Promise<{ users: string[]; groups: string[]; errors: unknown[] }> {
    const failed = { users: [] as string[], groups: [] as string[], errors: [] as unknown[] };
    for (const userId of userIds) {
      if (!this.directory.users.has(userId)) continue;
      try {
        await this.reconcileUserIn(app, userId);
      } catch (error) {
        failed.users.push(userId);
        failed.errors.push(error);
      }
    }
    for (const groupId of groupIds) {
      const group = this.directory.groups.get(groupId);
      if (!group || !app.managesGroups) continue;
      try {
        await this.steps.syncGroup(this, app, group, this.memberSpIds(app, group));
      } catch (error) {
        failed.groups.push(groupId);
        failed.errors.push(error);
      }
    }
    return failed;
  }

  /** Remembers what is still owed after a pass (`retries` 0) or a retry, and when to try it again. */
  #settle(
    app: Application,
    failed: { users: string[]; groups: string[]; errors: unknown[] },
    retries: number,
  ): void {
    if (failed.errors.length === 0) {
      this.#owed.delete(app);
      return;
    }
    this.#owed.set(app, {
      users: failed.users,
      groups: failed.groups,
      reason: message(failed.errors[0]),
      retries,
      dueAt: retries < FAILED_RETRY.attempts ? this.#now() + retryDelayMs(retries + 1) : undefined,
    });
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

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
