/**
 * SparkPost's exclusion row (SPK-06): an attribute the admin excluded is never sent.
 */
import { mappedValue } from '#harness/idp';
import type { Scenario, ScenarioContext } from '#harness/runner';
import { createBody, onboard, provisioning, provisioningRequires as requires, updatesSent } from '#scenarios';
import { defineSparkPostCheck } from '../requirements.js';

export const sparkpostExclusionChecks: readonly Scenario[] = [
  defineSparkPostCheck({
    id: 'provisioning/sparkpost-excluded-attributes',
    title: 'SparkPost: an excluded name.givenName is never sent on create or update',
    requirements: ['SPK-06', 'IDP-IDM-09'],
    level: 'DOC',
    requires: { ...requires, sp: 'sparkpost' },
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { app, idp } = setup;
      try {
        app.excludeAttribute('name.givenName');
      } catch (error) {
        ctx.fail(
          `SparkPost's name.givenName row could not be excluded: ${String(error)}; it is optional (SPK-06)`,
        );
      }
      const person = ctx.people.next();
      const { userId, spId } = await onboard(ctx, setup, person);
      ctx.expect(spId !== undefined, `${person.email} was not provisioned in SparkPost`);
      const created = createBody(ctx, person.username);
      ctx.expect(created !== undefined, `No create of ${person.username} was sent`);
      ctx.expect(
        mappedValue(created, 'name.givenName') === undefined,
        `The create sent the excluded name.givenName '${String(mappedValue(created, 'name.givenName'))}' (SPK-06, IDP-IDM-09)`,
      );
      ctx.expect(
        mappedValue(created, 'name.familyName') === person.lastname,
        `The create left out name.familyName, which was not excluded (SPK-06)`,
      );
      const other = ctx.people.next();
      const mark = ctx.exchanges.length;
      await idp.updateUser(userId, { firstname: other.firstname, lastname: other.lastname });
      const updates = updatesSent(ctx, spId, mark);
      ctx.expect(
        updates.every((sent) => mappedValue(sent, 'name.givenName') === undefined),
        `An update sent the excluded name.givenName: ${JSON.stringify(updates)} (SPK-06, IDP-IDM-09)`,
      );
      ctx.expect(
        updates.some((sent) => mappedValue(sent, 'name.familyName') === other.lastname),
        `The change of the last name was not sent: ${JSON.stringify(updates)}; only the excluded attribute is held back (SPK-06)`,
      );
    },
  }),
];
