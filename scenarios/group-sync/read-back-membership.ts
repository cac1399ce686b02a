import { defineScenario, type ScenarioContext } from '#harness/runner';
import { GROUP_SCHEMA, isJsonObject, type JsonObject } from '#harness/scim';
import { CREATE_CHECK, act, assign, lifecycle, readBack } from '../read-back.js';

const requires = { provisioning: true, groups: true } as const;

/** The member ids a group reads back with, each once. */
async function members(ctx: ScenarioContext, groupSpId: string): Promise<string[]> {
  const { resource } = await readBack(ctx, '/Groups', groupSpId);
  ctx.expect(
    resource !== undefined,
    `GET /Groups/${groupSpId} answered 404: the group the IdP pushed is gone`,
  );
  const list = Array.isArray(resource.members) ? resource.members.filter(isJsonObject) : [];
  return [...new Set(list.map((member) => String(member.value)))];
}

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
      const setup = await lifecycle(ctx, { groupManagement: true });
      const { userId, spId } = await assign(ctx, setup);
      ctx.require(spId !== undefined, CREATE_CHECK, 'the IdP did not create the member');
      const groupSpId = setup.app.groups.get(setup.groupId)?.spId;
      ctx.expect(groupSpId !== undefined, `${setup.dialect.idp} could not create the group in the app`);
      const other = setup.idp.directory.createGroup(ctx.unique('Other')).id;
      await act(ctx, setup, 'push a second group', async () => {
        await setup.idp.addToGroup(other, userId);
        await setup.idp.bindGroup(setup.app, other);
      });
      await act(ctx, setup, 'remove the last member', () => setup.idp.removeFromGroup(setup.groupId, userId));
      const left = await members(ctx, groupSpId);
      ctx.expect(
        left.length === 0,
        `After ${setup.dialect.idp} removed the group's only member, it reads back with [${left.join(', ')}]: the user keeps the access the group grants`,
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
      const setup = await lifecycle(ctx, { groupManagement: true });
      const expected: string[] = [];
      for (let i = 0; i < 12; i++) {
        const { spId } = await assign(ctx, setup);
        ctx.require(spId !== undefined, CREATE_CHECK, 'the IdP did not create a member');
        expected.push(spId);
      }
      const groupSpId = setup.app.groups.get(setup.groupId)?.spId;
      ctx.expect(groupSpId !== undefined, `${setup.dialect.idp} could not create the group in the app`);
      const found = await members(ctx, groupSpId);
      const missing = expected.filter((id) => !found.includes(id));
      ctx.expect(
        missing.length === 0 && found.length === expected.length,
        `After ${setup.dialect.idp} pushed 12 members${setup.dialect.groups.maxMembersPerRequest === null ? '' : ` (at most ${setup.dialect.groups.maxMembersPerRequest} per request)`}, ${missing.length} are missing and ${found.length} are listed`,
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
