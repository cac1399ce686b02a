import { defineScenario, type ScenarioContext } from '#harness/runner';
import type { JsonObject } from '#harness/scim';
import { expectStatus, provisioning, spUserOf, type Provisioning } from '../support.js';
import {
  activeOf,
  boundGroup,
  describeRequests,
  eventsAbout,
  groupById,
  groupRequestsSince,
  groupRequires,
  linkedGroup,
  member,
  membersOf,
  snapshot,
  spIdOf,
  step,
} from './support.js';

/**
 * 'All Users' and 'Contractors' bound; `shared` in both, `only` in Contractors alone.
 * Returns the SP id of the Contractors group as pushed.
 */
async function twoGroups(ctx: ScenarioContext) {
  const setup = await provisioning(ctx);
  const contractors = await boundGroup(setup, 'Contractors');
  const shared = await member(ctx, setup, setup.groupId, contractors);
  const only = await member(ctx, setup, contractors);
  const pushed = linkedGroup(setup, contractors);
  ctx.expect(pushed !== undefined, "The bound group 'Contractors' was not created in the SP (IDP-IDM-07)");
  ctx.expect(
    membersOf(pushed).length === 2,
    `The SP group 'Contractors' is ${snapshot(pushed)}; expected both members before the check (IDP-IDM-07)`,
  );
  return { setup, contractors, shared, only, pushed, spContractors: pushed.id };
}

function expectInactive(ctx: ScenarioContext, setup: Provisioning, userId: string, why: string): void {
  const active = activeOf(ctx, setup, userId);
  ctx.expect(
    active === false,
    `${why}: the SP user ${setup.app.users.get(userId)?.spId} is ${active === 'absent' ? 'gone' : `active=${JSON.stringify(active)}`}; expected it kept with active=false (IDP-IDM-07)`,
  );
}

function expectStillActive(ctx: ScenarioContext, setup: Provisioning, userId: string, why: string): void {
  const active = activeOf(ctx, setup, userId);
  ctx.expect(
    active === true,
    `${why}: the SP user ${setup.app.users.get(userId)?.spId} is ${active === 'absent' ? 'gone' : `active=${JSON.stringify(active)}`}; another bound group still holds it, so it stays active (IDP-IDM-07)`,
  );
}

/** Unbinding, deleting a group, disabling group management (IDP-IDM-07). */
export const removalScenarios = [
  defineScenario({
    id: 'group-sync/unbind-deactivates-members',
    title: 'an unbound group stops syncing and stays as it is in the SP; its members are deactivated',
    requirements: ['IDP-IDM-07', 'IDP-IDM-10'],
    level: 'DOC',
    requires: groupRequires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const contractors = await boundGroup(setup, 'Contractors');
      const users = [await member(ctx, setup, contractors), await member(ctx, setup, contractors)];
      const before = linkedGroup(setup, contractors);
      ctx.expect(
        before !== undefined,
        "The bound group 'Contractors' was not created in the SP (IDP-IDM-07)",
      );
      const mark = setup.sp.requests().length;
      await step(ctx, "Unbinding 'Contractors'", () => setup.idp.unbindGroup(setup.app, contractors));
      for (const userId of users) expectInactive(ctx, setup, userId, 'After the unbind');
      for (const userId of users) {
        const deprovisioned = eventsAbout(
          setup,
          'user_deprovision',
          setup.idp.directory.user(userId).username,
        );
        ctx.expect(
          deprovisioned.some((e) => e.outcome === 'success'),
          'Deactivating a member of the unbound group logged no successful user_deprovision event (IDP-IDM-10)',
        );
      }
      // Later changes to the unbound group are not synced either.
      await step(ctx, "Removing a member from the unbound 'Contractors'", () =>
        setup.idp.removeFromGroup(contractors, users[0]!),
      );
      const after = groupById(setup, before.id);
      ctx.expect(
        snapshot(after) === snapshot(before),
        `The unbound group must stay as it is in the SP: it was ${snapshot(before)}, now ${snapshot(after)} (IDP-IDM-07)`,
      );
      const requests = groupRequestsSince(setup, mark);
      ctx.expect(
        requests.length === 0,
        `An unbound group stops syncing, yet the IdP sent ${describeRequests(requests)} (IDP-IDM-07)`,
      );
    },
  }),
  defineScenario({
    id: 'group-sync/unbind-spares-members-of-other-groups',
    title: 'unbinding a group leaves its members that another bound group holds active',
    requirements: ['IDP-IDM-07'],
    level: 'DOC',
    requires: groupRequires,
    async run(ctx: ScenarioContext) {
      const { setup, contractors, shared, only, pushed } = await twoGroups(ctx);
      await step(ctx, "Unbinding 'Contractors'", () => setup.idp.unbindGroup(setup.app, contractors));
      expectStillActive(ctx, setup, shared, "After unbinding 'Contractors'");
      expectInactive(ctx, setup, only, "After unbinding 'Contractors', its member in no other bound group");
      const everyone = linkedGroup(setup, setup.groupId);
      ctx.expect(
        membersOf(everyone).includes(spIdOf(ctx, setup, shared)),
        `The still-bound 'All Users' group is ${snapshot(everyone)}; it must keep the shared member (IDP-IDM-07)`,
      );
      const after = groupById(setup, pushed.id);
      ctx.expect(
        snapshot(after) === snapshot(pushed),
        `The unbound group must stay as it is in the SP: it was ${snapshot(pushed)}, now ${snapshot(after)} (IDP-IDM-07)`,
      );
    },
  }),
  defineScenario({
    id: 'group-sync/delete-group',
    title:
      'a group deleted in the directory is deleted in the SP; members in no other bound group are deactivated',
    requirements: ['IDP-IDM-07', 'IDP-IDM-10'],
    level: 'DOC',
    requires: groupRequires,
    async run(ctx: ScenarioContext) {
      const { setup, contractors, shared, only, spContractors } = await twoGroups(ctx);
      await step(ctx, "Deleting 'Contractors' in the directory", () => setup.idp.deleteGroup(contractors));
      expectStatus(
        ctx,
        await ctx.scim.get(`/Groups/${encodeURIComponent(spContractors)}`),
        404,
        'a group deleted in the directory is deleted in the SP (IDP-IDM-07)',
      );
      expectStillActive(ctx, setup, shared, "After deleting 'Contractors'");
      expectInactive(ctx, setup, only, "After deleting 'Contractors', its member in no other bound group");
      const everyone = linkedGroup(setup, setup.groupId);
      ctx.expect(
        membersOf(everyone).includes(spIdOf(ctx, setup, shared)),
        `'All Users' is ${snapshot(everyone)}; it must keep the member it shares with the deleted group (IDP-IDM-07)`,
      );
      ctx.expect(
        eventsAbout(setup, 'group_delete_provision', 'Contractors').some((e) => e.outcome === 'success'),
        'Deleting the group logged no successful group_delete_provision event (IDP-IDM-10)',
      );
    },
  }),
  defineScenario({
    id: 'group-sync/disable-group-management',
    title: 'disabling group management leaves SP groups as they are and stops membership; users stay managed',
    requirements: ['IDP-IDM-07', 'IDP-IDM-10'],
    level: 'DOC',
    requires: groupRequires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { idp, app } = setup;
      const [a, b] = [await member(ctx, setup, setup.groupId), await member(ctx, setup, setup.groupId)];
      const before = linkedGroup(setup, setup.groupId);
      ctx.expect(before !== undefined, "The bound group 'All Users' was not created in the SP (IDP-IDM-07)");
      await step(ctx, 'Disabling group management', () => idp.updateIdm(app, { groupManagement: false }));
      ctx.expect(
        idp.insights.ofType('idm_integration_update').some((e) => e.outcome === 'success'),
        'Disabling group management logged no successful idm_integration_update event (IDP-IDM-10)',
      );
      const mark = setup.sp.requests().length;
      const c = await member(ctx, setup, setup.groupId);
      await step(ctx, 'Removing a member', () => idp.removeFromGroup(setup.groupId, b));
      await step(ctx, 'Changing a last name', () => idp.updateUser(a, { lastname: 'Groupless' }));
      ctx.expect(
        activeOf(ctx, setup, c) === true,
        'A user joining a bound group after group management was disabled was not provisioned; users stay managed (IDP-IDM-07)',
      );
      expectInactive(ctx, setup, b, 'A user removed from every bound group after disabling group management');
      const name = spUserOf(ctx, setup, a)?.resource.name as JsonObject | undefined;
      ctx.expect(
        name?.familyName === 'Groupless',
        `The SP user's familyName is '${String(name?.familyName)}'; attribute changes are still pushed with group management off (IDP-IDM-07)`,
      );
      const requests = groupRequestsSince(setup, mark);
      ctx.expect(
        requests.length === 0,
        `With group management disabled the IdP still sent ${describeRequests(requests)} (IDP-IDM-07)`,
      );
      const after = groupById(setup, before.id);
      ctx.expect(
        snapshot(after) === snapshot(before),
        `Disabling group management must leave the SP group as it is: it was ${snapshot(before)}, now ${snapshot(after)} (IDP-IDM-07)`,
      );
    },
  }),
];
