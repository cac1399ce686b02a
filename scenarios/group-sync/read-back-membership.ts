import { defineScenario, type ScenarioContext } from '#harness/runner';
import { GROUP_SCHEMA, type JsonObject } from '#harness/scim';
import { act, assign, lifecycle } from '../read-back.js';
import { expectMembers, pushedGroup, readGroup, removeMember } from './read-back-support.js';

const requires = { provisioning: true, groups: true } as const;

export const readBackMembershipScenarios = [
  defineScenario({
    id: 'group-sync/remove-last-member-read-back',
    title: "a group's last member removed in the IdP leaves the group empty",
    requirements: ['SCIM-LIFECYCLE-GROUPS'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.2',
    security: true,
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, groupSpId, userIds } = await pushedGroup(ctx, 1);
      await removeMember(ctx, setup, userIds[0]!);
      expectMembers(
        ctx,
        await readGroup(ctx, groupSpId),
        [],
        `After ${setup.dialect.idp} removed the group's only member (the user keeps the access the group grants otherwise)`,
      );
    },
  }),
  defineScenario({
    id: 'group-sync/many-members-read-back',
    title: 'a group of twelve members pushed by the IdP reads back with all twelve',
    requirements: ['SCIM-LIFECYCLE-GROUPS'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.1; RFC 7643 §4.2',
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, groupSpId, members } = await pushedGroup(ctx, 12);
      const limit = setup.dialect.groups.maxMembersPerRequest;
      expectMembers(
        ctx,
        await readGroup(ctx, groupSpId),
        members,
        `After ${setup.dialect.idp} pushed 12 members${limit === null ? '' : ` (at most ${limit} per request)`}`,
      );
    },
  }),
  defineScenario({
    id: 'group-sync/takeover-read-back',
    title: 'a group that already exists in the app under the same name is taken over, not duplicated',
    requirements: ['SCIM-LIFECYCLE-GROUPS', 'SCIM-LIST-FILTER'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.2 (displayName eq)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx, { groupManagement: true });
      if (setup.dialect.groups.lookup === null)
        ctx.notApplicable(`${setup.dialect.idp} creates groups without looking them up first`);
      // A decoy first, so a lookup that ignores its filter finds the wrong group.
      const names = [ctx.unique('Decoy'), ctx.unique('Existing')];
      const ids: string[] = [];
      for (const displayName of names) {
        const created = await ctx.scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName, members: [] });
        const body = created.body as JsonObject;
        ctx.require(
          created.status === 201 && typeof body.id === 'string',
          'scim-protocol/group-lifecycle',
          `creating a group answered ${created.status}`,
        );
        ids.push(body.id as string);
      }
      const { userId } = await assign(ctx, setup);
      const group = setup.idp.directory.createGroup(names[1]!).id;
      await act(ctx, setup, 'push the group', async () => {
        await setup.idp.addToGroup(group, userId);
        await setup.idp.bindGroup(setup.app, group);
      });
      const linked = setup.app.groups.get(group)?.spId;
      ctx.expect(
        linked === ids[1],
        linked === ids[0]
          ? `${setup.dialect.idp}'s lookup displayName eq "${names[1]}" found the other group ${ids[0]}: the IdP now manages the wrong group's members`
          : `${setup.dialect.idp} did not take over the existing group ${ids[1]} (linked ${String(linked)}): the app now has two groups of that name`,
      );
    },
  }),
];
