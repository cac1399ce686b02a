import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import { readBackDeactivationScenarios } from './read-back.js';
import { expectStatus, provisioning, type Provisioning, onboard, provisioningRequires } from '../support.js';
import { readBackStateScenarios } from './read-back-state.js';
import { appOf } from '../targets.js';

const requires = provisioningRequires;

async function provisioned(
  ctx: ScenarioContext,
): Promise<{ setup: Provisioning; userId: string; spId: string }> {
  const setup = await provisioning(ctx);
  const { userId, spId } = await onboard(ctx, setup);
  ctx.expect(spId !== undefined, 'The user was not provisioned before the deactivation step');
  return { setup, userId, spId };
}

/** Reads the SP user over SCIM: a deactivated user must still exist, with active false. */
async function activeInSp(ctx: ScenarioContext, spId: string, rule: string): Promise<unknown> {
  const response = await ctx.scim.get(`/Users/${spId}`);
  expectStatus(ctx, response, 200, `${rule}: the user stays in the SP`);
  return isJsonObject(response.body) ? response.body.active : undefined;
}

function lastPatchOf(ctx: ScenarioContext, spId: string): JsonObject[] {
  const patch = ctx.exchanges
    .filter((e) => e.request.method === 'PATCH' && e.request.url.endsWith(`/Users/${spId}`))
    .at(-1);
  return (JSON.parse(patch?.request.body ?? '{}') as { Operations?: JsonObject[] }).Operations ?? [];
}

export const deactivationScenarios = [
  defineScenario({
    id: 'deactivation/suspend',
    title: 'suspending a user sets active=false in the SP with a boolean PATCH',
    requirements: ['IDP-IDM-05', 'IDP-IDM-13', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, userId, spId } = await provisioned(ctx);
      await setup.idp.setSuspended(userId, true);
      const active = await activeInSp(ctx, spId, 'IDP-IDM-05');
      ctx.expect(
        active === false,
        `The suspended user is active=${JSON.stringify(active)} in the SP; expected false (IDP-IDM-05)`,
      );
      const ops = lastPatchOf(ctx, spId);
      ctx.expect(
        ops.some((op) => op.path === 'active' && op.value === false),
        `The deactivation PATCH sent ${JSON.stringify(ops)}; expected replace active with the boolean false (IDP-IDM-13)`,
      );
      ctx.expect(
        setup.idp.insights.ofType('user_deprovision').some((e) => e.outcome === 'success'),
        'No user_deprovision event was logged (IDP-IDM-10)',
      );
    },
  }),
  defineScenario({
    id: 'deactivation/removed-from-all-groups',
    title: 'removing a user from every bound group sets active=false',
    requirements: ['IDP-IDM-05'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, userId, spId } = await provisioned(ctx);
      await setup.idp.removeFromGroup(setup.groupId, userId);
      const active = await activeInSp(ctx, spId, 'IDP-IDM-05');
      ctx.expect(
        active === false,
        `A user in no bound group is active=${JSON.stringify(active)} in the SP; expected false (IDP-IDM-05)`,
      );
    },
  }),
  defineScenario({
    id: 'deactivation/unsuspend',
    title: 'unsuspending a user sets active=true again',
    requirements: ['IDP-IDM-06'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, userId, spId } = await provisioned(ctx);
      await setup.idp.setSuspended(userId, true);
      await setup.idp.setSuspended(userId, false);
      const active = await activeInSp(ctx, spId, 'IDP-IDM-06');
      ctx.expect(
        active === true,
        `The unsuspended user is active=${JSON.stringify(active)}; expected true (IDP-IDM-06)`,
      );
      const userName = setup.idp.directory.user(userId).username.toLowerCase();
      const all = setup.sp
        .state()
        .users.filter((user) => String(user.resource.userName).toLowerCase() === userName).length;
      ctx.expect(
        all === 1,
        `The SP holds ${all} users named ${userName} after reactivation; reactivation must not create a second one (IDP-IDM-03)`,
      );
    },
  }),
  defineScenario({
    id: 'deactivation/rebind',
    title: 'adding a user back to a bound group sets active=true again',
    requirements: ['IDP-IDM-06'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const { setup, userId, spId } = await provisioned(ctx);
      await setup.idp.removeFromGroup(setup.groupId, userId);
      await setup.idp.addToGroup(setup.groupId, userId);
      const active = await activeInSp(ctx, spId, 'IDP-IDM-06');
      ctx.expect(
        active === true,
        `The re-bound user is active=${JSON.stringify(active)}; expected true (IDP-IDM-06)`,
      );
    },
  }),
  defineScenario({
    id: 'deactivation/delete-user',
    title: 'deleting a directory user deletes it in the SP',
    requirements: ['IDP-IDM-05', 'IDP-IDM-10'],
    level: 'DOC',
    requires: { ...requires, deleteUsers: true },
    async run(ctx: ScenarioContext) {
      const { setup, userId, spId } = await provisioned(ctx);
      await setup.idp.deleteUser(userId);
      const response = await ctx.scim.get(`/Users/${spId}`);
      expectStatus(ctx, response, 404, 'IDP-IDM-05: a user deleted in the directory is deleted in the SP');
      ctx.expect(
        setup.idp.insights.ofType('user_delete_provision').some((e) => e.outcome === 'success'),
        'No user_delete_provision event was logged (IDP-IDM-10)',
      );
    },
  }),
  defineScenario({
    id: 'deactivation/delete-user-without-delete',
    title: 'deleting a directory user deactivates it in an SP that does not support DELETE',
    requirements: ['IDP-IDM-05', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      // Decided before anything is provisioned: whether the check applies is not the connector's doing.
      const entry = appOf(ctx).idp;
      if (entry?.deleteUsers)
        ctx.notApplicable(`${entry.displayName} supports DELETE; deactivation/delete-user checks it`);
      const { setup, userId, spId } = await provisioned(ctx);
      const mark = ctx.exchanges.length;
      await setup.idp.deleteUser(userId);
      const deletes = ctx.exchanges.slice(mark).filter((e) => e.request.method === 'DELETE');
      ctx.expect(
        deletes.length === 0,
        `The IdP sent DELETE ${deletes[0]?.request.url ?? ''} to ${setup.app.catalog.displayName}, which only deactivates users; it must set active=false instead (IDP-IDM-05)`,
      );
      const active = await activeInSp(ctx, spId, 'IDP-IDM-05');
      ctx.expect(
        active === false,
        `The user deleted in the directory is active=${JSON.stringify(active)} in the SP; expected false (IDP-IDM-05)`,
      );
      ctx.expect(
        setup.idp.insights.ofType('user_deprovision').some((e) => e.outcome === 'success'),
        'No user_deprovision event was logged for the deleted user (IDP-IDM-10)',
      );
    },
  }),
  ...readBackDeactivationScenarios,
  ...readBackStateScenarios,
];
