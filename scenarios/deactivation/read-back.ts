import { defineScenario, type ScenarioContext } from '#harness/runner';
import type { JsonObject } from '#harness/scim';
import { act, assignedUser, lifecycle, readBack } from '../read-back.js';

const requires = { provisioning: true } as const;

/** How `active` reads back, for a message: a string "False" is not a boolean false. */
const shown = (resource: JsonObject | undefined): string =>
  resource === undefined ? 'the user is gone (404)' : `active reads back ${JSON.stringify(resource.active)}`;

/** What a deactivation that does not take effect costs (the checks are security checks: critical). */
const KEEPS_ACCESS = 'someone who left keeps access to the app';

export const readBackDeactivationScenarios = [
  defineScenario({
    id: 'deactivation/suspend-read-back',
    title: 'suspending a user in the IdP makes the user inactive',
    requirements: ['SCIM-LIFECYCLE-DEACTIVATE'],
    level: 'MUST',
    clause: 'RFC 7643 §4.1.1 (active); RFC 7644 §3.5.2',
    security: true,
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { userId, spId } = await assignedUser(ctx, setup);
      await act(ctx, setup, 'deactivate the user', () => setup.idp.setSuspended(userId, true));
      const { resource } = await readBack(ctx, '/Users', spId);
      ctx.expect(
        resource === undefined || resource.active === false,
        `After ${setup.dialect.idp} deactivated the user, ${shown(resource)}: ${KEEPS_ACCESS} (RFC 7643 §4.1.1: active is a Boolean; the deactivation must take effect or be refused)`,
      );
    },
  }),
  defineScenario({
    id: 'deactivation/unassign-read-back',
    title: 'removing a user from the app in the IdP deactivates or deletes the user',
    requirements: ['SCIM-LIFECYCLE-DEACTIVATE'],
    level: 'MUST',
    clause: 'RFC 7643 §4.1.1 (active); RFC 7644 §3.5.2, §3.6',
    security: true,
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { userId, spId } = await assignedUser(ctx, setup);
      await act(ctx, setup, 'unassign the user', () => setup.idp.removeFromGroup(setup.groupId, userId));
      const { resource } = await readBack(ctx, '/Users', spId);
      ctx.expect(
        resource === undefined || resource.active === false,
        `After ${setup.dialect.idp} unassigned the user, ${shown(resource)}: ${KEEPS_ACCESS}`,
      );
    },
  }),
  defineScenario({
    id: 'deactivation/reactivate-read-back',
    title: 'a suspended user restored in the IdP is active again',
    requirements: ['SCIM-LIFECYCLE-REACTIVATE'],
    level: 'MUST',
    clause: 'RFC 7643 §4.1.1 (active); RFC 7644 §3.5',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { userId, spId } = await assignedUser(ctx, setup);
      await act(ctx, setup, 'deactivate the user', () => setup.idp.setSuspended(userId, true));
      await act(ctx, setup, 'reactivate the user', () => setup.idp.setSuspended(userId, false));
      const { resource } = await readBack(ctx, '/Users', spId);
      ctx.expect(
        resource?.active === true,
        `After ${setup.dialect.idp} restored the user, ${shown(resource)}: a returning employee cannot work until support steps in`,
      );
    },
  }),
  defineScenario({
    id: 'deactivation/delete-read-back',
    title: 'deleting a user in the IdP deletes it in the app, or deactivates it where the IdP never deletes',
    requirements: ['SCIM-LIFECYCLE-DELETE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.6',
    security: true,
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { userId, spId } = await assignedUser(ctx, setup);
      await act(ctx, setup, 'remove the deleted user', () => setup.idp.deleteUser(userId));
      const { resource } = await readBack(ctx, '/Users', spId);
      ctx.expect(
        resource === undefined || resource.active === false,
        `After ${setup.dialect.idp} deleted the user, ${shown(resource)}: ${KEEPS_ACCESS} (RFC 7644 §3.6: a deleted resource answers 404)`,
      );
    },
  }),
];
