/**
 * The fixture app's check: a created user's displayName comes back in upper case (FIX-01).
 */
import type { Scenario, ScenarioContext } from '#harness/runner';
import { isJsonObject } from '#harness/scim';
import { createUser } from '#scenarios';
import { defineFixtureCheck } from './requirements.js';

export const fixtureChecks: readonly Scenario[] = [
  defineFixtureCheck({
    id: 'provisioning/fixture-display-name-upper-case',
    title: 'the fixture app stores displayName in upper case',
    requirements: ['FIX-01', 'SCIM-CREATE'],
    level: 'DOC',
    requires: { sp: 'fixture', inspection: true },
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx, { displayName: 'Ada Lovelace' });
      const read = await ctx.scim.get(`/Users/${id}`);
      const shown = isJsonObject(read.body) ? read.body.displayName : undefined;
      ctx.expect(
        shown === 'ADA LOVELACE',
        `displayName came back as ${JSON.stringify(shown)}; FIX-01 stores it in upper case`,
      );
    },
  }),
];
