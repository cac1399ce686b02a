import { defineScenario, type ScenarioContext } from '#harness/runner';
import { GROUP_SCHEMA, type JsonObject } from '#harness/scim';
import { act, assign, lifecycle, messageOf } from '../read-back.js';
import { PUSH_CHECK, expectMembers, pushedGroup, readGroup, removeMember } from './read-back-support.js';

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
    id: 'group-sync/other-groups-kept-read-back',
    title: "a member removed from one group stays a member of the user's other groups",
    requirements: ['SCIM-LIFECYCLE-GROUPS'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.2 (remove changes only the target group)',
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, members, userIds } = await pushedGroup(ctx, 2);
      const other = await removeMember(ctx, setup, userIds[0]!);
      const otherSpId = setup.app.groups.get(other)?.spId;
      ctx.require(otherSpId !== undefined, PUSH_CHECK, 'the IdP did not create the second group');
      expectMembers(
        ctx,
        await readGroup(ctx, otherSpId),
        [members[0]!],
        `After ${setup.dialect.idp} removed the user from one group, the user's other group lost it too`,
      );
    },
  }),
  takeoverScenario({
    id: 'group-sync/takeover-read-back',
    title: 'a group that already exists in the app under the same name is taken over, not duplicated',
    name: (ctx) => ctx.unique('Existing'),
  }),
  takeoverScenario({
    id: 'group-sync/quoted-name-takeover-read-back',
    title: 'a group whose name holds quotes and a backslash is found by its name and taken over',
    name: (ctx) => `${ctx.unique('R&D')} "Core" \\ Ops`,
  }),
];

/**
 * A group that exists in the app before the IdP pushes a directory group of the same name
 * (`name`): the IdP's displayName lookup must find it, and not a decoy created beside it.
 */
function takeoverScenario(options: { id: string; title: string; name: (ctx: ScenarioContext) => string }) {
  return defineScenario({
    id: options.id,
    title: options.title,
    requirements: ['SCIM-LIFECYCLE-GROUPS', 'SCIM-LIST-FILTER'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.2 (displayName eq; a string value is a JSON string, escapes included)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx, { groupManagement: true });
      if (setup.dialect.groups.lookup === null)
        ctx.notApplicable(`${setup.dialect.idp} creates groups without looking them up first`);
      // A decoy first, so a lookup that ignores its filter finds the wrong group.
      const names = [ctx.unique('Decoy'), options.name(ctx)];
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
      await act(
        ctx,
        setup,
        'push the group',
        async () => {
          await setup.idp.addToGroup(group, userId);
          await setup.idp.bindGroup(setup.app, group);
        },
        (error, exchanges) => {
          const lookup = exchanges.find((e) => /\/Groups\?.*filter=/i.test(e.request.url));
          if (lookup?.response === undefined) return;
          ctx.fail(
            `${setup.dialect.idp}'s lookup displayName eq ${JSON.stringify(names[1])} answered ${lookup.response.status}${lookup.response.status === 200 ? ' without the existing group' : ''}, so it could not take the group over and its create failed: ${messageOf(error)}. A group whose name holds a quote or a backslash cannot be managed (RFC 7644 §3.4.2.2: a filter value is a JSON string, escapes included).`,
          );
        },
      );
      const linked = setup.app.groups.get(group)?.spId;
      ctx.expect(
        linked === ids[1],
        linked === ids[0]
          ? `${setup.dialect.idp}'s lookup displayName eq ${JSON.stringify(names[1])} found the other group ${ids[0]}: the IdP now manages the wrong group's members`
          : `${setup.dialect.idp} did not take over the existing group ${ids[1]} named ${JSON.stringify(names[1])} (linked ${String(linked)}): the app now has two groups of that name`,
      );
    },
  });
}
