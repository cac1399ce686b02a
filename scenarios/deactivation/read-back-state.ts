import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject } from '#harness/scim';
import { act, assignedUser, lifecycle, provisioned, usersNamed } from '../read-back.js';

const requires = { provisioning: true } as const;

export const readBackStateScenarios = [
  defineScenario({
    id: 'deactivation/suspend-keeps-profile',
    title: 'a deactivated user keeps its userName and name',
    requirements: ['SCIM-LIFECYCLE-DEACTIVATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.3 (replace changes only the target)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { person, userId, spId } = await assignedUser(ctx, setup);
      await act(ctx, setup, 'deactivate the user', () => setup.idp.setSuspended(userId, true));
      const after = await provisioned(ctx, spId);
      const name = isJsonObject(after.name) ? after.name : {};
      ctx.expect(
        String(after.userName).toLowerCase() === person.username.toLowerCase() &&
          name.familyName === person.lastname,
        `After ${setup.dialect.idp} deactivated the user, userName reads back ${JSON.stringify(after.userName)} and name.familyName ${JSON.stringify(name.familyName)}: a deactivation changed more than active, so a reactivated user comes back with a different identity`,
      );
    },
  }),
  defineScenario({
    id: 'deactivation/deactivated-lookup-read-back',
    title: "a deactivated user is still found by the IdP's userName lookup",
    requirements: ['SCIM-LIFECYCLE-DEACTIVATE', 'SCIM-LIST-FILTER'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.2; RFC 7643 §4.1.1 (active)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { person, userId, spId } = await assignedUser(ctx, setup);
      await act(ctx, setup, 'deactivate the user', () => setup.idp.setSuspended(userId, true));
      const named = await usersNamed(ctx, person.username);
      ctx.expect(
        named.length === 1 && named[0]!.id === spId,
        `After ${setup.dialect.idp} deactivated ${person.username}, the lookup userName eq finds ${named.length} users: an IdP reconnecting, or another IdP, creates a duplicate instead of reactivating (active is an attribute, not a deletion: RFC 7643 §4.1.1)`,
      );
    },
  }),
];
