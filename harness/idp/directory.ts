/**
 * The reference IdP's directory, modelled on JumpCloud's: users with the
 * properties the integration guides' mapping tables name, user groups, and
 * suspension. It only stores; the IdP decides what a change means for each app.
 * Its lookups (by username, email, and the groups of a user) are indexed, so an
 * import or a sync of 100k users never scans it per user.
 */

import type { Person } from '#harness/people';
import { IdIndex } from '#harness/scim';

/** A JumpCloud user's properties, as the integration guides' attribute tables name them. */
export type DirectoryUserFields = Person;

export interface DirectoryUser extends DirectoryUserFields {
  id: string;
  suspended: boolean;
  passwordExpired: boolean;
}

export interface DirectoryGroup {
  id: string;
  name: string;
  /** Directory user ids; changed only through the directory (addMember, removeMember, deleteUser), which indexes them. */
  readonly members: ReadonlySet<string>;
}

/** Misuse of the directory (an unknown id, a duplicate username): a TypeError naming the fix. */
function missing(kind: string, id: string): TypeError {
  return new TypeError(`No ${kind} '${id}' in the directory; create it first`);
}

/** The lower-cased form the indexes key a username or email by; undefined for a missing value. */
const folded = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.toLowerCase() : undefined;

export class Directory {
  readonly users = new Map<string, DirectoryUser>();
  readonly groups = new Map<string, DirectoryGroup>();
  /** Lower-cased username → user id: a username is unique whatever its case, checked in O(1). */
  readonly #usernames = new Map<string, string>();
  /** Lower-cased email → the ids of the users holding it (an email need not be unique). */
  readonly #emails = new IdIndex();
  /** User id → its place in `users`, and group id → its place in `groups` (neither is ever re-inserted). */
  readonly #userRank = new Map<string, number>();
  readonly #groupRank = new Map<string, number>();
  /** User id → the ids of the groups holding it, so a user's groups are found without reading every group. */
  readonly #memberships = new IdIndex();
  #created = 0;
  #next = 1;

  constructor(
    private readonly newId: (prefix: string) => string = (prefix) =>
      `${prefix}${String(this.#next++).padStart(6, '0')}`,
  ) {}

  user(id: string): DirectoryUser {
    const user = this.users.get(id);
    if (!user) throw missing('user', id);
    return user;
  }

  group(id: string): DirectoryGroup {
    const group = this.groups.get(id);
    if (!group) throw missing('group', id);
    return group;
  }

  createUser(fields: DirectoryUserFields): DirectoryUser {
    const key = fields.username.toLowerCase();
    if (this.#usernames.has(key))
      throw new TypeError(`username '${fields.username}' is taken in the directory; pick another`);
    const user: DirectoryUser = {
      ...structuredClone(fields),
      id: this.newId('u'),
      suspended: false,
      passwordExpired: false,
    };
    this.users.set(user.id, user);
    this.#userRank.set(user.id, this.#created++);
    this.#usernames.set(key, user.id);
    const email = folded(user.email);
    if (email !== undefined) this.#emails.add(email, user.id);
    return user;
  }

  /**
   * The first user, in the directory's order, whose username is `username` or whose email is
   * `email`, each compared case-insensitively: two index lookups, whatever the directory's size.
   */
  findByUsernameOrEmail(username: string, email: string): DirectoryUser | undefined {
    let first = this.#usernames.get(username.toLowerCase());
    for (const id of this.#emails.ids(email.toLowerCase()))
      if (first === undefined || this.#userRank.get(id)! < this.#userRank.get(first)!) first = id;
    return first === undefined ? undefined : this.users.get(first);
  }

  /** Applies changed fields; returns the names that actually changed. */
  updateUser(id: string, changes: Partial<DirectoryUserFields>): (keyof DirectoryUserFields)[] {
    const user = this.user(id);
    if (typeof changes.username === 'string') {
      const holder = this.#usernames.get(changes.username.toLowerCase());
      if (holder !== undefined && holder !== id)
        throw new TypeError(`username '${changes.username}' is taken in the directory; pick another`);
    }
    const before = { username: folded(user.username), email: folded(user.email) };
    const changed: (keyof DirectoryUserFields)[] = [];
    for (const [key, value] of Object.entries(changes) as [keyof DirectoryUserFields, unknown][]) {
      if (JSON.stringify(user[key]) === JSON.stringify(value)) continue;
      (user as unknown as Record<string, unknown>)[key] = structuredClone(value);
      changed.push(key);
    }
    const username = folded(user.username);
    if (username !== before.username) {
      if (before.username !== undefined) this.#usernames.delete(before.username);
      if (username !== undefined) this.#usernames.set(username, id);
    }
    const email = folded(user.email);
    if (email !== before.email) {
      if (before.email !== undefined) this.#emails.remove(before.email, id);
      if (email !== undefined) this.#emails.add(email, id);
    }
    return changed;
  }

  setSuspended(id: string, suspended: boolean): void {
    this.user(id).suspended = suspended;
  }

  deleteUser(id: string): DirectoryUser {
    const user = this.user(id);
    this.users.delete(id);
    this.#userRank.delete(id);
    const username = folded(user.username);
    if (username !== undefined) this.#usernames.delete(username);
    const email = folded(user.email);
    if (email !== undefined) this.#emails.remove(email, id);
    for (const groupId of this.#memberships.ids(id)) this.#membersOf(groupId)?.delete(id);
    this.#memberships.delete(id);
    return user;
  }

  createGroup(name: string): DirectoryGroup {
    const group: DirectoryGroup = { id: this.newId('g'), name, members: new Set() };
    this.groups.set(group.id, group);
    this.#groupRank.set(group.id, this.#created++);
    return group;
  }

  addMember(groupId: string, userId: string): void {
    this.user(userId);
    (this.group(groupId).members as Set<string>).add(userId);
    this.#memberships.add(userId, groupId);
  }

  removeMember(groupId: string, userId: string): void {
    (this.group(groupId).members as Set<string>).delete(userId);
    this.#memberships.remove(userId, groupId);
  }

  /** Groups that hold `userId`, in the directory's order. */
  groupsOf(userId: string): DirectoryGroup[] {
    const groups: DirectoryGroup[] = [];
    for (const groupId of this.#memberships.ids(userId)) {
      const group = this.groups.get(groupId);
      if (group?.members.has(userId)) groups.push(group);
    }
    return groups.length < 2
      ? groups
      : groups.sort((a, b) => this.#groupRank.get(a.id)! - this.#groupRank.get(b.id)!);
  }

  /** Whether one of `groupIds` holds `userId`: read from the user's own groups, not from every group named. */
  inAnyGroup(userId: string, groupIds: ReadonlySet<string>): boolean {
    for (const groupId of this.#memberships.ids(userId))
      if (groupIds.has(groupId) && this.groups.get(groupId)?.members.has(userId)) return true;
    return false;
  }

  /** The members of a group still in the directory (a group the IdP deleted from `groups` is not). */
  #membersOf(groupId: string): Set<string> | undefined {
    return this.groups.get(groupId)?.members as Set<string> | undefined;
  }
}
