import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject } from '#harness/scim';
import { createUser, expectScimError, expectStatus } from '../support.js';

export const readListScenarios = [
  defineScenario({
    id: 'scim-protocol/get-user-by-id',
    title: 'GET /Users/{id} returns the user',
    requirements: ['SCIM-READ'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const response = await ctx.scim.get(`/Users/${id}`);
      expectStatus(ctx, response, 200, 'RFC 7644 §3.4.1');
      ctx.expect(
        isJsonObject(response.body) && response.body.id === id && response.body.userName === sent.userName,
        'GET /Users/{id} did not return the user just created',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/get-unknown-404',
    title: 'GET of an unknown id answers 404 as a SCIM error',
    requirements: ['SCIM-READ', 'SCIM-ERRORS'],
    // RFC 7644 §3.12: "Implementers SHOULD handle the identified HTTP status codes as described below".
    level: 'SHOULD',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.get('/Users/00000000-0000-4000-8000-000000000000-missing');
      expectScimError(ctx, response, 404, undefined, 'RFC 7644 §3.12 (SHOULD): resource not found');
    },
  }),
];
