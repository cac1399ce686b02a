import { defineScenario, type ScenarioContext } from '#harness/runner';
import type { JsonObject } from '#harness/scim';
import { provisioning } from '../support.js';
import {
  boundGroup,
  describeRequests,
  eventsAbout,
  groupRequires,
  groupsNamed,
  linkedGroup,
  member,
  membersOf,
  snapshot,
  spIdOf,
  step,
} from './support.js';

/** Group takeover, rename and membership (IDP-IDM-07, IDP-IDM-13). */
export const syncScenarios = [
  defineScenario({
    id: 'group-sync/takeover-by-display-name',
    title: 'an SP group whose displayName equals the bound group name is taken over, not duplicated',
    requirements: ['IDP-IDM-07', 'IDP-IDM-10'],
    level: 'DOC',
    requires: groupRequires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { sp } = setup;
      // Another group first, so a lookup that does not filter finds the wrong one.
      const decoy = sp.seedGroup({ displayName: 'Sales' });
      const existing = sp.seedGroup({ displayName: 'Engineering' });
      const groupId = await boundGroup(setup, 'Engineering');
      const mark = sp.requests().length;
      const events = setup.idp.insights.events.length;
      const userId = await setup.idp.createUser(ctx.people.next());
      await step(ctx, "Provisioning the first member of 'Engineering', which exists in the SP", () =>
        setup.idp.addToGroup(groupId, userId),
      );
      const named = groupsNamed(setup, 'Engineering');
      ctx.expect(
        named.length === 1 && named[0]!.id === existing,
        `The SP holds ${named.length} groups named 'Engineering' (${named.map((g) => g.id).join(', ')}); the IdP must take the existing one (${existing}) over (IDP-IDM-07)`,
      );
      ctx.expect(
        setup.app.groups.get(groupId)?.spId === existing,
        `The IdP linked 'Engineering' to SP group ${String(setup.app.groups.get(groupId)?.spId)}, not to the existing ${existing} (IDP-IDM-07)`,
      );
      const spId = spIdOf(ctx, setup, userId);
      ctx.expect(
        membersOf(named[0]).includes(spId),
        `The taken-over group lists [${membersOf(named[0]).join(', ')}]; expected the new member ${spId} (IDP-IDM-07)`,
      );
      const posts = sp
        .requests()
        .slice(mark)
        .filter((r) => r.method === 'POST' && /^\/Groups$/i.test(r.path));
      ctx.expect(
        posts.length === 0,
        `The IdP sent ${describeRequests(posts)} although a group of that name exists (IDP-IDM-07)`,
      );
      const other = sp.state().groups.find((g) => g.id === decoy);
      ctx.expect(
        other?.resource.displayName === 'Sales' && membersOf(other).length === 0,
        `The unrelated SP group 'Sales' changed to ${snapshot(other)}`,
      );
      ctx.expect(
        eventsAbout(setup, 'group_update_provision', 'Engineering', events).some(
          (e) => e.outcome === 'success',
        ) && eventsAbout(setup, 'group_create_provision', 'Engineering', events).length === 0,
        'Taking the group over should log a successful group_update_provision and no group_create_provision (IDP-IDM-10)',
      );
    },
  }),
  defineScenario({
    id: 'group-sync/rename',
    title: 'renaming a bound group renames the same group in the SP',
    requirements: ['IDP-IDM-07', 'IDP-IDM-10'],
    level: 'DOC',
    requires: groupRequires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const userId = await member(ctx, setup, setup.groupId);
      const before = linkedGroup(setup, setup.groupId);
      ctx.expect(before !== undefined, "The bound group 'All Users' was not created in the SP (IDP-IDM-07)");
      const events = setup.idp.insights.events.length;
      await step(ctx, "Renaming 'All Users' to 'Everyone'", () =>
        setup.idp.renameGroup(setup.groupId, 'Everyone'),
      );
      const after = linkedGroup(setup, setup.groupId);
      ctx.expect(
        after?.id === before.id && after.resource.displayName === 'Everyone',
        `After the rename SP group ${before.id} is ${snapshot(after)}; expected displayName 'Everyone' (IDP-IDM-07)`,
      );
      ctx.expect(
        groupsNamed(setup, 'All Users').length === 0 && groupsNamed(setup, 'Everyone').length === 1,
        `The SP holds ${groupsNamed(setup, 'All Users').length} groups named 'All Users' and ${groupsNamed(setup, 'Everyone').length} named 'Everyone'; a rename must rename, not create (IDP-IDM-07)`,
      );
      ctx.expect(
        membersOf(after).includes(spIdOf(ctx, setup, userId)),
        `The renamed group lost its member: ${snapshot(after)}`,
      );
      ctx.expect(
        eventsAbout(setup, 'group_update_provision', 'Everyone', events).some((e) => e.outcome === 'success'),
        'The rename logged no successful group_update_provision event (IDP-IDM-10)',
      );
    },
  }),
  defineScenario({
    id: 'group-sync/membership-follows-changes',
    title: 'members added and removed in the directory are added and removed in the SP group',
    requirements: ['IDP-IDM-07', 'IDP-IDM-13', 'IDP-IDM-10'],
    level: 'DOC',
    requires: groupRequires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { idp } = setup;
      const [a, b] = [await member(ctx, setup, setup.groupId), await member(ctx, setup, setup.groupId)];
      const [spA, spB] = [spIdOf(ctx, setup, a), spIdOf(ctx, setup, b)];
      const group = () => linkedGroup(setup, setup.groupId);
      ctx.expect(
        membersOf(group()).join() === [spA, spB].sort().join(),
        `The SP group is ${snapshot(group())}; expected members ${spA} and ${spB} (IDP-IDM-07)`,
      );
      const c = await member(ctx, setup, setup.groupId);
      const spC = spIdOf(ctx, setup, c);
      ctx.expect(
        membersOf(group()).join() === [spA, spB, spC].sort().join(),
        `After adding a member the SP group is ${snapshot(group())}; expected ${spA}, ${spB} and ${spC} once each (IDP-IDM-07, IDP-IDM-13)`,
      );
      const mark = ctx.exchanges.length;
      await step(ctx, 'Removing a member', () => idp.removeFromGroup(setup.groupId, a));
      ctx.expect(
        membersOf(group()).join() === [spB, spC].sort().join(),
        `After removing ${spA} the SP group is ${snapshot(group())}; expected ${spB} and ${spC} (IDP-IDM-07)`,
      );
      const removal = ctx.exchanges
        .slice(mark)
        .filter((e) => e.request.method === 'PATCH' && /\/Groups\/[^/]+$/.test(e.request.url))
        .flatMap(
          (e) => (JSON.parse(e.request.body ?? '{}') as { Operations?: JsonObject[] }).Operations ?? [],
        );
      ctx.expect(
        removal.some(
          (op) =>
            String(op.op).toLowerCase() === 'remove' &&
            op.path === 'members' &&
            Array.isArray(op.value) &&
            op.value.some((v) => (v as JsonObject).value === spA),
        ),
        `The member was not removed in the value-array form {"op":"remove","path":"members","value":[{"value":"${spA}"}]}; sent ${JSON.stringify(removal)} (IDP-IDM-13)`,
      );
      await step(ctx, 'Adding the removed member back', () => idp.addToGroup(setup.groupId, a));
      ctx.expect(
        membersOf(group()).join() === [spA, spB, spC].sort().join(),
        `After adding ${spA} back the SP group is ${snapshot(group())} (IDP-IDM-07)`,
      );
      ctx.expect(
        idp.insights.ofType('group_update_provision').some((e) => e.outcome === 'success'),
        'No successful group_update_provision event was logged (IDP-IDM-10)',
      );
    },
  }),
];
