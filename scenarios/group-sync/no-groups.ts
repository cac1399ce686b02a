import { defineScenario, type Scenario, type ScenarioContext } from '#harness/runner';
import { GROUP_SCHEMA } from '#harness/scim';
import { expectScimError, onboard, provisioning, provisioningRequires } from '../support.js';

const GROUPS_PATH = /\/Groups(\/|$)/i;

/**
 * An app without SCIM groups: the IdP never enables group management for it nor sends a
 * /Groups request, whatever the admin asks and however memberships change; the SP refuses
 * /Groups (IDP-IDM-07 applies only where the app supports groups).
 */
export function noGroupsCheck(sp: string, name: string, requirement: string): Scenario {
  // The app's row is the caller's: the engine's checks cite only the engine's rows.
  return defineScenario<string>({
    id: `group-sync/${sp}-no-groups`,
    title: `${name} has no SCIM groups: the IdP sends no group call and ${name} refuses /Groups`,
    requirements: [requirement, 'IDP-IDM-07'],
    level: 'DOC',
    requires: { ...provisioningRequires, sp },
    async run(ctx: ScenarioContext) {
      // The admin asks for group management; an app without groups cannot have it.
      const setup = await provisioning(ctx, { groupManagement: true });
      const { idp, app } = setup;
      ctx.expect(
        app.idm?.groupManagement === false && !app.managesGroups,
        `The IdP enabled group management for ${name}, which has no SCIM groups (${requirement})`,
      );
      const second = idp.directory.createGroup('Engineering').id;
      await idp.bindGroup(app, second);
      const { userId } = await onboard(ctx, setup);
      await idp.addToGroup(second, userId);
      await idp.removeFromGroup(second, userId);
      await idp.removeFromGroup(setup.groupId, userId);
      const sent = ctx.exchanges
        .filter((e) => GROUPS_PATH.test(new URL(e.request.url).pathname))
        .map((e) => `${e.request.method} ${new URL(e.request.url).pathname}`);
      ctx.expect(
        sent.length === 0,
        `The IdP sent ${sent.length} group requests to ${name}, which has no SCIM groups (${requirement}): ${sent.join(', ')}`,
      );
      const rule = `${name} serves no /Groups (${requirement})`;
      expectScimError(ctx, await ctx.scim.get('/Groups'), 404, undefined, rule);
      expectScimError(
        ctx,
        await ctx.scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineering' }),
        404,
        undefined,
        rule,
      );
      ctx.expect(
        setup.sp.state().groups.length === 0,
        `${name} holds groups although it has none (${requirement})`,
      );
    },
  });
}
