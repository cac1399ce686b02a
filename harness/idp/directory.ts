/**
 * The reference IdP's directory, modelled on JumpCloud's: users with the
 * properties the integration guides' mapping tables name, user groups, and
 * suspension. It only stores; the IdP decides what a change means for each app.
 */

import type { Person } from '#harness/people';

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
  /** Directory user ids. */
  members: Set<string>;
}

/** Misuse of the directory (an unknown id, a duplicate username): a TypeError naming the fix. */
function missing(kind: string, id: string): TypeError {
  return new TypeError(`No ${kind} '${id}' in the directory; create it first`);
}

export class Directory {
  readonly users = new Map<string, DirectoryUser>();
  readonly groups = new Map<string, DirectoryGroup>();
  /** Lower-cased username → user id: a username is unique whatever its case, checked in O(1). */
  readonly #usernames = new Map<string, string>();
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
    this.#usernames.set(key, user.id);
    return user;
  }

  /** Applies changed fields; returns the names that actually changed. */
  updateUser(id: string, changes: Partial<DirectoryUserFields>): (keyof DirectoryUserFields)[] {
    const user = this.user(id);
    if (typeof changes.username === 'string') {
      const holder = this.#usernames.get(changes.username.toLowerCase());
      if (holder !== undefined && holder !== id)
        throw new TypeError(`username '${changes.username}' is taken in the directory; pick another`);
      this.#usernames.delete(user.username.toLowerCase());
      this.#usernames.set(changes.username.toLowerCase(), id);
    }
    const changed: (keyof DirectoryUserFields)[] = [];
    for (const [key, value] of Object.entries(changes) as [keyof DirectoryUserFields, unknown][]) {
      if (JSON.stringify(user[key]) === JSON.stringify(value)) continue;
      (user as unknown as Record<string, unknown>)[key] = structuredClone(value);
      changed.push(key);
    }
    return changed;
  }

  setSuspended(id: string, suspended: boolean): void {
    this.user(id).suspended = suspended;
  }

  deleteUser(id: string): DirectoryUser {
    const user = this.user(id);
    this.users.delete(id);
    this.#usernames.delete(user.username.toLowerCase());
    for (const group of this.groups.values()) group.members.delete(id);
    return user;
  }

  createGroup(name: string): DirectoryGroup {
    const group: DirectoryGroup = { id: this.newId('g'), name, members: new Set() };
    this.groups.set(group.id, group);
    return group;
  }

  addMember(groupId: string, userId: string): void {
    this.user(userId);
    this.group(groupId).members.add(userId);
  }

  removeMember(groupId: string, userId: string): void {
    this.group(groupId).members.delete(userId);
  }

  /** Groups that hold `userId`. */
  groupsOf(userId: string): DirectoryGroup[] {
    return [...this.groups.values()].filter((group) => group.members.has(userId));
  }
}
