import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject } from '#harness/scim';
import {
  act,
  assignedUser,
  lifecycle,
  messageOf,
  prefixedPerson,
  provisioned,
  usersNamed,
} from '../read-back.js';

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
  defineScenario({
    id: 'deactivation/delete-then-recreate-read-back',
    title: 'a user deleted in the IdP and later created again under the same username is provisioned again',
    requirements: ['SCIM-LIFECYCLE-DELETE', 'SCIM-LIFECYCLE-CREATE'],
    level: 'SHOULD',
    clause:
      'RFC 7644 §3.6 (a deleted resource is omitted from queries and answers 404), §3.3 (409 only for a conflict with an existing resource)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { person, userId } = await assignedUser(ctx, setup);
      await act(ctx, setup, 'remove the deleted user', () => setup.idp.deleteUser(userId));
      // Not assign(): a refused create is this check's finding, not a failure of create-read-back.
      const returning = await setup.idp.createUser({
        ...prefixedPerson(ctx),
        username: person.username,
        email: person.email,
        firstname: 'Returning',
      });
      await act(
        ctx,
        setup,
        `provision ${person.username} again`,
        () => setup.idp.addToGroup(setup.groupId, returning),
        (error) =>
          ctx.fail(
            `After ${setup.dialect.idp} deleted ${person.username}, a new employee given that username and email could not be provisioned: ${messageOf(error)}. The server omits the deleted user from lookups (RFC 7644 §3.6) yet still holds its name or address, so the IdP finds nobody to match and cannot create anyone: a rehire or a reused address needs the old account removed by hand. RFC 7644 does not say whether a deleted user's values may be reused; IdPs assume they can.`,
          ),
      );
      const named = await usersNamed(ctx, person.username);
      const active = named.filter((user) => user.active !== false);
      const name = isJsonObject(active[0]?.name) ? active[0].name : {};
      ctx.expect(
        active.length === 1 && name.givenName === 'Returning',
        `After ${setup.dialect.idp} deleted ${person.username} and a new employee got that username, the lookup finds ${active.length} active users${active.length === 1 ? ` named ${JSON.stringify(name.givenName)}` : ''}: the new employee has no account (RFC 7644 §3.6: a deleted user no longer exists for any operation)`,
      );
    },
  }),
];
