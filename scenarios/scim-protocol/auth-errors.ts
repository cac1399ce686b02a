import { defineScenario } from '#harness/runner';
import type { ScenarioContext } from '#harness/runner';
import { expectScimError } from '../support.js';

export const authScenarios = [
  defineScenario({
    id: 'scim-protocol/auth-missing-token-401',
    title: 'a request without a token answers 401',
    requirements: ['SCIM-AUTH'],
    level: 'MUST',
    security: true,
    async run(ctx: ScenarioContext) {
      const response = await ctx.client(null).get('/Users');
      expectScimError(ctx, response, 401, undefined, 'RFC 7644 §3.12 / RFC 6750 §3: no credentials');
    },
  }),
  defineScenario({
    id: 'scim-protocol/auth-wrong-token-401',
    title: 'a request with a wrong token answers 401 and creates nothing',
    requirements: ['SCIM-AUTH'],
    level: 'MUST',
    security: true,
    async run(ctx: ScenarioContext) {
      const userName = `${ctx.unique('intruder').toLowerCase()}@example.com`;
      const response = await ctx
        .client(`${ctx.instance.token}-wrong`)
        .post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName });
      expectScimError(ctx, response, 401, undefined, 'RFC 7644 §3.12: an invalid token');
      const check = await ctx.scim.get('/Users', { query: { filter: `userName eq "${userName}"` } });
      const total = (check.body as { totalResults?: unknown } | undefined)?.totalResults;
      ctx.expect(total === 0, `A request with a wrong token created '${userName}'`);
    },
  }),
  defineScenario({
    id: 'scim-protocol/error-body-shape',
    title: 'error bodies carry schemas, status as a string, and detail',
    requirements: ['SCIM-ERRORS'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.get('/Users/no-such-user-id');
      expectScimError(ctx, response, 404, undefined, 'RFC 7644 §3.12');
    },
  }),
];
