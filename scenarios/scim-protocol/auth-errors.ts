import { defineScenario } from '#harness/runner';
import type { ScenarioContext } from '#harness/runner';
import { expectScimError, expectStatus } from '../support.js';

/** The check that judges the 401 status; the body and challenge checks stand on it. */
const REFUSAL_CHECK = 'scim-protocol/auth-missing-token-401';

/** A request without credentials, blocked unless the server refuses it with 401. */
async function refusedRequest(ctx: ScenarioContext) {
  const response = await ctx.client(null).get('/Users');
  ctx.require(
    response.status === 401,
    REFUSAL_CHECK,
    `GET /Users without a token answered ${response.status}, not 401`,
  );
  return response;
}

export const authScenarios = [
  defineScenario({
    id: REFUSAL_CHECK,
    title: 'a request without a token answers 401',
    requirements: ['SCIM-AUTH'],
    clause: 'RFC 7644 §2, §3.12; RFC 6750 §3.1',
    level: 'MUST',
    security: true,
    async run(ctx: ScenarioContext) {
      const response = await ctx.client(null).get('/Users');
      expectStatus(ctx, response, 401, 'RFC 7644 §3.12 / RFC 6750 §3: no credentials');
    },
  }),
  defineScenario({
    id: 'scim-protocol/auth-wrong-token-401',
    title: 'a request with a wrong token answers 401 and creates nothing',
    requirements: ['SCIM-AUTH'],
    clause: 'RFC 7644 §2, §3.12; RFC 6750 §3.1 (invalid_token)',
    level: 'MUST',
    security: true,
    async run(ctx: ScenarioContext) {
      const userName = `${ctx.unique('intruder').toLowerCase()}@example.com`;
      const response = await ctx
        .client(`${ctx.instance.token}-wrong`)
        .post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName });
      expectStatus(ctx, response, 401, 'RFC 7644 §3.12: an invalid token');
      const check = await ctx.scim.get('/Users', { query: { filter: `userName eq "${userName}"` } });
      const total = (check.body as { totalResults?: unknown } | undefined)?.totalResults;
      ctx.require(
        check.status === 200 && typeof total === 'number',
        'scim-protocol/filter-username-eq',
        `the lookup of '${userName}' answered ${check.status}`,
      );
      ctx.expect(total === 0, `A request with a wrong token created '${userName}'`);
    },
  }),
  defineScenario({
    id: 'scim-protocol/auth-error-body',
    title: 'a 401 carries a SCIM Error body',
    requirements: ['SCIM-AUTH', 'SCIM-ERRORS'],
    clause: 'RFC 7644 §3.12',
    level: 'MUST',
    impact: {
      severity: 'warning',
      consequence:
        'IdPs act on the 401 status alone; the admin sees a generic authorization error instead of the server’s detail',
    },
    async run(ctx: ScenarioContext) {
      const response = await refusedRequest(ctx);
      expectScimError(
        ctx,
        response,
        401,
        undefined,
        'RFC 7644 §3.12: errors are returned as SCIM Error JSON',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/auth-www-authenticate',
    title: 'a 401 names its scheme in WWW-Authenticate',
    requirements: ['SCIM-AUTH'],
    clause: 'RFC 9110 §11.6.1, §15.5.2; RFC 6750 §3',
    level: 'MUST',
    impact: {
      severity: 'note',
      consequence: 'no IdP reads the challenge; a generic HTTP client cannot learn the scheme to use',
    },
    async run(ctx: ScenarioContext) {
      const response = await refusedRequest(ctx);
      const challenge = response.headers['www-authenticate'] ?? '';
      ctx.expect(
        challenge.trim() !== '',
        'A 401 answer MUST carry a WWW-Authenticate header naming the scheme, e.g. `Bearer realm="scim"` (RFC 9110 §15.5.2, RFC 6750 §3); this one has none',
        [{ kind: 'http', exchange: response.exchange }],
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/error-body-shape',
    title: 'error bodies carry schemas, status as a string, and detail',
    requirements: ['SCIM-ERRORS'],
    clause: 'RFC 7644 §3.12',
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.get('/Users/no-such-user-id');
      expectScimError(ctx, response, 404, undefined, 'RFC 7644 §3.12');
    },
  }),
];
