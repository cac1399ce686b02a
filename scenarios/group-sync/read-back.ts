import { defineScenario, type ScenarioContext } from '#harness/runner';
import { CREATE_CHECK, act, assign, readBack } from '../read-back.js';
import { PUSH_CHECK, expectMembers, pushedGroup, readGroup, removeMember } from './read-back-support.js';

const requires = { provisioning: true, groups: true } as const;
export const readBackGroupScenarios = [
  defineScenario({
    id: PUSH_CHECK,
    title: 'a group pushed by the IdP reads back with its name and members',
    requirements: ['SCIM-LIFECYCLE-GROUPS'],
    level: 'MUST',
    clause: 'RFC 7644 §3.3, §3.5.2; RFC 7643 §4.2',
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, groupSpId, members } = await pushedGroup(ctx, 2);
      const group = await readGroup(ctx, groupSpId);
      const name = setup.idp.directory.group(setup.groupId).name;
      ctx.expect(
        group.displayName === name,
        `The pushed group's displayName reads back '${String(group.displayName)}', not '${name}'`,
      );
      expectMembers(ctx, group, members, `After ${setup.dialect.idp} pushed two members`);
    },
  }),
  defineScenario({
    id: 'group-sync/member-add-read-back',
    title: 'a member added in the IdP joins the group, and the others stay',
    requirements: ['SCIM-LIFECYCLE-GROUPS'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.1 (add to a multi-valued attribute appends)',
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, groupSpId, members } = await pushedGroup(ctx, 2);
      const { spId } = await assign(ctx, setup);
      ctx.require(spId !== undefined, CREATE_CHECK, 'the IdP did not create the third member');
      expectMembers(
        ctx,
        await readGroup(ctx, groupSpId),
        [...members, spId],
        `After ${setup.dialect.idp} added a third member`,
      );
    },
  }),
  defineScenario({
    id: 'group-sync/member-remove-read-back',
    title: 'a member removed in the IdP leaves the group, and only that member',
    requirements: ['SCIM-LIFECYCLE-GROUPS'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.2 (remove with a value filter or a value list)',
    security: true,
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, groupSpId, members, userIds } = await pushedGroup(ctx, 3);
      await removeMember(ctx, setup, userIds[0]!);
      expectMembers(
        ctx,
        await readGroup(ctx, groupSpId),
        members.slice(1),
        `After ${setup.dialect.idp} removed one member (${setup.dialect.groups.remove === 'filter-path' ? 'members[value eq …]' : 'a value list'})`,
      );
    },
  }),
  defineScenario({
    id: 'group-sync/rename-read-back',
    title: 'a group renamed in the IdP is renamed in the app',
    requirements: ['SCIM-LIFECYCLE-GROUPS'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5',
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, groupSpId, members } = await pushedGroup(ctx, 1);
      const renamed = ctx.unique('Renamed');
      await act(ctx, setup, 'rename the group', () => setup.idp.renameGroup(setup.groupId, renamed));
      const group = await readGroup(ctx, groupSpId);
      ctx.expect(
        group.displayName === renamed,
        `After ${setup.dialect.idp} renamed the group, its displayName reads back '${String(group.displayName)}', not '${renamed}'`,
      );
      expectMembers(ctx, group, members, 'After the rename');
    },
  }),
  defineScenario({
    id: 'group-sync/delete-read-back',
    title: 'a group deleted in the IdP is deleted in the app',
    requirements: ['SCIM-LIFECYCLE-GROUPS'],
    level: 'MUST',
    clause: 'RFC 7644 §3.6',
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, groupSpId } = await pushedGroup(ctx, 1);
      await act(ctx, setup, 'delete the group', () => setup.idp.deleteGroup(setup.groupId));
      const { resource } = await readBack(ctx, '/Groups', groupSpId);
      ctx.expect(
        resource === undefined,
        `After ${setup.dialect.idp} deleted the group, GET /Groups/${groupSpId} still answers it: access granted through the group stays (RFC 7644 §3.6)`,
      );
    },
  }),
];
