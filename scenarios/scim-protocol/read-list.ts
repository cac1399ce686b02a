import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject, type ScimResponse } from '#harness/scim';
import { createUser, expectScimError, expectStatus } from '../support.js';

function resources(ctx: ScenarioContext, response: ScimResponse): JsonObject[] {
  expectStatus(ctx, response, 200, 'RFC 7644 §3.4.2');
  const body = response.body;
  ctx.expect(
    isJsonObject(body) && Array.isArray(body.Resources ?? []),
    `Expected a ListResponse (RFC 7644 §3.4.2), got ${response.text.slice(0, 200)}`,
  );
  return ((body.Resources as unknown[] | undefined) ?? []).filter(isJsonObject);
}

const quote = JSON.stringify;

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
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.get('/Users/00000000-0000-4000-8000-000000000000-missing');
      expectScimError(ctx, response, 404, undefined, 'RFC 7644 §3.12: resource not found');
    },
  }),
  defineScenario({
    id: 'scim-protocol/filter-username-eq',
    title: 'filter userName eq finds exactly the user',
    requirements: ['SCIM-LIST-FILTER', 'IDP-IDM-13'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      await createUser(ctx);
      const found = resources(
        ctx,
        await ctx.scim.get('/Users', { query: { filter: `userName eq ${quote(sent.userName)}` } }),
      );
      ctx.expect(
        found.length === 1 && found[0]!.id === id,
        `filter userName eq ${quote(sent.userName)} returned ${found.length} resources; expected exactly the one created`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/filter-username-case-insensitive',
    title: 'filter userName eq matches regardless of case (caseExact false)',
    requirements: ['SCIM-LIST-FILTER', 'IDP-IDM-03'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const upper = String(sent.userName).toUpperCase();
      const found = resources(
        ctx,
        await ctx.scim.get('/Users', { query: { filter: `userName eq ${quote(upper)}` } }),
      );
      ctx.expect(
        found.some((r) => r.id === id),
        `filter userName eq ${quote(upper)} did not find '${String(sent.userName)}': userName is caseExact false (RFC 7643 §4.1.1), so the lookup before create (IDP-IDM-03) would miss it and create a duplicate`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/filter-operators',
    title: 'filter operators sw, co, ew, pr, ne and and/or/not select the right users',
    requirements: ['SCIM-LIST-FILTER'],
    level: 'MUST',
    requires: { advertised: 'filter' },
    async run(ctx: ScenarioContext) {
      const prefix = ctx.unique('flt').toLowerCase();
      const a = await createUser(ctx, { userName: `${prefix}-alpha@example.com`, title: 'Engineer' });
      const b = await createUser(ctx, { userName: `${prefix}-beta@example.org` });
      const cases: [string, string[]][] = [
        [`userName sw ${quote(prefix)}`, [a.id, b.id]],
        [`userName co "-alpha@"`, [a.id]],
        [`userName ew "@example.org" and userName sw ${quote(prefix)}`, [b.id]],
        [`userName sw ${quote(prefix)} and title pr`, [a.id]],
        [`userName sw ${quote(prefix)} and not (title pr)`, [b.id]],
        [`(userName eq ${quote(a.sent.userName)}) or (userName eq ${quote(b.sent.userName)})`, [a.id, b.id]],
        [`userName sw ${quote(prefix)} and userName ne ${quote(a.sent.userName)}`, [b.id]],
        [`emails[type eq "work" and value co "-beta@"]`, [b.id]],
      ];
      for (const [filter, expected] of cases) {
        const found = resources(ctx, await ctx.scim.get('/Users', { query: { filter } })).map((r) => r.id);
        const ok =
          expected.every((id) => found.includes(id)) && found.every((id) => expected.includes(String(id)));
        ctx.expect(
          ok,
          `filter '${filter}' returned ${found.length} users [${found.join(', ')}]; expected [${expected.join(', ')}] (RFC 7644 §3.4.2.2)`,
        );
      }
    },
  }),
  defineScenario({
    id: 'scim-protocol/invalid-filter-400',
    title: 'an unparsable filter answers 400 invalidFilter, not a list',
    requirements: ['SCIM-LIST-FILTER', 'SCIM-ERRORS'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      await createUser(ctx);
      const response = await ctx.scim.get('/Users', { query: { filter: 'userName eq' } });
      expectScimError(
        ctx,
        response,
        400,
        'invalidFilter',
        'RFC 7644 §3.4.2.2: "the server MUST return … 400 … invalidFilter"',
      );
    },
  }),
];
