import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Directory, type DirectoryUserFields } from './directory.js';
import { directoryMatch } from './import-steps.js';

const person = (username: string, email = `${username}@example.com`): DirectoryUserFields => ({
  username,
  email,
  firstname: 'Test',
  lastname: username,
});

/** What the directory's lookups answered before they were indexed: a scan, in the directory's order. */
const scan = {
  match(directory: Directory, username: string, email: string): string | undefined {
    for (const user of directory.users.values())
      if (
        user.username.toLowerCase() === username.toLowerCase() ||
        user.email.toLowerCase() === email.toLowerCase()
      )
        return user.id;
    return undefined;
  },
  groupsOf: (directory: Directory, userId: string) =>
    [...directory.groups.values()].filter((group) => group.members.has(userId)).map((group) => group.id),
  inAnyGroup: (directory: Directory, userId: string, groupIds: ReadonlySet<string>) =>
    [...groupIds].some((groupId) => directory.groups.get(groupId)?.members.has(userId)),
};

describe('Directory lookups', () => {
  test('finds a user by username or by email, in any case', () => {
    const directory = new Directory();
    const alice = directory.createUser(person('alice', 'Alice.Smith@Example.com'));

    expect(directory.findByUsernameOrEmail('ALICE', 'nobody@example.com')?.id).toBe(alice.id);
    expect(directory.findByUsernameOrEmail('nobody', 'alice.smith@example.COM')?.id).toBe(alice.id);
    expect(directory.findByUsernameOrEmail('alice.smith@example.com', 'alice')).toBeUndefined();
  });

  test('answers the first user in the directory when the username and the email match different ones', () => {
    const directory = new Directory();
    const first = directory.createUser(person('first', 'shared@example.com'));
    const second = directory.createUser(person('second', 'shared@example.com'));
    const third = directory.createUser(person('third'));

    expect(directory.findByUsernameOrEmail('third', 'shared@example.com')?.id).toBe(first.id);
    expect(directory.findByUsernameOrEmail('second', 'third@example.com')?.id).toBe(second.id);
    directory.deleteUser(first.id);

    expect(directory.findByUsernameOrEmail('third', 'shared@example.com')?.id).toBe(second.id);
    expect(directory.findByUsernameOrEmail('nobody', 'SHARED@example.com')?.id).toBe(second.id);
    expect(third.id).toBeDefined();
  });

  test('finds a renamed user under its new username and email only', () => {
    const directory = new Directory();
    const bob = directory.createUser(person('bob'));
    directory.updateUser(bob.id, { username: 'robert', email: 'robert@example.com' });

    expect(directory.findByUsernameOrEmail('bob', 'bob@example.com')).toBeUndefined();
    expect(directory.findByUsernameOrEmail('ROBERT', 'x@example.com')?.id).toBe(bob.id);
    expect(directory.findByUsernameOrEmail('x', 'Robert@example.com')?.id).toBe(bob.id);
    // The old username is free again; the new one is taken.
    expect(directory.createUser(person('bob')).username).toBe('bob');
    expect(() => directory.createUser(person('Robert'))).toThrow(/taken/);
  });

  test('keeps a case-only rename in the index', () => {
    const directory = new Directory();
    const carol = directory.createUser(person('carol'));
    expect(directory.updateUser(carol.id, { username: 'Carol' })).toEqual(['username']);

    expect(directory.findByUsernameOrEmail('CAROL', 'x@example.com')?.id).toBe(carol.id);
    expect(() => directory.createUser(person('carol'))).toThrow(/taken/);
  });

  test('forgets a deleted user in every lookup and every group', () => {
    const directory = new Directory();
    const dave = directory.createUser(person('dave'));
    const team = directory.createGroup('Team');
    directory.addMember(team.id, dave.id);
    directory.deleteUser(dave.id);

    expect(directory.findByUsernameOrEmail('dave', 'dave@example.com')).toBeUndefined();
    expect(team.members.has(dave.id)).toBe(false);
    expect(directory.groupsOf(dave.id)).toEqual([]);
    expect(directory.inAnyGroup(dave.id, new Set([team.id]))).toBe(false);
    expect(directory.createUser(person('dave')).id).not.toBe(dave.id);
  });

  test('lists the groups of a user in the directory order, whatever order it joined them', () => {
    const directory = new Directory();
    const erin = directory.createUser(person('erin'));
    const [a, b, c] = ['A', 'B', 'C'].map((name) => directory.createGroup(name));
    for (const group of [c!, a!, b!]) directory.addMember(group.id, erin.id);
    directory.removeMember(b!.id, erin.id);

    expect(directory.groupsOf(erin.id).map((group) => group.name)).toEqual(['A', 'C']);
    expect(directory.inAnyGroup(erin.id, new Set([b!.id]))).toBe(false);
    expect(directory.inAnyGroup(erin.id, new Set([b!.id, c!.id]))).toBe(true);
  });

  test('leaves a group taken out of the groups map out of the groups of its members', () => {
    const directory = new Directory();
    const fay = directory.createUser(person('fay'));
    const team = directory.createGroup('Team');
    directory.addMember(team.id, fay.id);
    // As ReferenceIdp.deleteGroup does.
    directory.groups.delete(team.id);

    expect(directory.groupsOf(fay.id)).toEqual([]);
    expect(directory.inAnyGroup(fay.id, new Set([team.id]))).toBe(false);
    expect(directory.deleteUser(fay.id).id).toBe(fay.id);
  });

  test('answers every lookup as a scan of the directory would, over any sequence of changes', () => {
    const names = ['ann', 'ben', 'cy', 'dee'];
    const name = fc.constantFrom(...names, ...names.map((n) => n.toUpperCase()));
    const op = fc.oneof(
      fc.record({ kind: fc.constant('create' as const), username: name, email: name }),
      fc.record({ kind: fc.constant('rename' as const), user: fc.nat(), username: name }),
      fc.record({ kind: fc.constant('email' as const), user: fc.nat(), email: name }),
      fc.record({ kind: fc.constant('delete' as const), user: fc.nat() }),
      fc.record({ kind: fc.constant('join' as const), user: fc.nat(), group: fc.nat(3) }),
      fc.record({ kind: fc.constant('leave' as const), user: fc.nat(), group: fc.nat(3) }),
      fc.record({ kind: fc.constant('dropGroup' as const), group: fc.nat(3) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const directory = new Directory();
        const groups = ['G0', 'G1', 'G2', 'G3'].map((group) => directory.createGroup(group).id);
        const pick = <T>(items: readonly T[], n: number): T | undefined =>
          items[n % Math.max(items.length, 1)];
        for (const step of ops) {
          const ids = [...directory.users.keys()];
          try {
            if (step.kind === 'create')
              directory.createUser(person(step.username, `${step.email}@example.com`));
            else if (step.kind === 'rename' || step.kind === 'email') {
              const id = pick(ids, step.user);
              if (id !== undefined)
                directory.updateUser(
                  id,
                  step.kind === 'rename'
                    ? { username: step.username }
                    : { email: `${step.email}@example.com` },
                );
            } else if (step.kind === 'delete') {
              const id = pick(ids, step.user);
              if (id !== undefined) directory.deleteUser(id);
            } else if (step.kind === 'dropGroup') directory.groups.delete(groups[step.group]!);
            else {
              const id = pick(ids, step.user);
              const group = groups[step.group]!;
              if (id === undefined || !directory.groups.has(group)) continue;
              if (step.kind === 'join') directory.addMember(group, id);
              else directory.removeMember(group, id);
            }
          } catch (error) {
            // A taken username is refused, as before; nothing else may throw.
            expect(String(error)).toMatch(/taken/);
          }
        }
        for (const username of names)
          for (const email of names) {
            const fields = person(username, `${email}@EXAMPLE.com`);
            expect(directoryMatch(directory, fields)).toBe(scan.match(directory, username, fields.email));
          }
        for (const id of directory.users.keys()) {
          expect(directory.groupsOf(id).map((group) => group.id)).toEqual(scan.groupsOf(directory, id));
          for (const bound of [new Set(groups.slice(0, 2)), new Set(groups.slice(2))])
            expect(directory.inAnyGroup(id, bound)).toBe(scan.inAnyGroup(directory, id, bound));
        }
      }),
      { numRuns: 300 },
    );
  });
});
