import { IdpError } from '#harness/idp';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import {
  act,
  assignedUser,
  lifecycle,
  messageOf,
  prefixedPerson,
  provisioned,
  usersNamed,
  requireMapped,
} from '../read-back.js';

const requires = { provisioning: true } as const;

export const readBackChangeScenarios = [
  defineScenario({
    id: 'provisioning/title-read-back',
    title: 'a job title set in the IdP reaches the user (an attribute that had no value)',
    requirements: ['SCIM-LIFECYCLE-UPDATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.1 (add), §3.5.2.3 (replace)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      requireMapped(ctx, setup, 'jobTitle', 'title');
      const { jobTitle: _title, ...person } = prefixedPerson(ctx);
      const { userId, spId } = await assignedUser(ctx, setup, person);
      await act(ctx, setup, 'set the title', () =>
        setup.idp.updateUser(userId, { jobTitle: 'Staff Tester' }),
      );
      const after = await provisioned(ctx, spId);
      ctx.expect(
        after.title === 'Staff Tester',
        `After ${setup.dialect.idp} set a title the user had not had, title reads back ${JSON.stringify(after.title)} (RFC 7644 §3.5.2: an add, or a replace of an absent attribute, sets it)`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/rehire-read-back',
    title: 'a user unassigned and assigned again is the same user, active, not a duplicate',
    requirements: ['SCIM-LIFECYCLE-REACTIVATE', 'SCIM-LIFECYCLE-CREATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5, §3.4.2.2',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { person, userId, spId } = await assignedUser(ctx, setup);
      await act(ctx, setup, 'unassign the user', () => setup.idp.removeFromGroup(setup.groupId, userId));
      await act(ctx, setup, 'assign the user again', () => setup.idp.addToGroup(setup.groupId, userId));
      const after = await provisioned(ctx, spId);
      const named = await usersNamed(ctx, person.username);
      ctx.expect(
        after.active === true && named.length === 1,
        `After ${setup.dialect.idp} unassigned and reassigned the user, active reads back ${JSON.stringify(after.active)} and ${named.length} users are named ${person.username}: a returning employee cannot sign in, or has two accounts`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/connect-wrong-token-refused',
    title: "the IdP's connection test with a wrong token fails, so a mistyped token is caught at once",
    requirements: ['SCIM-LIFECYCLE-CONNECT', 'SCIM-AUTH'],
    level: 'MUST',
    clause: 'RFC 7644 §2; RFC 6750 §3.1',
    security: true,
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      if (setup.app.catalog.scimAuth === 'oauth')
        ctx.notApplicable('the app is authorised by an OAuth consent, not a pasted token');
      const second = setup.idp.createApplication(setup.app.catalog, 'wrong-token');
      let refused: unknown;
      try {
        await setup.idp.activateIdm(second, {
          baseUrl: ctx.instance.scimBaseUrl!,
          token: 'sso-harness-wrong-token',
        });
      } catch (error) {
        refused = error;
      }
      ctx.expect(
        refused instanceof IdpError,
        `${setup.dialect.idp}'s connection test passed with a token the server never issued: the server does not check the bearer token (RFC 7644 §2)`,
      );
      ctx.note = `Refused as expected: ${messageOf(refused)}`.slice(0, 300);
    },
  }),
];
